/**
 * What the loader cache (ParsedFileCache) remembers per file and per KB, and
 * how a record read back is checked and turned into what validation returns.
 */
import { FACETS, type AskedFile, type Facet, type FaqEntry } from './types.js';
import { isRecord } from './isRecord.js';
import type { EntriesValidation, EntryDraft, Located } from './validateEntries.js';
import type { ValidatedParts } from './validateKnowledgeBase.js';

/**
 * What one valid entries file gave, compactly: its entries, and per entry the
 * positions the checks across files report (entry, id, question, alternates,
 * facets present, in FACETS order) as [line, column] pairs. The drafts are
 * rebuilt around the entries' own strings: nothing is stored twice.
 */
export interface CachedFile {
  readonly file: string;
  readonly entries: readonly FaqEntry[];
  readonly positions: readonly (readonly number[])[];
}

/** What a KB that passed every check gave besides its entries: its version, taxonomy and synonyms (keyed by every file's digest). */
export interface WholeRecord extends ValidatedParts {
  readonly version: string;
  readonly valid: true;
}

/** What one valid asked file gave: the file, and where each of its labels was read. */
export interface CachedAsked {
  readonly asked: AskedFile;
  readonly labels: readonly { readonly value: string; readonly line: number; readonly column: number; readonly field: string }[];
}

/** [line, column] pairs of a valid draft: entry, id, question, alternates, then the facets it has in FACETS order. */
export function positionsOf(draft: EntryDraft): number[] {
  const located = [draft.id, draft.question, ...draft.alternates, ...FACETS.map((facet) => draft.facets[facet])];
  const pairs = [draft.pos.line, draft.pos.column];
  for (const at of located) if (at !== undefined) pairs.push(at.line, at.column);
  return pairs;
}

/** A cached validation rebuilt as validateEntries returns it, or undefined when missing or malformed. */
export function fromCache(cached: unknown, file: string): EntriesValidation | undefined {
  if (!isCachedFile(cached) || cached.file !== file) return undefined;
  const drafts: EntryDraft[] = [];
  for (const [index, entry] of cached.entries.entries()) {
    const positions = new CachedPositions(file, cached.positions[index]);
    const id = positions.next(entry.id);
    const question = positions.next(entry.question);
    const alternates = entry.alternates.map((alternate) => positions.next(alternate));
    const facets: Partial<Record<Facet, Located<string>>> = {};
    for (const facet of FACETS) {
      const value = entry[facet];
      if (value !== undefined) facets[facet] = positions.next(value);
    }
    if (!positions.allRead()) return undefined;
    drafts.push({ file, pos: positions.entry, id, question, alternates, facets, entry });
  }
  return { drafts, problems: [] };
}

/** One entry's [line, column] pairs (see positionsOf), read in order (a class: no function made per entry). */
class CachedPositions {
  private at = 2;

  constructor(
    private readonly file: string,
    private readonly pairs: readonly number[],
  ) {}

  get entry(): { line: number; column: number } {
    return { line: this.pairs[0], column: this.pairs[1] };
  }

  next<T>(value: T): Located<T> {
    const located = { value, file: this.file, line: this.pairs[this.at], column: this.pairs[this.at + 1] };
    this.at += 2;
    return located;
  }

  allRead(): boolean {
    return this.at === this.pairs.length;
  }
}

export function isCachedAsked(value: unknown): value is CachedAsked {
  if (!isRecord(value) || !isRecord(value.asked) || !Array.isArray(value.labels)) return false;
  const { file, inScope, outOfScope, smallTalk } = value.asked;
  return (
    typeof file === 'string' &&
    [inScope, outOfScope, smallTalk].every((items) => Array.isArray(items) && items.every((item) => isRecord(item) && typeof item.q === 'string')) &&
    value.labels.every((label) => isRecord(label) && typeof label.value === 'string' && typeof label.line === 'number' && typeof label.column === 'number' && typeof label.field === 'string')
  );
}

export function isCachedFile(value: unknown): value is CachedFile {
  return (
    isRecord(value) &&
    typeof value.file === 'string' &&
    Array.isArray(value.entries) &&
    Array.isArray(value.positions) &&
    value.entries.length === value.positions.length &&
    value.entries.every((entry) => isRecord(entry) && typeof entry.id === 'string' && Array.isArray(entry.alternates)) &&
    value.positions.every((pairs) => Array.isArray(pairs) && pairs.every((n) => typeof n === 'number'))
  );
}

export function isWholeRecord(value: unknown): value is WholeRecord {
  return (
    isRecord(value) &&
    value.valid === true &&
    typeof value.version === 'string' &&
    isRecord(value.taxonomy) &&
    Array.isArray(value.taxonomy.questions) &&
    value.taxonomy.questions.every((question) => isRecord(question) && typeof question.facet === 'string' && Array.isArray(question.choices)) &&
    Array.isArray(value.synonyms) &&
    value.synonyms.every((group) => isRecord(group) && typeof group.canonical === 'string' && Array.isArray(group.terms))
  );
}
