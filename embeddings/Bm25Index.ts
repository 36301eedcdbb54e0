import type { TextAnalyzer } from './frenchAnalyzer.js';

/** Term-frequency saturation: the usual Okapi value; higher lets repeated words count longer. */
export const BM25_K1 = 1.2;
/** Length normalisation: 0 ignores document length, 1 fully normalises it. */
export const BM25_B = 0.75;

/** One lexical match. */
export interface Bm25Hit {
  readonly docId: number;
  /** Raw Okapi BM25 score (unbounded, comparable only within one query). */
  readonly score: number;
  /**
   * Score in [0, 1], comparable across queries: the raw score divided by the
   * score a document of average length containing every query term once would
   * get. Query words unknown to the corpus count in that bound, so a query
   * about something the KB never mentions stays low.
   */
  readonly normalized: number;
}

interface Posting {
  readonly docId: number;
  readonly frequency: number;
}

/**
 * Okapi BM25 over documents analysed with a {@link TextAnalyzer}. In memory,
 * deterministic (ties are broken by ascending `docId`), rebuilt at start-up
 * from the KB: a few hundred short documents index in milliseconds.
 */
export class Bm25Index {
  private readonly postings = new Map<string, Posting[]>();
  private readonly lengths = new Map<number, number>();
  private totalLength = 0;

  constructor(private readonly analyzer: TextAnalyzer) {}

  /** Number of indexed documents. */
  get size(): number {
    return this.lengths.size;
  }

  /** Indexes `text` under `docId`. A document with no analysable word is still counted (length 0). */
  add(docId: number, text: string): void {
    if (!Number.isInteger(docId) || docId < 0) {
      throw new Error(`Bm25Index.add: docId must be a non-negative integer (got ${docId})`);
    }
    if (this.lengths.has(docId)) {
      throw new Error(`Bm25Index.add: document ${docId} is already indexed`);
    }
    const tokens = this.analyzer.analyze(text);
    const counts = new Map<string, number>();
    for (const token of tokens) counts.set(token, (counts.get(token) ?? 0) + 1);
    for (const [term, frequency] of counts) {
      const list = this.postings.get(term) ?? [];
      list.push({ docId, frequency });
      this.postings.set(term, list);
    }
    this.lengths.set(docId, tokens.length);
    this.totalLength += tokens.length;
  }

  /** Inverse document frequency (the non-negative "+1" variant, so very common terms never subtract). */
  idf(term: string): number {
    const n = this.postings.get(term)?.length ?? 0;
    const total = this.lengths.size;
    return Math.log(1 + (total - n + 0.5) / (n + 0.5));
  }

  /**
   * Share of the query's analysed terms that occur somewhere in the corpus, in
   * [0, 1] (0 for a query without terms). A question about things the KB never
   * mentions ("e-prescription en officine") keeps a low share even when one of
   * its words matches.
   */
  coverage(query: string): number {
    const terms = this.analyzer.analyze(query);
    if (terms.length === 0) return 0;
    return terms.filter((term) => this.postings.has(term)).length / terms.length;
  }

  /** The `k` best documents for `query`, best first. Documents matching no query term are not returned. */
  search(query: string, k: number): Bm25Hit[] {
    if (!Number.isInteger(k) || k < 0) throw new Error(`Bm25Index.search: k must be a non-negative integer (got ${k})`);
    const terms = [...new Set(this.analyzer.analyze(query))];
    if (terms.length === 0 || this.lengths.size === 0 || k === 0) return [];
    const averageLength = this.totalLength / this.lengths.size || 1;
    const scores = new Map<number, number>();
    let bound = 0;
    for (const term of terms) {
      const idf = this.idf(term);
      bound += idf;
      for (const { docId, frequency } of this.postings.get(term) ?? []) {
        const length = this.lengths.get(docId) ?? 0;
        const saturation = (frequency * (BM25_K1 + 1)) / (frequency + BM25_K1 * (1 - BM25_B + (BM25_B * length) / averageLength));
        scores.set(docId, (scores.get(docId) ?? 0) + idf * saturation);
      }
    }
    return [...scores]
      .map(([docId, score]) => ({ docId, score, normalized: bound > 0 ? Math.min(1, score / bound) : 0 }))
      .sort((a, b) => b.score - a.score || a.docId - b.docId)
      .slice(0, k);
  }
}
