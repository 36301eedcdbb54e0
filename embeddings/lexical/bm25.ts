/**
 * Per-candidate BM25 scoring: the formulas and their constants, apart from
 * the inverted index that finds the candidates (LexicalIndex.ts), so a change
 * of scoring touches this file only.
 */

/** Term-frequency saturation: the usual Okapi value; higher lets repeated words count longer. */
export const BM25_K1 = 1.2;
/** Length normalisation: 0 ignores document length, 1 fully normalises it. */
export const BM25_B = 0.75;

/** Unknown query terms at least this long are matched to a known term one edit away (typos: "referencemnt"). */
export const TYPO_MIN_LENGTH = 5;
/** Edits (insertion, deletion, substitution, swap of neighbours) a typo may be away from the known term. */
export const TYPO_MAX_EDITS = 1;

/** One lexical match in one collection. */
export interface Bm25Hit {
  readonly docId: number;
  /** Raw Okapi BM25 score (unbounded, comparable only within one query). */
  readonly score: number;
  /**
   * Score comparable across queries: the raw score divided by the score a
   * document of average length containing every query term once would get
   * (that document scores 1). Query words unknown to the corpus count in that
   * bound, so a query about something the KB never mentions stays low. Not
   * capped: a shorter document with every term, or one repeating them, scores
   * above 1, and capping would tie it with weaker matches.
   */
  readonly normalized: number;
}

/** Inverse document frequency (the non-negative "+1" variant, so very common terms never subtract). */
export function bm25Idf(documentFrequency: number, documentCount: number): number {
  return Math.log(1 + (documentCount - documentFrequency + 0.5) / (documentFrequency + 0.5));
}

/** The document-length part of a term's saturation (bm25Saturation): the same for every term of a document. */
export function bm25LengthNorm(length: number, averageLength: number): number {
  return BM25_K1 * (1 - BM25_B + (BM25_B * length) / averageLength);
}

/** The term-frequency part of one term's score in one document (multiplied by the term's IDF), from the document's bm25LengthNorm. */
export function bm25Saturation(frequency: number, lengthNorm: number): number {
  return (frequency * (BM25_K1 + 1)) / (frequency + lengthNorm);
}

/**
 * Optimal string alignment distance: Levenshtein plus the swap of two
 * neighbouring letters. With `atMost`, stops as soon as the distance must
 * exceed it and returns `atMost + 1`.
 */
export function editDistance(a: string, b: string, atMost = Infinity): number {
  // Three rolling rows (the swap looks two rows back) instead of a full matrix.
  let before = new Array<number>(b.length + 1).fill(0);
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  let current = new Array<number>(b.length + 1).fill(0);
  let previousMin = 0;
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, before[j - 2] + 1);
      current[j] = value;
      rowMin = Math.min(rowMin, value);
    }
    // Later rows build on this one and (through a swap, at +1) the one before: both beyond the bound, so is the end.
    if (rowMin > atMost && previousMin > atMost) return atMost + 1;
    [before, previous, current] = [previous, current, before];
    previousMin = rowMin;
  }
  const distance = previous[b.length];
  return distance > atMost ? atMost + 1 : distance;
}
