import { foldAccents } from '../../knowledge/index.js';

/** The folded words of a message, each with the word as typed when it was read as a near small-talk word. */
export interface SmallTalkWords {
  readonly words: readonly string[];
  /** Parallel to `words`: the typed word (folded) read as the small-talk word one or two edits away (« bonjoru », « merco »), else undefined. */
  readonly typed: readonly (string | undefined)[];
}

/** Shortest typed word read as a near small-talk word: shorter ones (« nos », « ins ») are too close to everything. */
export const MIN_REPAIRED_LENGTH = 4;
/** Shortest small-talk word a typo is read as (« merci », « salut »): « aide » and « ok » are too short to guess. */
export const MIN_REPAIR_TARGET_LENGTH = 5;
/** Shortest typed word read at two edits (« exelent » for « excellent »); shorter ones get one edit. */
export const MIN_LENGTH_FOR_TWO_EDITS = 7;

/**
 * Reads messages against the small-talk vocabulary: accents, case,
 * punctuation and emojis dropped, « a+ » and « @+ » read as « a plus »,
 * English « n’t » as « not », stretched letters and SMS spellings brought back
 * to their usual form, and a word a typo away from a small-talk word read as
 * that word (reported in `typed`).
 */
export class SmallTalkWordReader {
  private readonly known: ReadonlySet<string>;
  /** Words a typo may be read as, grouped by length for the edit-distance scan, each with its letter counts. */
  private readonly targets: ReadonlyMap<number, readonly RepairTarget[]>;
  /**
   * The aliases as a Map: looked up by every typed word, an object answered « constructor » with
   * Object's own function (the reading threw), and V8 dropped the compiled lookup at each new word.
   */
  private readonly aliases: ReadonlyMap<string, string>;

  constructor(knownWords: Iterable<string>, aliases: Readonly<Record<string, string>>) {
    this.aliases = new Map(Object.entries(aliases));
    this.known = new Set([...knownWords, ...this.aliases.keys()]);
    const targets = new Map<number, RepairTarget[]>();
    for (const word of this.known) {
      if (word.length < MIN_REPAIR_TARGET_LENGTH) continue;
      targets.set(word.length, [...(targets.get(word.length) ?? []), { word, letters: letterCounts(word) }]);
    }
    this.targets = targets;
  }

