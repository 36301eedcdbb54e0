import { bm25Idf, bm25Saturation, TYPO_MIN_LENGTH, type Bm25Hit } from './bm25.js';
import { forEachNeighbour } from './typoNeighbours.js';

/** One analysed document of a view and the entry it belongs to. */
export interface AnalysedDocument {
  readonly entry: number;
  readonly tokens: readonly string[];
}

/** `firstSeen` of a term absent from a view. */
const ABSENT = 0xffffffff;

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

/** Everything the index holds, as persisted by LexicalStore. */
export interface LexicalIndexState {
  readonly entryCount: number;
  readonly terms: readonly string[];
  readonly views: readonly ViewPostings[];
}

/** Per-entry lexical scores of one query: `scores[e]` for the entries listed in `candidates` (0 elsewhere). */
export interface EntryScores {
  readonly scores: Float64Array;
  readonly candidates: Uint32Array;
}

/**
 * The lexical side of the retriever: several views of every entry (each its
 * own BM25 collection with its own length and rarity statistics) over one
 * term dictionary, as typed-array postings. A query touches only the postings
 * of its terms, never the whole KB; unknown words are matched to a known term
 * one edit away through their edit neighbourhood (typoNeighbours.ts). Built
 * once from the analysed documents, or restored from its persisted state.
 */
export class LexicalIndex {
  private readonly termIds: Map<string, number>;
  private readonly alphabet: string;
  /** Scratch, one per view: accumulated raw score per document (0 = untouched), reused across queries. */
  private readonly accumulators: Float64Array[];
  private readonly viewBest: Float64Array[];

  private constructor(readonly state: LexicalIndexState) {
    this.termIds = new Map(state.terms.map((term, id) => [term, id]));
    const letters = new Set<string>();
    for (const term of state.terms) if (term.length >= TYPO_MIN_LENGTH) for (const unit of term.split('')) letters.add(unit);
    this.alphabet = [...letters].sort().join('');
    this.accumulators = state.views.map((view) => new Float64Array(view.documentLengths.length));
    this.viewBest = state.views.map(() => new Float64Array(state.entryCount));
  }

  /** Indexes `views[v]`, the analysed documents of view v, in order (document ids are positions). */
  static build(entryCount: number, views: readonly (readonly AnalysedDocument[])[]): LexicalIndex {
    const termIds = new Map<string, number>();
    const terms: string[] = [];
    const built = views.map((documents) => buildView(documents, termIds, terms));
    const termCount = terms.length;
    return new LexicalIndex({ entryCount, terms, views: built.map((view) => view(termCount)) });
  }

  /** Restores an index from {@link state}, checking that its arrays agree with each other. */
  static fromState(state: LexicalIndexState): LexicalIndex {
    const termCount = state.terms.length;
    for (const [v, view] of state.views.entries()) {
      const documentCount = view.documentLengths.length;
      const consistent =
        view.documentEntries.length === documentCount &&
        view.offsets.length === termCount + 1 &&
        view.firstSeen.length === termCount &&
        view.docs.length === view.frequencies.length &&
        view.offsets[termCount] === view.docs.length &&
        view.documentEntries.every((entry) => entry < state.entryCount) &&
        view.docs.every((doc) => doc < documentCount);
      if (!consistent) throw new Error(`LexicalIndex.fromState: view ${v} is inconsistent (corrupt or truncated state)`);
    }
    return new LexicalIndex(state);
  }

  get viewCount(): number {
    return this.state.views.length;
  }

  /** Number of documents of a view. */
  documentCount(view: number): number {
    return this.state.views[view].documentLengths.length;
  }

  /** Whether an analysed term occurs in some document of some view (exactly, without typo tolerance). */
  knows(term: string): boolean {
    return this.termIds.has(term);
  }

  /** Share of the analysed terms (repeats counted) that some view knows; 0 for no terms. */
  coverage(terms: readonly string[]): number {
    if (terms.length === 0) return 0;
    let known = 0;
    for (const term of terms) if (this.termIds.has(term)) known++;
    return known / terms.length;
  }

  /** Number of documents of `view` holding `term` (0 for unknown terms). */
  documentFrequency(view: number, term: string): number {
    const id = this.termIds.get(term);
    if (id === undefined) return 0;
    const { offsets } = this.state.views[view];
    return offsets[id + 1] - offsets[id];
  }

  /** Inverse document frequency of `term` in `view` (see bm25Idf). */
  idf(view: number, term: string): number {
    return bm25Idf(this.documentFrequency(view, term), this.documentCount(view));
  }

