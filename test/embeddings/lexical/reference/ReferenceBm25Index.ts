import type { TextAnalyzer } from '../../../../embeddings/lexical/frenchAnalyzer.js';

/** Term-frequency saturation: the usual Okapi value; higher lets repeated words count longer. */
export const BM25_K1 = 1.2;
/** Length normalisation: 0 ignores document length, 1 fully normalises it. */
export const BM25_B = 0.75;

/** Unknown query terms at least this long are matched to a known term one edit away (typos: "referencemnt"). */
export const TYPO_MIN_LENGTH = 5;
/** Edits (insertion, deletion, substitution, swap of neighbours) a typo may be away from the known term. */
export const TYPO_MAX_EDITS = 1;

/** One lexical match. */
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

interface Posting {
  readonly docId: number;
  readonly frequency: number;
}

/**
 * The scanning BM25 index used before issue 12, kept as the reference of the
 * ranking-equivalence test: it compares a typo with the whole vocabulary and
 * scores by walking Map-based postings.
 * Okapi BM25 over documents analysed with a {@link TextAnalyzer}. In memory,
 * deterministic (ties are broken by ascending `docId`), rebuilt at start-up
 * from the KB: a few hundred short documents index in milliseconds.
 */
export class ReferenceBm25Index {
  private readonly postings = new Map<string, Posting[]>();
  private readonly lengths = new Map<number, number>();
  private totalLength = 0;
  /** Typo corrections already worked out (cleared when a document is added). */
  private readonly corrections = new Map<string, string>();

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
    this.corrections.clear();
  }


  private correct(term: string): string {
    if (this.postings.has(term) || term.length < TYPO_MIN_LENGTH) return term;
    const cached = this.corrections.get(term);
    if (cached !== undefined) return cached;
    let best = term;
    let bestFrequency = 0;
    for (const [known, list] of this.postings) {
      if (Math.abs(known.length - term.length) > TYPO_MAX_EDITS || known.length < TYPO_MIN_LENGTH) continue;
      if (list.length > bestFrequency && editDistance(known, term, TYPO_MAX_EDITS) <= TYPO_MAX_EDITS) {
        best = known;
        bestFrequency = list.length;
      }
    }
    this.corrections.set(term, best);
    return best;
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
    // Exact terms only: a word one edit from the KB's vocabulary helps ranking, but on the evaluation set
    // counting it as known let more out-of-scope questions through (rejection 90.9 % → 87.9 %).
    const terms = this.analyzer.analyze(query);
    if (terms.length === 0) return 0;
    return terms.filter((term) => this.knows(term)).length / terms.length;
  }

  /** Whether an analysed term occurs in some document (exactly, without typo tolerance). */
  knows(term: string): boolean {
    return this.postings.has(term);
  }

  /** The `k` best documents for `query`, best first. Documents matching no query term are not returned. */
  search(query: string, k: number): Bm25Hit[] {
    return this.searchTerms(this.analyzer.analyze(query), k);
  }

  /**
   * {@link search} for a query already analysed with this index's analyser, so
   * a caller searching several indexes analyses the query once. Each unknown
   * term is replaced by the known term within TYPO_MAX_EDITS (the most frequent
   * one when several are), so a typo still matches.
   */
  searchTerms(analysed: readonly string[], k: number): Bm25Hit[] {
    if (!Number.isInteger(k) || k < 0) throw new Error(`Bm25Index.searchTerms: k must be a non-negative integer (got ${k})`);
    const terms = [...new Set(analysed.map((term) => this.correct(term)))];
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
      .map(([docId, score]) => ({ docId, score, normalized: bound > 0 ? score / bound : 0 }))
      .sort((a, b) => b.score - a.score || a.docId - b.docId)
      .slice(0, k);
  }
}

/**
 * Optimal string alignment distance: Levenshtein plus the swap of two
 * neighbouring letters. With `atMost`, stops as soon as the distance must
 * exceed it and returns `atMost + 1`: the typo search compares a query word with
 * the whole vocabulary, and almost every pair is far apart within a few letters.
 */
export function editDistance(a: string, b: string, atMost = Infinity): number {
  // Three rolling rows (the swap looks two rows back) instead of a full matrix: this runs for every vocabulary word.
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
