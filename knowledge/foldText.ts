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
  const length = foldIntoOutput(text);
  return length === UNFOLDABLE ? foldByPipeline(text) : UTF16.decode(OUTPUT.subarray(0, length));
}

/**
 * A 32-bit hash of foldForComparison(text), computed without building the
 * folded string: equal folds hash equal, different ones rarely do, so a
 * caller looking for equal folds compares the folds only on a hash hit. The
 * KB's duplicate check hashes 151,000 phrasings at 10,000 entries, where
 * building and hashing their folded strings took twice as long.
 */
export function foldedHash(text: string): number {
  const length = foldIntoOutput(text);
  if (length !== UNFOLDABLE) {
    let hash = HASH_SEED;
    for (let i = 0; i < length; i++) hash = Math.imul(hash ^ OUTPUT[i], HASH_PRIME);
    return hash;
  }
  const folded = foldByPipeline(text);
  let hash = HASH_SEED;
  for (let i = 0; i < folded.length; i++) hash = Math.imul(hash ^ folded.charCodeAt(i), HASH_PRIME);
  return hash;
}

/** FNV-1a's 32-bit offset basis and prime (per UTF-16 unit rather than per byte). */
const HASH_SEED = 0x811c9dc5 | 0;
const HASH_PRIME = 0x01000193;

/**
 * Folding that decides whether two typed questions are "the same question":
 * like foldForComparison, and blind to punctuation too (« C'est quoi le MOS ? »
 * and « cest quoi le mos » are one). Used to deduplicate the asked phrasings
 * of an entry, and by the evaluation to keep a question out of the KB that
 * scores it.
 */
export function foldPhrasing(text: string): string {
  return foldAccents(text).toLowerCase().replace(NOT_LETTERS_OR_DIGITS, ' ').trim();
}

const NOT_LETTERS_OR_DIGITS = /[^\p{L}\p{N}]+/gu;

function foldByPipeline(text: string): string {
  return foldAccents(text)
    .toLowerCase()
    .replace(APOSTROPHES, "'")
    .replace(SPACES, ' ')
    .replace(SPACE_BEFORE_PUNCTUATION, '$1')
    .trim();
}

/**
 * The same folding character by character, from a table of what the pipeline
 * gives each character of the Latin and general punctuation blocks (a KB's
 * text, in practice): 3–4× faster on the 144,000 phrasings of a 10,000-entry
 * KB, whose duplicate check folds every one. Per character is exact there:
 * NFD decomposes each character alone (reordering only moves the combining
 * marks the folding drops), lower-casing is context-free below Greek, and the
 * spaces are collapsed, dropped before punctuation and trimmed as the
 * pipeline's replacements do. UNFOLDABLE for any other character (and very
 * long texts): the pipeline then folds the text. Otherwise writes the folded
 * text to OUTPUT and returns its length.
 */
function foldIntoOutput(text: string): number {
  if (text.length * 2 > OUTPUT.length) return UNFOLDABLE;
  let length = 0;
  let space = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const folded = code < TABLE_END ? TABLE[code] : UNSUPPORTED;
    if (folded === UNSUPPORTED) return UNFOLDABLE;
    if (folded === SPACE) {
      space = true;
      continue;
    }
    if (folded === REMOVED) continue;
    const several = folded === SEVERAL ? SEVERAL_CHARACTERS.get(code) ?? '' : '';
    if (space) {
      if (length > 0 && !PUNCTUATION.has(several === '' ? folded : several.charCodeAt(0))) OUTPUT[length++] = 0x20;
      space = false;
    }
    if (several === '') OUTPUT[length++] = folded;
    else for (let k = 0; k < several.length; k++) OUTPUT[length++] = several.charCodeAt(k);
  }
  return length;
}

/** foldIntoOutput for a text the table cannot fold. */
const UNFOLDABLE = -1;

/** Table codes that are not characters (U+FFFC–U+FFFF are never in the table's output). */
const UNSUPPORTED = 0;
const SPACE = 0xffff;
const REMOVED = 0xfffe;
const SEVERAL = 0xfffd;
const TABLE_END = 0x2070;
const TABLE = new Uint16Array(TABLE_END);
const SEVERAL_CHARACTERS = new Map<number, string>();
const PUNCTUATION = new Set([...'?!:;,.…'].map((char) => char.charCodeAt(0)));
const OUTPUT = new Uint16Array(1 << 15);
const UTF16 = new TextDecoder('utf-16le');

for (let code = 0; code < TABLE_END; code++) {
  // Latin, IPA and spacing modifiers, combining marks; general punctuation (’ … and the typographic spaces).
  if (code >= 0x370 && code < 0x2000) continue;
  const char = String.fromCharCode(code);
  const folded = foldAccents(char).toLowerCase().replace(APOSTROPHES, "'");
  if (/\s/.test(char)) TABLE[code] = SPACE;
  else if (folded === '') TABLE[code] = REMOVED;
  else if (/\s/.test(folded) || folded.charCodeAt(0) >= 0xfffc) TABLE[code] = UNSUPPORTED;
  else if (folded.length === 1) TABLE[code] = folded.charCodeAt(0);
  else {
    TABLE[code] = SEVERAL;
    SEVERAL_CHARACTERS.set(code, folded);
  }
}
