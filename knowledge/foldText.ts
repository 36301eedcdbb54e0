/**
 * Folding used to decide whether two KB phrasings are "the same text":
 * case-, accent-, apostrophe- and space-insensitive. Not a search analyser
 * (no stemming, no stop words): only for duplicate detection.
 */

const APOSTROPHES = /[’‘`´ʼ]/g;
const COMBINING_MARKS = /\p{M}/gu;
const SPACE_BEFORE_PUNCTUATION = /\s+([?!:;,.…])/g;
const SPACES = /\s+/g;

export function foldForComparison(text: string): string {
  return text
    .normalize('NFD')
    .replace(COMBINING_MARKS, '')
    .replace(/œ/g, 'oe')
    .replace(/Œ/g, 'OE')
    .toLowerCase()
    .replace(APOSTROPHES, "'")
    .replace(SPACES, ' ')
    .replace(SPACE_BEFORE_PUNCTUATION, '$1')
    .trim();
}
