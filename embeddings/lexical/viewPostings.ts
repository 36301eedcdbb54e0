import { bm25Idf, bm25LengthNorm, bm25Saturation } from './bm25.js';

/**
 * The per-view postings of the lexical index (LexicalIndex) as typed arrays:
 * how they are built from analysed documents, checked when restored, and what
 * is derived from them once at start-up (each posting's score contribution,
 * the first document of each entry).
 */

/** One analysed document of a view and the entry it belongs to. */
export interface AnalysedDocument {
  readonly entry: number;
  readonly tokens: readonly string[];
}

/** `firstSeen` of a term absent from a view. */
export const ABSENT = 0xffffffff;

/**
 * One BM25 collection as typed arrays (compressed sparse rows): the postings
 * of term t are `docs`/`frequencies` from `offsets[t]` to `offsets[t + 1]`,
 * in ascending document order. Term ids are shared by every view.
 */
export interface ViewPostings {
  readonly totalLength: number;
  readonly documentLengths: Uint32Array;
  readonly documentEntries: Uint32Array;
  readonly offsets: Uint32Array;
  readonly docs: Uint32Array;
  readonly frequencies: Uint32Array;
  /** Rank of each term's first occurrence in this view (ABSENT when it has none): the typo tie-break. */
  readonly firstSeen: Uint32Array;
}

/** Whether a restored view's arrays agree with each other and with the dictionary and entry counts. */
export function isConsistent(view: ViewPostings, termCount: number, entryCount: number): boolean {
  const documentCount = view.documentLengths.length;
  const shapes =
    view.documentEntries.length === documentCount &&
    view.offsets.length === termCount + 1 &&
    view.firstSeen.length === termCount &&
    view.docs.length === view.frequencies.length &&
    view.offsets[termCount] === view.docs.length;
  return shapes && allBelow(view.documentEntries, entryCount) && allBelow(view.docs, documentCount);
}

/** Whether every value is below `limit` (a loop: at start-up, `every` with a callback was 4x slower on 2.5 million postings). */
function allBelow(values: Uint32Array, limit: number): boolean {
  for (let i = 0; i < values.length; i++) if (values[i] >= limit) return false;
  return true;
}

/** First document of each entry in a view; the documents of an entry must be consecutive. */
export function entryStarts(view: ViewPostings, entryCount: number, v: number): Uint32Array {
  const starts = new Uint32Array(entryCount + 1);
  const { documentEntries } = view;
  let doc = 0;
  for (let entry = 0; entry < entryCount; entry++) {
    starts[entry] = doc;
    while (doc < documentEntries.length && documentEntries[doc] === entry) doc++;
  }
  starts[entryCount] = doc;
  if (doc !== documentEntries.length) throw new Error(`LexicalIndex: view ${v} lists entries out of order (document ${doc})`);
  return starts;
}

/**
 * Each posting's share of its document's raw BM25 score (IDF × saturation),
 * computed once: every query adds the same products the scanning index
 * recomputed at each query, so scores stay equal to the last bit.
 */
export function scoreContributions(view: ViewPostings, termCount: number): { contributions: Float64Array; maxima: Float64Array } {
  const documentCount = view.documentLengths.length;
  const averageLength = view.totalLength / documentCount || 1;
  // Each document's length part of the saturation, once per document rather than once per posting.
  const norms = new Float64Array(documentCount);
  for (let doc = 0; doc < documentCount; doc++) norms[doc] = bm25LengthNorm(view.documentLengths[doc], averageLength);
  const contributions = new Float64Array(view.docs.length);
  const maxima = new Float64Array(termCount);
  for (let term = 0; term < termCount; term++) {
    const start = view.offsets[term];
    const end = view.offsets[term + 1];
    if (start !== end) maxima[term] = scoreTerm(view, norms, bm25Idf(end - start, documentCount), start, end, contributions);
  }
  return { contributions, maxima };
}

/**
 * Fills the contributions of one term's postings and returns the largest. A function of its own, called per term:
 * V8 then optimises it with complete type feedback, where one loop over 2.5 million postings was compiled on the
 * stack and thrown away again and again (half of the start-up's lexical load).
 */
function scoreTerm(view: ViewPostings, norms: Float64Array, idf: number, start: number, end: number, contributions: Float64Array): number {
  const { docs, frequencies } = view;
  let max = 0;
  for (let p = start; p < end; p++) {
    const contribution = idf * bm25Saturation(frequencies[p], norms[docs[p]]);
    contributions[p] = contribution;
    if (contribution > max) max = contribution;
  }
  return max;
}

/** First pass over a view: assigns term ids, counts; returns the packing once the dictionary is complete. */
export function buildView(documents: readonly AnalysedDocument[], termIds: Map<string, number>, terms: string[]): (termCount: number) => ViewPostings {
  const lists = new Map<number, number[]>();
  const firstSeen = new Map<number, number>();
  const documentLengths = new Uint32Array(documents.length);
  const documentEntries = new Uint32Array(documents.length);
  let totalLength = 0;
  let postingCount = 0;
  documents.forEach((document, doc) => {
    const counts = new Map<number, number>();
    for (const token of document.tokens) {
      let id = termIds.get(token);
      if (id === undefined) {
        id = terms.length;
        termIds.set(token, id);
        terms.push(token);
      }
      counts.set(id, (counts.get(id) ?? 0) + 1);
    }
    for (const [id, frequency] of counts) {
      if (!firstSeen.has(id)) firstSeen.set(id, firstSeen.size);
      let list = lists.get(id);
      if (list === undefined) lists.set(id, (list = []));
      list.push(doc, frequency);
      postingCount++;
    }
    documentLengths[doc] = document.tokens.length;
    documentEntries[doc] = document.entry;
    totalLength += document.tokens.length;
  });
  return (termCount) => {
    const offsets = new Uint32Array(termCount + 1);
    const docs = new Uint32Array(postingCount);
    const frequencies = new Uint32Array(postingCount);
    const seen = new Uint32Array(termCount).fill(ABSENT);
    let at = 0;
    for (let id = 0; id < termCount; id++) {
      offsets[id] = at;
      const list = lists.get(id);
      if (list === undefined) continue;
      seen[id] = firstSeen.get(id) ?? ABSENT;
      for (let i = 0; i < list.length; i += 2) {
        docs[at] = list[i];
        frequencies[at] = list[i + 1];
        at++;
      }
    }
    offsets[termCount] = at;
    return { totalLength, documentLengths, documentEntries, offsets, docs, frequencies, firstSeen: seen };
  };
}
