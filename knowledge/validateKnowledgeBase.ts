/**
 * Pure validation of the whole KB from source texts: per-file schema checks,
 * then cross-file checks (duplicate ids, facet values against the taxonomy,
 * alternates colliding with questions or other alternates, asked questions
 * labelled with an unknown entry). Reports every problem at once; the loader
 * only reads files and calls this. The asked questions become the entries'
 * `asked` phrasings (askedPhrasings.ts).
 */
import { withAskedPhrasings } from './askedPhrasings.js';
import type { KbProblem } from './KnowledgeBaseError.js';
import { sortProblems } from './KnowledgeBaseError.js';
import { foldedHash, foldForComparison } from './foldText.js';
import { computeKbVersion } from './kbVersion.js';
import { FACETS, type AskedFile, type FaqEntry, type KnowledgeBase, type SynonymGroup, type Taxonomy } from './types.js';
import { validateAsked, type AskedValidation } from './validateAsked.js';
import { validateEntries, type EntriesValidation, type EntryDraft, type Located } from './validateEntries.js';
import { validateSynonyms } from './validateSynonyms.js';
import { validateTaxonomy } from './validateTaxonomy.js';
import type { SourceText } from './yamlSource.js';

/** The raw texts of a KB folder, read by `readKbSources` or built by tests. */
export interface KbSources {
  readonly taxonomy: SourceText;
  readonly synonyms: SourceText;
  /** One per entries/*.yaml file, in the order entries should appear. */
  readonly entries: readonly SourceText[];
  /** One per asked/*.yaml file (questions vendors asked, labelled), in file-name order; none when absent. */
  readonly asked?: readonly SourceText[];
}

/** Tagged result: an invalid KB is an expected outcome, not an exception. */
export type KbValidation =
  | { readonly ok: true; readonly kb: KnowledgeBase }
  | { readonly ok: false; readonly problems: readonly KbProblem[] };

/** The parts of a KB that are not entries, remembered with its version once the whole KB passed every check. */
export interface ValidatedParts {
  readonly taxonomy: Taxonomy;
  readonly synonyms: readonly SynonymGroup[];
}

/** What a KB validated whole before gives without parsing any of its files again. */
export interface ValidatedBefore extends ValidatedParts {
  readonly entries: readonly FaqEntry[];
  readonly version: string;
}

/**
 * How per-file results are obtained: by default each entries file is parsed and
 * its version computed; the loader's cache (ParsedFileCache) returns both for
 * files it has seen, with the same results.
 */
export interface FileValidator {
  validateEntries(source: SourceText): EntriesValidation;
  /** validateAsked(source), or what it gave this exact file before. */
  validateAsked(source: SourceText): AskedValidation;
  /** The KB version of these sources (computed by `compute` unless known); asked once every check passed, with the KB's `parts`. */
  version(sources: readonly SourceText[], compute: () => string, parts: ValidatedParts): string;
  /**
   * The entries, version, taxonomy and synonyms of these exact sources when
   * they were validated whole before (every check passed) with the same
   * validation code: no file need be parsed and the checks across files need
   * not run again. Undefined otherwise.
   */
  validatedBefore?(sources: KbSources): ValidatedBefore | undefined;
}

const PARSE_EVERY_FILE: FileValidator = { validateEntries, validateAsked, version: (_sources, compute) => compute() };

export function validateKnowledgeBase(sources: KbSources, files: FileValidator = PARSE_EVERY_FILE): KbValidation {
  const askedSources = sources.asked ?? [];
  const asked = askedSources.map((source) => files.validateAsked(source));
  const known = files.validatedBefore?.(sources);
  if (known) {
    const askedFiles = validAsked(asked, new Set(known.entries.map((entry) => entry.id)));
    if (askedFiles !== undefined) {
      const kb = { entries: withAskedPhrasings(known.entries, askedFiles), taxonomy: known.taxonomy, synonyms: known.synonyms, asked: askedFiles };
      return { ok: true, kb: { ...kb, version: known.version } };
    }
  }
  const taxonomy = validateTaxonomy(sources.taxonomy);
  const synonyms = validateSynonyms(sources.synonyms);
  const validated = sources.entries.map((source) => files.validateEntries(source));
  const drafts = validated.flatMap((f) => f.drafts);
  const problems: KbProblem[] = [
    ...taxonomy.problems,
    ...synonyms.problems,
    ...validated.flatMap((f) => f.problems),
    ...checkIds(drafts),
    ...checkFacets(drafts, taxonomy.taxonomy),
    ...checkPhrasings(drafts),
    ...asked.flatMap((f) => f.problems),
    ...checkLabels(asked, new Set(drafts.flatMap((draft) => (draft.id === undefined ? [] : [draft.id.value])))),
  ];
  if (sources.entries.length === 0) {
    problems.push({ file: 'entries/', line: 1, column: 1, message: 'no entries/*.yaml file' });
  }
  const entries = drafts.map((d) => d.entry).filter((e): e is FaqEntry => e !== undefined);
  if (problems.length > 0 || entries.length !== drafts.length) {
    return { ok: false, problems: sortProblems(problems) };
  }
  const askedFiles = asked.flatMap((f) => (f.asked === undefined ? [] : [f.asked]));
  const content = { entries: withAskedPhrasings(entries, askedFiles), taxonomy: taxonomy.taxonomy, synonyms: synonyms.synonyms, asked: askedFiles };
  const all = [sources.taxonomy, sources.synonyms, ...sources.entries, ...askedSources];
  return { ok: true, kb: { ...content, version: files.version(all, () => computeKbVersion(content), content) } };
}

