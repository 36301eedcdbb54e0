import type { ViewPostings } from './viewPostings.js';

/**
 * The postings of a view at entry level: for each term, the entries holding
 * it (ascending, from `offsets[t]` to `offsets[t + 1]`) and the term's largest
 * contribution among the entry's documents. They bound an entry's score in
 * the view without scoring it: the best document cannot score more than the
 * sum of each term's best contribution in the entry. In a view with one
 * document per entry (all the phrasings joined, the answer) the bound is the
 * score itself, and these are the document postings, shared, not copied.
 */
export interface EntryPostings {
  readonly offsets: Uint32Array;
  readonly entries: Uint32Array;
  readonly maxima: Float64Array;
  /**
   * Per entry posting, where the entry's documents start in the term's
   * document postings: an entry is scored from there, without searching the
   * list. Undefined in a view with one document per entry (the same positions).
   */
  readonly docStarts?: Uint32Array;
}

/** Entry postings of `view`, whose per-posting contributions are `contributions` (documents of an entry are consecutive). */
export function entryPostings(view: ViewPostings, contributions: Float64Array, entryCount: number): EntryPostings {
  const { documentEntries, offsets, docs } = view;
  if (isOnePerEntry(documentEntries, entryCount)) {
    return { offsets, entries: docs, maxima: contributions };
  }
  const termCount = offsets.length - 1;
  let count = 0;
  for (let term = 0; term < termCount; term++) count += entriesOf(documentEntries, docs, offsets[term], offsets[term + 1]);
  const postings: EntryPostingArrays = { entries: new Uint32Array(count), maxima: new Float64Array(count), docStarts: new Uint32Array(count) };
  const entryOffsets = new Uint32Array(termCount + 1);
  let at = 0;
  for (let term = 0; term < termCount; term++) {
    entryOffsets[term] = at;
    at = fillTerm(documentEntries, docs, contributions, offsets[term], offsets[term + 1], postings, at);
  }
  entryOffsets[termCount] = at;
  return { offsets: entryOffsets, ...postings };
}

interface EntryPostingArrays {
  readonly entries: Uint32Array;
  readonly maxima: Float64Array;
  readonly docStarts: Uint32Array;
}

// The two loops below are functions called per term so that V8 optimises them with complete type feedback: as
// loops over 2.5 million postings inside one call, their on-stack compilation was thrown away again and again.

/** How many entries the document postings [start, end) hold. */
function entriesOf(documentEntries: Uint32Array, docs: Uint32Array, start: number, end: number): number {
  let count = 0;
  let last = -1;
  for (let p = start; p < end; p++) {
    const entry = documentEntries[docs[p]];
    if (entry !== last) count++;
    last = entry;
  }
  return count;
}

/** Writes the entry postings of the document postings [start, end) from position `at`; returns the next position. */
function fillTerm(documentEntries: Uint32Array, docs: Uint32Array, contributions: Float64Array, start: number, end: number, out: EntryPostingArrays, at: number): number {
  const { entries, maxima, docStarts } = out;
  let next = at;
  let last = -1;
  for (let p = start; p < end; p++) {
    const entry = documentEntries[docs[p]];
    if (entry !== last) {
      entries[next] = entry;
      docStarts[next] = p;
      next++;
      last = entry;
    }
    if (contributions[p] > maxima[next - 1]) maxima[next - 1] = contributions[p];
  }
  return next;
}

/** Whether document d is entry d's only document (a loop: `every` with a callback is slow in start-up code). */
function isOnePerEntry(documentEntries: Uint32Array, entryCount: number): boolean {
  if (documentEntries.length !== entryCount) return false;
  for (let doc = 0; doc < entryCount; doc++) if (documentEntries[doc] !== doc) return false;
  return true;
}
