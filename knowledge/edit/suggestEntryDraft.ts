/**
 * A first new-entry draft for « Une nouvelle entrée est nécessaire »: the
 * questions of a cluster become the question and its phrasings, the facets
 * come from a nearby entry. The curator edits it before accepting; the patch
 * validation then applies the KB's rules (slug, facets, at least 6 phrasings).
 */
import { foldAccents, foldForComparison } from '../foldText.js';
import { FACETS, type FaqEntry } from '../types.js';
import type { NewEntryDraft } from './types.js';

/** Words kept in a suggested id, after the offer. */
const ID_WORDS = 6;
/** Shorter words ("le", "de", "MES" aside) say little in an id. */
const MIN_ID_WORD_LENGTH = 4;
/** Longer function words that say little in an id either (folded). */
const ID_FILLERS: ReadonlySet<string> = new Set([
  'avec', 'avoir', 'cette', 'comment', 'dans', 'elle', 'elles', 'etre', 'faut', 'leur', 'leurs', 'nous', 'notre', 'nos',
  'pour', 'quel', 'quelle', 'quelles', 'quels', 'sont', 'sur', 'vous', 'votre', 'vos',
]);

export interface SuggestEntryDraftOptions {
  /** The current KB entries: the id must be new, phrasings already in the KB are left out. */
  readonly entries: readonly FaqEntry[];
  /** The entry whose facets (and contact) the draft takes: the cluster's nearest entry, or one the curator picked. */
  readonly like: string;
}

/**
 * The draft for `texts` (most asked first): the first becomes the question,
 * the others its alternates (duplicates and phrasings the KB has are dropped).
 * Throws when `like` names no entry or no text is left, which is a caller error.
 */
export function suggestEntryDraft(texts: readonly string[], options: SuggestEntryDraftOptions): NewEntryDraft {
  const model = options.entries.find((entry) => entry.id === options.like);
  if (model === undefined) throw new Error(`suggestEntryDraft: no entry has the id "${options.like}"`);
  const known = new Set(options.entries.flatMap((entry) => [entry.question, ...entry.alternates]).map(foldForComparison));
  const kept: string[] = [];
  for (const text of texts) {
    const clean = text.replace(/\s+/g, ' ').trim();
    const folded = foldForComparison(clean);
    if (clean === '' || known.has(folded)) continue;
    known.add(folded);
    kept.push(clean);
  }
  const [question, ...alternates] = kept;
  if (question === undefined) throw new Error('suggestEntryDraft: every text is empty or already a phrasing of the KB');
  const facets: Record<string, string> = {};
  for (const facet of FACETS) {
    const value = model[facet];
    if (value !== undefined) facets[facet] = value;
  }
  return {
    id: uniqueId(`${model.offer}-${slugWords(question)}`, new Set(options.entries.map((entry) => entry.id))),
    question,
    alternates,
    facets: { ...facets, offer: model.offer, theme: model.theme },
    ...(model.contact === undefined ? {} : { contact: model.contact }),
  };
}

function slugWords(text: string): string {
  const words = foldAccents(text).toLowerCase().match(/[a-z0-9]+/g) ?? [];
  const meaningful = words.filter((word) => word.length >= MIN_ID_WORD_LENGTH && !ID_FILLERS.has(word)).slice(0, ID_WORDS);
  return (meaningful.length > 0 ? meaningful : ['question']).join('-');
}

function uniqueId(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  let suffix = 2;
  while (taken.has(`${base}-${suffix}`)) suffix += 1;
  return `${base}-${suffix}`;
}