  /**
   * The message's words; typos are looked for only when it has at most
   * `maxWords` words and `maxUnknown` unknown ones (longer messages are
   * questions, and the scan costs a few hundred edit distances per word).
   */
  read(text: string, limits: { readonly maxWords: number; readonly maxUnknown: number }): SmallTalkWords {
    const folded = foldAccents(text.normalize('NFC'))
      .toLowerCase()
      .replace(/(?<![\p{L}\p{N}])[a@] ?\+(?![\p{L}\p{N}])/gu, ' a plus ')
      .replace(/\bcan['’]t\b/gu, 'can not')
      .replace(/(\p{L})n['’]t\b/gu, '$1 not');
    const plains = (folded.match(/[\p{L}\p{N}]+/gu) ?? []).map((written) => ({ written, plain: this.unstretch(written) }));
    const repair = plains.length <= limits.maxWords && plains.filter(({ plain }) => !this.known.has(plain)).length <= limits.maxUnknown;
    const words: string[] = [];
    const typed: (string | undefined)[] = [];
    for (const { written, plain } of plains) {
      const near = !repair || this.known.has(plain) ? undefined : this.nearWord(plain);
      (this.aliases.get(near ?? plain) ?? near ?? plain).split(' ').forEach((word, index) => {
        words.push(word);
        typed.push(near !== undefined && index === 0 ? written : undefined);
      });
    }
    return { words, typed };
  }

  /**
   * A word with letters held for emphasis (« merciii », « bonjouuur », « nuuul »,
   * « okk », « pffff ») brought back to the known word it stretches: runs of three
   * or more first become two (« coool » → « cool ») or one (« hellooo » → « hello »), then any run becomes one.
   */
  private unstretch(word: string): string {
    if (this.known.has(word)) return word;
    // « journé », « soiré » for a feminine « -ée », « claire », « parfaite » for « clair », « parfait »: spellings, not typos.
    if (word.endsWith('e') && this.known.has(`${word}e`)) return `${word}e`;
    if (word.length > MIN_REPAIR_TARGET_LENGTH && word.endsWith('e') && this.known.has(word.slice(0, -1))) return word.slice(0, -1);
    // « utiles », « salutations »: a plural of a known word, not a typo.
    if (word.length > MIN_REPAIR_TARGET_LENGTH && word.endsWith('s') && this.known.has(word.slice(0, -1))) return word.slice(0, -1);
    const two = word.replace(/(\p{L})\1{2,}/gu, '$1$1');
    if (this.known.has(two)) return two;
    const held = word.replace(/(\p{L})\1{2,}/gu, '$1');
    if (this.known.has(held)) return held;
    const one = word.replace(/(\p{L})\1+/gu, '$1');
    return this.known.has(one) ? one : word;
  }

  /** The first small-talk word one edit away (two for long words), letters only; undefined when none is. */
  private nearWord(word: string): string | undefined {
    if (word.length < MIN_REPAIRED_LENGTH || !/^\p{L}+$/u.test(word)) return undefined;
    const maxEdits = word.length >= MIN_LENGTH_FOR_TWO_EDITS ? 2 : 1;
    const letters = letterCounts(word);
    for (let edits = 1; edits <= maxEdits; edits += 1) {
      for (let length = word.length - edits; length <= word.length + edits; length += 1) {
        // Most targets differ in more letters than `edits` edits can change: their distance is not computed.
        const near = this.targets
          .get(length)
          ?.find((target) => letterDifference(letters, target.letters) <= 2 * edits && editDistance(word, target.word, edits) <= edits);
        if (near !== undefined) return near.word;
      }
    }
    return undefined;
  }
}

/** A word a typo may be read as, with its letter counts (see {@link letterCounts}). */
interface RepairTarget {
  readonly word: string;
  readonly letters: Uint8Array;
}

/** Letter buckets: a to z, then one for every other character. */
const LETTER_BUCKETS = 27;
const CODE_A = 97;

/** How many times a word holds each letter a to z, and other characters together (folded words are mostly a to z). */
function letterCounts(word: string): Uint8Array {
  const counts = new Uint8Array(LETTER_BUCKETS);
  for (let i = 0; i < word.length; i += 1) {
    const bucket = word.charCodeAt(i) - CODE_A;
    counts[bucket >= 0 && bucket < LETTER_BUCKETS - 1 ? bucket : LETTER_BUCKETS - 1] += 1;
  }
  return counts;
}

/**
 * Σ |a − b| over the buckets: a lower bound of twice the edit distance (a substitution changes two counts by one,
 * an insertion or a deletion one, a swap none; merging letters into one bucket only lowers the sum).
 */
function letterDifference(a: Uint8Array, b: Uint8Array): number {
  let difference = 0;
  for (let i = 0; i < LETTER_BUCKETS; i += 1) difference += Math.abs(a[i] - b[i]);
  return difference;
}

/**
 * Pure: the optimal-string-alignment distance between two words (insertions,
 * deletions, substitutions and swaps of two neighbouring letters), or
 * `max + 1` as soon as it must exceed `max`.
 */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let before: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, before[j - 2] + 1);
      current.push(value);
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin > max) return max + 1;
    before = previous;
    previous = current;
  }
  return Math.min(previous[b.length], max + 1);
}

/** Keyboard rows (AZERTY and QWERTY): a word typed along one names nothing (« azerty », « asdfgh », « poiu »). */
const KEYBOARD_ROWS: readonly string[] = ['azertyuiop', 'qsdfghjklm', 'wxcvbn', 'qwertyuiop', 'asdfghjkl', 'zxcvbnm'];
/** Shortest word without a vowel read as no word (« rgpd », « rpps » are acronyms typed in lower case). */
export const MIN_VOWELLESS_LENGTH = 5;
/** Shortest run along a keyboard row read as keyboard mashing (« sdf » may be an acronym). */
export const MIN_KEYBOARD_RUN = 4;

/**
 * Pure: whether a folded typed word is no word of any language: one letter
 * (« k »), digits only (« 123 »), a letter held three times (« jjjj », « mmmh »),
 * a short syllable repeated (« kk », « blabla », « qsdqsd »), a run along a
 * keyboard row (« azerty », « asdfgh ») or a long run of consonants (« fdsfsdf »). Such a word names no subject, so a
 * message made of them and of function words is no question for the FAQ.
 */
export function looksLikeNoWord(word: string): boolean {
  if (/^\p{N}+$/u.test(word) || /^\p{L}$/u.test(word)) return true;
  if (/(\p{L})\1\1/u.test(word) || /^(\p{L}{1,4})\1+$/u.test(word)) return true;
  // Vowel-less words of five letters or more (« fdsfsdf », « qsdfg »): acronyms are shorter, or typed in capitals.
  if (word.length >= MIN_VOWELLESS_LENGTH && !/[aeiouy]/u.test(word)) return true;
  if (word.length < MIN_KEYBOARD_RUN) return false;
  return KEYBOARD_ROWS.some((row) => row.includes(word) || [...row].reverse().join('').includes(word));
}