/** The asked files when every one is valid and labels known entries only; undefined otherwise (the full validation reports why). */
function validAsked(asked: readonly AskedValidation[], ids: ReadonlySet<string>): AskedFile[] | undefined {
  if (asked.some((f) => f.asked === undefined || f.problems.length > 0) || checkLabels(asked, ids).length > 0) return undefined;
  return asked.flatMap((f) => (f.asked === undefined ? [] : [f.asked]));
}

/** Every asked question is labelled with the id of a KB entry. */
function checkLabels(asked: readonly AskedValidation[], ids: ReadonlySet<string>): KbProblem[] {
  return asked.flatMap((f) =>
    f.labels.filter((label) => !ids.has(label.value)).map((label) => problemAt(label, `unknown entry id "${label.value}"`, undefined, label.field)),
  );
}

function problemAt(at: Located<unknown>, message: string, entryId: string | undefined, field: string): KbProblem {
  return { file: at.file, line: at.line, column: at.column, ...(entryId === undefined ? {} : { entryId }), field, message };
}

function where(at: Located<unknown>): string {
  return `${at.file}:${at.line}`;
}

function checkIds(drafts: readonly EntryDraft[]): KbProblem[] {
  const problems: KbProblem[] = [];
  const seen = new Map<string, Located<string>>();
  for (const draft of drafts) {
    if (draft.id === undefined) continue;
    const first = seen.get(draft.id.value);
    if (first === undefined) seen.set(draft.id.value, draft.id);
    else problems.push(problemAt(draft.id, `duplicate id (first used at ${where(first)})`, draft.id.value, 'id'));
  }
  return problems;
}

/** Facet values must be taxonomy choices, on a path where that facet's question is asked. */
function checkFacets(drafts: readonly EntryDraft[], taxonomy: Taxonomy): KbProblem[] {
  const problems: KbProblem[] = [];
  for (const draft of drafts) {
    const entryId = draft.id?.value;
    for (const facet of FACETS) {
      const located = draft.facets[facet];
      if (located === undefined) continue;
      const question = taxonomy.questions.find((q) => q.facet === facet);
      if (question === undefined) {
        problems.push(problemAt(located, `the taxonomy has no question for facet "${facet}"`, entryId, facet));
        continue;
      }
      const choices = question.choices.map((c) => c.value);
      if (!choices.includes(located.value)) {
        problems.push(problemAt(located, `unknown value "${located.value}" (choices: ${choices.join(', ')})`, entryId, facet));
        continue;
      }
      for (const other of FACETS) {
        const allowed = question.appliesWhen?.[other];
        const actual = draft.facets[other]?.value;
        if (allowed !== undefined && (actual === undefined || !allowed.includes(actual))) {
          const found = actual === undefined ? `no ${other}` : `${other} "${actual}"`;
          problems.push(problemAt(located, `facet "${facet}" only applies when ${other} is ${allowed.join(' or ')}, this entry has ${found}`, entryId, facet));
        }
      }
    }
  }
  return problems;
}

interface Phrasing {
  readonly entryId: string | undefined;
  readonly kind: 'question' | 'alternate';
  readonly at: Located<string>;
}

/**
 * Phrasings by the hash of their folded text (foldedHash): folds are built and
 * compared only on a hash hit, the rare duplicate or collision, where keying a
 * Map by 151,000 folded strings cost more than the whole check does now.
 */
class FoldedPhrasings {
  private readonly byHash = new Map<number, Phrasing | Phrasing[]>();

  /** The phrasing held whose fold equals `text`'s (whose hash is `hash`), if any. */
  find(text: string, hash: number): Phrasing | undefined {
    const held = this.byHash.get(hash);
    if (held === undefined) return undefined;
    const folded = foldForComparison(text);
    const same = (phrasing: Phrasing): boolean => foldForComparison(phrasing.at.value) === folded;
    return Array.isArray(held) ? held.find(same) : same(held) ? held : undefined;
  }

  add(hash: number, phrasing: Phrasing): void {
    const held = this.byHash.get(hash);
    if (held === undefined) this.byHash.set(hash, phrasing);
    else if (Array.isArray(held)) held.push(phrasing);
    else this.byHash.set(hash, [held, phrasing]);
  }
}

/** Questions are unique, and an alternate repeats neither a question nor another alternate. */
function checkPhrasings(drafts: readonly EntryDraft[]): KbProblem[] {
  const problems: KbProblem[] = [];
  const questions = new FoldedPhrasings();
  for (const draft of drafts) {
    if (draft.question === undefined) continue;
    const hash = foldedHash(draft.question.value);
    const first = questions.find(draft.question.value, hash);
    const entryId = draft.id?.value;
    if (first === undefined) questions.add(hash, { entryId, kind: 'question', at: draft.question });
    else problems.push(problemAt(draft.question, `same question as entry ${first.entryId ?? '?'} (${where(first.at)})`, entryId, 'question'));
  }
  const alternates = new FoldedPhrasings();
  for (const draft of drafts) {
    const entryId = draft.id?.value;
    draft.alternates.forEach((alternate, index) => {
      const hash = foldedHash(alternate.value);
      const question = questions.find(alternate.value, hash);
      if (question !== undefined) {
        const owner = question.entryId === entryId ? 'this entry' : `entry ${question.entryId ?? '?'}`;
        problems.push(problemAt(alternate, `identical to the question of ${owner} (${where(question.at)})`, entryId, `alternates[${index}]`));
        return;
      }
      const first = alternates.find(alternate.value, hash);
      if (first !== undefined) {
        const owner = first.entryId === entryId ? 'this entry' : `entry ${first.entryId ?? '?'}`;
        problems.push(problemAt(alternate, `identical to an alternate of ${owner} (${where(first.at)})`, entryId, `alternates[${index}]`));
        return;
      }
      alternates.add(hash, { entryId, kind: 'alternate', at: alternate });
    });
  }
  return problems;
}
