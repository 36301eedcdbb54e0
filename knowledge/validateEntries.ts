/**
 * Validation of one entries/*.yaml file, entry by entry. Checks that need the
 * whole KB (duplicates, facet values, alternates colliding) are done by
 * `validateKnowledgeBase` from the drafts returned here.
 */
import { isMap, isScalar, isSeq, type Node, type Pair, type YAMLMap } from 'yaml';
import type { KbProblem } from './KnowledgeBaseError.js';
import type { EntryLink, Facet, FaqEntry } from './types.js';
import { EMAIL_PATTERN, SLUG_PATTERN } from './validateTaxonomy.js';
import { YamlSource, describeNode, readPairs, readString, valueOf, type SourcePos, type SourceText } from './yamlSource.js';

/** Every entry needs at least this many alternate phrasings for retrieval to be robust. */
export const MIN_ALTERNATES = 6;

const ROOT_FIELDS = ['entries'] as const;
export const ENTRY_FIELDS = [
  'id', 'question', 'alternates', 'answer', 'offer', 'theme', 'corridor', 'dispositif', 'product',
  'links', 'contact', 'reviewed', 'missingFigure',
] as const;
const LINK_FIELDS = ['label', 'url'] as const;
const ENTRY_FACETS = ['offer', 'corridor', 'dispositif', 'product', 'theme'] as const satisfies readonly Facet[];
const REQUIRED_FACETS: readonly Facet[] = ['offer', 'theme'];

