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
  if (documentEntries.length === entryCount && documentEntries.every((entry, doc) => entry === doc)) {
    return { offsets, entries: docs, maxima: contributions };
  }
  const termCount = offsets.length - 1;
  let count = 0;
  for (let term = 0; term < termCount; term++) {
    let last = -1;
    for (let p = offsets[term]; p < offsets[term + 1]; p++) {
      const entry = documentEntries[docs[p]];
      if (entry !== last) count++;
      last = entry;
    }
  }
  const entryOffsets = new Uint32Array(termCount + 1);
  const entries = new Uint32Array(count);
  const maxima = new Float64Array(count);
  const docStarts = new Uint32Array(count);
  let at = -1;
  for (let term = 0; term < termCount; term++) {
    entryOffsets[term] = at + 1;
    let last = -1;
    for (let p = offsets[term]; p < offsets[term + 1]; p++) {
      const entry = documentEntries[docs[p]];
      if (entry !== last) {
        entries[++at] = entry;
        docStarts[at] = p;
        last = entry;
      }
      if (contributions[p] > maxima[at]) maxima[at] = contributions[p];
    }
  }
  entryOffsets[termCount] = at + 1;
  return { offsets: entryOffsets, entries, maxima, docStarts };
}
