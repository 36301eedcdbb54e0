/**
 * The dictionary's terms one edit away from a word, found without building the
 * word's edit neighbourhood as strings. forEachNeighbour (typoNeighbours.ts)
 * makes a few hundred strings per word, each hashed again by a Map lookup
 * (~60 µs for a ten-letter word, paid by every unknown word of every question);
 * here each neighbour is a polynomial hash computed from the word's prefix and
 * suffix hashes in a few multiplications, looked up in an open-addressing
 * table of the terms' hashes, and only a matching hash is checked against the
 * term itself. The same neighbours over the same alphabet, so the same terms
 * are found (a hash collision is checked, never trusted).
 */

/** Hash multiplier (odd, so that multiplying by it is a bijection modulo 2^32). */
const BASE = 0x01000193;
/** Slot value of an empty slot of the table (slots hold term id + 1). */
const EMPTY = 0;

export class TermNeighbours {
  /** The letters of the terms held: every letter an insertion or a substitution can need. */
  readonly alphabet: string;
  private readonly codes: Uint16Array;
  private readonly slots: Int32Array;
  private readonly hashes: Int32Array;
  private readonly mask: number;
  /** Scratch per word: prefix hashes, suffix hashes and powers of BASE (grown for longer words). */
  private prefix = new Int32Array(64);
  private suffix = new Int32Array(64);
  private powers = new Int32Array(64);

  /** Holds the terms at least `minLength` long (the others are never typo corrections); ids are positions in `terms`. */
  constructor(
    private readonly terms: readonly string[],
    minLength: number,
  ) {
    const seen = new Uint8Array(0x10000);
    let count = 0;
    for (const term of terms) {
      if (term.length < minLength) continue;
      count++;
      for (let i = 0; i < term.length; i++) seen[term.charCodeAt(i)] = 1;
    }
    const codes: number[] = [];
    for (let code = 0; code < seen.length; code++) if (seen[code] !== 0) codes.push(code);
    this.codes = Uint16Array.from(codes);
    this.alphabet = String.fromCharCode(...codes);
    let size = 16;
    while (size < 2 * count) size *= 2;
    const mask = (this.mask = size - 1);
    const slots = (this.slots = new Int32Array(size));
    const hashes = (this.hashes = new Int32Array(size));
    for (let id = 0; id < terms.length; id++) {
      const term = terms[id];
      if (term.length < minLength) continue;
      // The term's polynomial hash, modulo 2^32 (inline: this loop runs at start-up, before anything else is optimised).
      let hash = 0;
      for (let i = 0; i < term.length; i++) hash = (Math.imul(hash, BASE) + term.charCodeAt(i)) | 0;
      let slot = hash & mask;
      while (slots[slot] !== EMPTY) slot = (slot + 1) & mask;
      slots[slot] = id + 1;
      hashes[slot] = hash;
    }
  }

  /**
   * Calls `visit` with the id of every held term one edit from `word`
   * (deletion, swap of neighbouring letters, insertion or substitution of a
   * letter of the alphabet), possibly more than once; never with `word`'s own id.
   */
  forEach(word: string, visit: (id: number) => void): void {
    const length = word.length;
    this.reserve(length + 2);
    const { prefix, suffix, powers, codes } = this;
    powers[0] = 1;
    for (let i = 1; i <= length + 1; i++) powers[i] = Math.imul(powers[i - 1], BASE);
    prefix[0] = 0;
    for (let i = 0; i < length; i++) prefix[i + 1] = (Math.imul(prefix[i], BASE) + word.charCodeAt(i)) | 0;
    // suffix[j]: hash of word[j..length).
    suffix[length] = 0;
    for (let j = length - 1; j >= 0; j--) suffix[j] = (Math.imul(word.charCodeAt(j), powers[length - 1 - j]) + suffix[j + 1]) | 0;
    for (let i = 0; i < length; i++) {
      this.probe((Math.imul(prefix[i], powers[length - 1 - i]) + suffix[i + 1]) | 0, word, i, i + 1, -1, -1, visit);
    }
    for (let i = 0; i + 1 < length; i++) {
      const [a, b] = [word.charCodeAt(i), word.charCodeAt(i + 1)];
      if (a === b) continue;
      const hash = Math.imul(prefix[i], powers[length - i]) + Math.imul(b, powers[length - i - 1]) + Math.imul(a, powers[length - i - 2]) + suffix[i + 2];
      this.probe(hash | 0, word, i, i + 2, b, a, visit);
    }
    for (let i = 0; i <= length; i++) {
      const inserted = Math.imul(prefix[i], powers[length - i + 1]) + suffix[i];
      const replaced = i < length ? Math.imul(prefix[i], powers[length - i]) + suffix[i + 1] : 0;
      const own = i < length ? word.charCodeAt(i) : -1;
      for (let c = 0; c < codes.length; c++) {
        const code = codes[c];
        this.probe((inserted + Math.imul(code, powers[length - i])) | 0, word, i, i, code, -1, visit);
        if (i < length && code !== own) this.probe((replaced + Math.imul(code, powers[length - i - 1])) | 0, word, i, i + 1, code, -1, visit);
      }
    }
  }

  /**
   * Looks up the candidate `word[0, from) + first + second + word[to, length)`
   * (-1: no such letter) by its hash; visits the term whose hash and text match.
   */
  private probe(hash: number, word: string, from: number, to: number, first: number, second: number, visit: (id: number) => void): void {
    const { slots, hashes, mask } = this;
    for (let slot = hash & mask; slots[slot] !== EMPTY; slot = (slot + 1) & mask) {
      if (hashes[slot] !== hash) continue;
      const id = slots[slot] - 1;
      if (this.spells(this.terms[id], word, from, to, first, second)) visit(id);
    }
  }

  /** Whether `term` is the candidate `word[0, from) + first + second + word[to, length)` (-1: no such letter). */
  private spells(term: string, word: string, from: number, to: number, first: number, second: number): boolean {
    const middle = (first >= 0 ? 1 : 0) + (second >= 0 ? 1 : 0);
    if (term.length !== from + middle + word.length - to) return false;
    if (!term.startsWith(word.slice(0, from)) || !term.endsWith(word.slice(to))) return false;
    return (first < 0 || term.charCodeAt(from) === first) && (second < 0 || term.charCodeAt(from + 1) === second);
  }

  private reserve(length: number): void {
    if (length <= this.prefix.length) return;
    this.prefix = new Int32Array(length);
    this.suffix = new Int32Array(length);
    this.powers = new Int32Array(length);
  }
}