/** The seed closes each answer with this question; the bot asks it itself, so it must not be stored. */
const FEEDBACK_QUESTION = 'Cette réponse vous a-t-elle été utile';
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A value read from the file with where it was read. */
export interface Located<T> {
  readonly value: T;
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

/** What could be read of one entry; `entry` is set only when the entry itself is valid. */
export interface EntryDraft {
  readonly file: string;
  readonly pos: SourcePos;
  readonly id?: Located<string>;
  readonly question?: Located<string>;
  readonly alternates: readonly Located<string>[];
  readonly facets: Partial<Record<Facet, Located<string>>>;
  readonly entry?: FaqEntry;
}

/** What one entries file yielded: a draft per entry (valid or not) and the file's problems. */
export interface EntriesValidation {
  readonly drafts: readonly EntryDraft[];
  readonly problems: readonly KbProblem[];
}

/** Validates one entries file (the fast reader of plain block YAML first, `yaml` itself when it finds anything wrong: YamlSource.validate). */
export function validateEntries(text: SourceText): EntriesValidation {
  return YamlSource.validate(text, validateSource);
}

function validateSource(source: YamlSource): EntriesValidation {
  const drafts: EntryDraft[] = [];
  const root = source.root;
  if (source.problems.length > 0) return { drafts, problems: source.problems };
  if (!isMap(root)) {
    source.report(root, `the file must be a mapping with an "entries" list, found ${describeNode(root)}`);
    return { drafts, problems: source.problems };
  }
  const list = valueOf(readPairs(source, root, ROOT_FIELDS, {}).get('entries'));
  if (!isSeq(list) || list.items.length === 0) {
    source.report(list ?? root, `must be a non-empty list of entries, found ${describeNode(list)}`, { field: 'entries' });
    return { drafts, problems: source.problems };
  }
  list.items.forEach((item, index) => {
    if (!isMap(item)) {
      source.report(isScalar(item) || isSeq(item) ? item : list, `entries[${index}] must be a mapping, found ${describeNode(item)}`);
      return;
    }
    drafts.push(readEntry(source, item));
  });
  return { drafts, problems: source.problems };
}

function readEntry(source: YamlSource, map: YAMLMap): EntryDraft {
  const before = source.problems.length;
  // The id is read first so every problem of the entry can name it.
  const rawId = valueOf(map.items.find((pair) => isScalar(pair.key) && pair.key.value === 'id'));
  const idText = isScalar(rawId) && typeof rawId.value === 'string' ? rawId.value : undefined;
  const entryId = idText !== undefined && idText.trim() !== '' ? idText : undefined;
  const ctx = { entryId };

  const pairs = readPairs(source, map, ENTRY_FIELDS, ctx);
  // Function expressions are named at each creation under tsx (keepNames): the contexts are built once per entry instead.
  const required = { entryId, required: true };
  const optional = { entryId, required: false };
  const id = readString(source, map, pairs, 'id', required);
  if (id !== undefined && !SLUG_PATTERN.test(id)) {
    source.report(valueOf(pairs.get('id')), `"${id}" is not a slug (lower-case letters, digits, single hyphens)`, { ...ctx, field: 'id' });
  }
  const question = readString(source, map, pairs, 'question', required);
  const answer = readString(source, map, pairs, 'answer', required);
  if (answer?.includes(FEEDBACK_QUESTION)) {
    source.report(valueOf(pairs.get('answer')), `must not include "${FEEDBACK_QUESTION} ?" (the bot asks it)`, { ...ctx, field: 'answer' });
  }
  const alternates = readAlternates(source, map, pairs, entryId);
  const facets: Partial<Record<Facet, Located<string>>> = {};
  for (const facet of ENTRY_FACETS) {
    const value = readString(source, map, pairs, facet, REQUIRED_FACETS.includes(facet) ? required : optional);
    if (value !== undefined) facets[facet] = source.locate(value, valueOf(pairs.get(facet)));
  }
  const links = readLinks(source, pairs.get('links'), entryId);
  const contact = readString(source, map, pairs, 'contact', optional);
  if (contact !== undefined && !EMAIL_PATTERN.test(contact)) {
    source.report(valueOf(pairs.get('contact')), `"${contact}" is not an e-mail address`, { ...ctx, field: 'contact' });
  }
  const reviewed = readString(source, map, pairs, 'reviewed', optional);
  if (reviewed !== undefined && !isIsoDate(reviewed)) {
    source.report(valueOf(pairs.get('reviewed')), `"${reviewed}" is not a valid date (YYYY-MM-DD)`, { ...ctx, field: 'reviewed' });
  }
  const missingFigure = readString(source, map, pairs, 'missingFigure', optional);

  const draft = {
    file: source.file,
    pos: source.pos(map),
    ...(id === undefined ? {} : { id: source.locate(id, valueOf(pairs.get('id'))) }),
    ...(question === undefined ? {} : { question: source.locate(question, valueOf(pairs.get('question'))) }),
    alternates: alternates.map((a) => source.locate(a.value, a.node)),
    facets,
  };
  const valid = source.problems.length === before;
  if (!valid || id === undefined || question === undefined || answer === undefined || facets.offer === undefined || facets.theme === undefined) {
    return draft;
  }
  // Keys in sorted order: the KB version's canonical JSON then needs no sorted copy of each entry (kbVersion.ts).
  const entry: FaqEntry = {
    alternates: alternates.map((a) => a.value),
    answer,
    ...(contact === undefined ? {} : { contact }),
    ...(facets.corridor === undefined ? {} : { corridor: facets.corridor.value }),
    ...(facets.dispositif === undefined ? {} : { dispositif: facets.dispositif.value }),
    id,
    links,
    ...(missingFigure === undefined ? {} : { missingFigure }),
    offer: facets.offer.value,
    ...(facets.product === undefined ? {} : { product: facets.product.value }),
    question,
    ...(reviewed === undefined ? {} : { reviewed }),
    source: { file: source.file, line: draft.pos.line },
    theme: facets.theme.value,
  };
  return { ...draft, entry };
}

function readAlternates(
  source: YamlSource,
  map: Node,
  pairs: Map<string, Pair>,
  entryId: string | undefined,
): { value: string; node: Node }[] {
  const pair = pairs.get('alternates');
  if (pair === undefined) {
    source.report(map, 'required field is missing', { entryId, field: 'alternates' });
    return [];
  }
  const list = valueOf(pair);
  if (!isSeq(list)) {
    source.report(list ?? pair, `must be a list of strings, found ${describeNode(list)}`, { entryId, field: 'alternates' });
    return [];
  }
  const alternates: { value: string; node: Node }[] = [];
  list.items.forEach((item, index) => {
    if (!isScalar(item) || typeof item.value !== 'string' || item.value.trim() === '') {
      source.report(isScalar(item) ? item : list, `must be a non-empty string, found ${describeNode(item)}`, { entryId, field: `alternates[${index}]` });
      return;
    }
    alternates.push({ value: item.value, node: item });
  });
  if (list.items.length < MIN_ALTERNATES) {
    source.report(list.items.length === 0 ? pair : list, `has ${list.items.length} alternates, at least ${MIN_ALTERNATES} are required`, {
      entryId,
      field: 'alternates',
    });
  }
  return alternates;
}

function readLinks(source: YamlSource, pair: Pair | undefined, entryId: string | undefined): EntryLink[] {
  if (pair === undefined) return [];
  const list = valueOf(pair);
  if (!isSeq(list)) {
    source.report(list ?? pair, `must be a list of {label, url}, found ${describeNode(list)}`, { entryId, field: 'links' });
    return [];
  }
  const links: EntryLink[] = [];
  list.items.forEach((item, index) => {
    const path = `links[${index}]`;
    if (!isMap(item)) {
      source.report(isScalar(item) || isSeq(item) ? item : list, `must be a mapping {label, url}, found ${describeNode(item)}`, { entryId, field: path });
      return;
    }
    const fieldPrefix = `${path}.`;
    const pairs = readPairs(source, item, LINK_FIELDS, { entryId, fieldPrefix });
    const label = readString(source, item, pairs, 'label', { entryId, required: true, fieldPrefix });
    const url = readString(source, item, pairs, 'url', { entryId, required: true, fieldPrefix });
    if (url !== undefined && !isWebUrl(url)) {
      source.report(valueOf(pairs.get('url')), `"${url}" is not an absolute http(s) URL`, { entryId, field: `${path}.url` });
      return;
    }
    if (label !== undefined && url !== undefined) links.push({ label, url });
  });
  return links;
}

export function isWebUrl(text: string): boolean {
  if (!URL.canParse(text)) return false;
  const url = new URL(text);
  return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname.includes('.') && !/\s/.test(text);
}

/** A real calendar day written YYYY-MM-DD (rejects 2026-02-30). */
export function isIsoDate(text: string): boolean {
  const match = ISO_DATE.exec(text);
  if (match === null) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}