  /**
   * The term `view` matches for a query term: the term itself when the view has
   * it or when it is shorter than TYPO_MIN_LENGTH, else the view's most
   * frequent term one edit away (the first seen on ties), else itself.
   */
  correct(view: number, term: string): string {
    const postings = this.state.views[view];
    const own = this.termIds.get(term);
    if ((own !== undefined && postings.firstSeen[own] !== ABSENT) || term.length < TYPO_MIN_LENGTH) return term;
    let best = -1;
    let bestFrequency = 0;
    forEachNeighbour(term, this.alphabet, (candidate) => {
      if (candidate.length < TYPO_MIN_LENGTH) return;
      const id = this.termIds.get(candidate);
      if (id === undefined || postings.firstSeen[id] === ABSENT) return;
      const frequency = postings.offsets[id + 1] - postings.offsets[id];
      if (frequency > bestFrequency || (frequency === bestFrequency && postings.firstSeen[id] < postings.firstSeen[best])) {
        best = id;
        bestFrequency = frequency;
      }
    });
    return best < 0 ? term : this.state.terms[best];
  }

  /** The `k` best documents of one view, best first (ties by ascending document), as a BM25 collection of its own would return them. */
  search(view: number, analysed: readonly string[], k: number): Bm25Hit[] {
    if (!Number.isInteger(k) || k < 0) throw new Error(`LexicalIndex.search: k must be a non-negative integer (got ${k})`);
    const hits: Bm25Hit[] = [];
    const bound = this.accumulate(view, analysed, (doc, score, normalized) => hits.push({ docId: doc, score, normalized }));
    if (bound === 0) return [];
    return hits.sort((a, b) => b.score - a.score || a.docId - b.docId).slice(0, k);
  }

  /**
   * Each entry's weighted mean, over the views, of its best normalised BM25
   * score in that view; `weights[v]` weighs view v and the mean divides by
   * their sum. Only the entries some query term reaches are visited.
   */
  entryScores(analysed: readonly string[], weights: readonly number[]): EntryScores {
    const { entryCount } = this.state;
    const candidates: number[] = [];
    const touched = new Uint8Array(entryCount);
    for (let view = 0; view < this.viewCount; view++) {
      const best = this.viewBest[view];
      this.accumulate(view, analysed, (doc, _score, normalized) => {
        const entry = this.state.views[view].documentEntries[doc];
        if (normalized > best[entry]) best[entry] = normalized;
        if (touched[entry] === 0) {
          touched[entry] = 1;
          candidates.push(entry);
        }
      });
    }
    const weightSum = weights.reduce((a, b) => a + b, 0);
    const scores = new Float64Array(entryCount);
    for (const entry of candidates) {
      let sum = 0;
      for (let view = 0; view < this.viewCount; view++) {
        sum += weights[view] * this.viewBest[view][entry];
        this.viewBest[view][entry] = 0;
      }
      scores[entry] = sum / weightSum;
    }
    return { scores, candidates: Uint32Array.from(candidates) };
  }

  /**
   * Scores the documents of `view` holding some (corrected) query term, term
   * after term as the reference scanning index did (same additions in the same
   * order, so the same floating-point results), and reports each with its raw
   * and normalised score. Returns the normalisation bound (0 when no term).
   */
  private accumulate(view: number, analysed: readonly string[], report: (doc: number, score: number, normalized: number) => void): number {
    const postings = this.state.views[view];
    const documentCount = postings.documentLengths.length;
    const terms = [...new Set(analysed.map((term) => this.correct(view, term)))];
    if (terms.length === 0 || documentCount === 0) return 0;
    const averageLength = postings.totalLength / documentCount || 1;
    const scores = this.accumulators[view];
    const touched: number[] = [];
    let bound = 0;
    for (const term of terms) {
      const id = this.termIds.get(term);
      const start = id === undefined ? 0 : postings.offsets[id];
      const end = id === undefined ? 0 : postings.offsets[id + 1];
      const idf = bm25Idf(end - start, documentCount);
      bound += idf;
      for (let p = start; p < end; p++) {
        const doc = postings.docs[p];
        if (scores[doc] === 0) touched.push(doc);
        scores[doc] += idf * bm25Saturation(postings.frequencies[p], postings.documentLengths[doc], averageLength);
      }
    }
    for (const doc of touched) {
      const score = scores[doc];
      scores[doc] = 0;
      report(doc, score, bound > 0 ? score / bound : 0);
    }
    return bound;
  }
}

/** First pass over a view: assigns term ids, counts; returns the packing once the dictionary is complete. */
function buildView(documents: readonly AnalysedDocument[], termIds: Map<string, number>, terms: string[]): (termCount: number) => ViewPostings {
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
