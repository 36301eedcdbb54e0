import { bm25Idf, bm25Saturation, TYPO_MIN_LENGTH } from './bm25.js';
import { WALK_BLOCK } from './candidateWalk.js';
import { entryPostings, type EntryPostings } from './entryPostings.js';
import { LexicalQuery } from './LexicalQuery.js';
import { forEachNeighbour } from './typoNeighbours.js';

/** One analysed document of a view and the entry it belongs to. */
export interface AnalysedDocument {
  readonly entry: number;
  readonly tokens: readonly string[];
}

/** Query terms whose corrections are remembered (the memory is cleared beyond: visitors can type any word). */
const MAX_REMEMBERED_CORRECTIONS = 10_000;

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

/**
 * The lexical side of the retriever: several views of every entry (each its
 * own BM25 collection with its own length and rarity statistics) over one
 * term dictionary, as typed-array postings. A query touches only the postings
 * of its terms, never the whole KB, and ranking skips the entries that cannot
 * reach the k best (see LexicalQuery). Unknown words are matched to a known
 * term one edit away through their edit neighbourhood (typoNeighbours.ts).
 * Built once from the analysed documents, or restored from its persisted state.
 */
export class LexicalIndex {
  private readonly termIds: Map<string, number>;
  /** The letters of the terms at least TYPO_MIN_LENGTH long: every letter a typo correction can need. */
  readonly alphabet: string;
  private readonly remembered = new Map<string, readonly string[]>();
  /** Per view and posting: the term's IDF × the posting's saturation, the posting's whole share of a document's raw score. */
  readonly contributions: readonly Float64Array[];
  /** Per view and term: its largest contribution to any document (the bound used to skip entries). */
  readonly maxContributions: readonly Float64Array[];
  /** Per view: the postings at entry level, with each entry's best contribution (the bounds of the candidate walk). */
  readonly entryPostings: readonly EntryPostings[];
  /** Per view: the first document of each entry (entries' documents are consecutive), plus the document count. */
  readonly entryStarts: readonly Uint32Array[];
  /** Scratch for scoring one entry: one slot per document of the entry in a view. */
  readonly scratch: Float64Array;
  /** The most documents an entry has in a view. */
  readonly widest: number;
  /** Scratch for scoring a block of a candidate walk: `widest` slots per candidate, and each candidate's sum over the views (and its raw score in a view with one document per entry). */
  readonly blockScratch: Float64Array;
  readonly blockSums = new Float64Array(2 * WALK_BLOCK);

  private constructor(readonly state: LexicalIndexState) {
    this.termIds = new Map(state.terms.map((term, id) => [term, id]));
    const letters = new Set<string>();
    for (const term of state.terms) if (term.length >= TYPO_MIN_LENGTH) for (const unit of term.split('')) letters.add(unit);
    this.alphabet = [...letters].sort().join('');
    this.entryStarts = state.views.map((view, v) => entryStarts(view, state.entryCount, v));
    const contributions = state.views.map((view) => scoreContributions(view, state.terms.length));
    this.contributions = contributions.map((c) => c.contributions);
    this.maxContributions = contributions.map((c) => c.maxima);
    this.entryPostings = state.views.map((view, v) => entryPostings(view, this.contributions[v], state.entryCount));
    let widest = 0;
    for (const starts of this.entryStarts) for (let e = 0; e < state.entryCount; e++) widest = Math.max(widest, starts[e + 1] - starts[e]);
    this.scratch = new Float64Array(widest);
    this.widest = widest;
    this.blockScratch = new Float64Array(WALK_BLOCK * widest);
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

  /** The dictionary id of a term, undefined when no view has it. */
  termId(term: string): number | undefined {
    return this.termIds.get(term);
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
    return this.corrections(term)[view];
  }

  /** {@link correct} in every view: the edit neighbourhood is enumerated once for all views, and remembered. */
  corrections(term: string): readonly string[] {
    const known = this.remembered.get(term);
    if (known !== undefined) return known;
    const own = this.termIds.get(term);
    const views = this.state.views;
    const needed = views.map((postings) => !((own !== undefined && postings.firstSeen[own] !== ABSENT) || term.length < TYPO_MIN_LENGTH));
    const best = views.map(() => -1);
    if (needed.includes(true)) {
      const frequencies = views.map(() => 0);
      forEachNeighbour(term, this.alphabet, (candidate) => {
        if (candidate.length < TYPO_MIN_LENGTH) return;
        const id = this.termIds.get(candidate);
        if (id === undefined) return;
        views.forEach((postings, view) => {
          if (!needed[view] || postings.firstSeen[id] === ABSENT) return;
          const frequency = postings.offsets[id + 1] - postings.offsets[id];
          const first = best[view] < 0 ? ABSENT : postings.firstSeen[best[view]];
          if (frequency > frequencies[view] || (frequency === frequencies[view] && postings.firstSeen[id] < first)) {
            best[view] = id;
            frequencies[view] = frequency;
          }
        });
      });
    }
    const corrected = best.map((id) => (id < 0 ? term : this.state.terms[id]));
    if (this.remembered.size >= MAX_REMEMBERED_CORRECTIONS) this.remembered.clear();
    this.remembered.set(term, corrected);
    return corrected;
  }

  /** An analysed query against this index, views weighted by `weights` (see LexicalQuery). */
  query(analysed: readonly string[], weights: readonly number[]): LexicalQuery {
    if (weights.length !== this.viewCount) throw new Error(`LexicalIndex.query: ${weights.length} weights for ${this.viewCount} views`);
    return new LexicalQuery(this, analysed, weights);
  }
}

/** First document of each entry in a view; the documents of an entry must be consecutive. */
function entryStarts(view: ViewPostings, entryCount: number, v: number): Uint32Array {
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
function scoreContributions(view: ViewPostings, termCount: number): { contributions: Float64Array; maxima: Float64Array } {
  const documentCount = view.documentLengths.length;
  const averageLength = view.totalLength / documentCount || 1;
  const contributions = new Float64Array(view.docs.length);
  const maxima = new Float64Array(termCount);
  for (let term = 0; term < termCount; term++) {
    const [start, end] = [view.offsets[term], view.offsets[term + 1]];
    if (start === end) continue;
    const idf = bm25Idf(end - start, documentCount);
    let max = 0;
    for (let p = start; p < end; p++) {
      const contribution = idf * bm25Saturation(view.frequencies[p], view.documentLengths[view.docs[p]], averageLength);
      contributions[p] = contribution;
      if (contribution > max) max = contribution;
    }
    maxima[term] = max;
  }
  return { contributions, maxima };
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
