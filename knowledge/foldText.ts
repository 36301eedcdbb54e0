/**
 * Text folding shared by every layer: the search analyser, duplicate
 * detection in the KB, and matching what a user types against commands and
 * button labels.
 */

const COMBINING_MARKS = /\p{M}+/gu;
const LIGATURES: Readonly<Record<string, string>> = { œ: 'oe', Œ: 'OE', æ: 'ae', Æ: 'AE', ß: 'ss' };
const APOSTROPHES = /[’‘`´ʼ]/g;
const SPACE_BEFORE_PUNCTUATION = /\s+([?!:;,.…])/g;
const SPACES = /\s+/g;

/** Removes accents and expands ligatures, keeping case (acronym detection needs it). */
export function foldAccents(text: string): string {
  return text
    .replace(/[œŒæÆß]/g, (ligature) => LIGATURES[ligature] ?? ligature)
    .normalize('NFD')
    .replace(COMBINING_MARKS, '');
}

/**
 * Folding used to decide whether two texts are "the same text": case-,
 * accent-, apostrophe- and space-insensitive. Not a search analyser (no
 * stemming, no stop words).
 */
export function foldForComparison(text: string): string {
  return foldAccents(text)
    .toLowerCase()
    .replace(APOSTROPHES, "'")
    .replace(SPACES, ' ')
    .replace(SPACE_BEFORE_PUNCTUATION, '$1')
    .trim();
}
