import { bm25Idf, TYPO_MIN_LENGTH } from './bm25.js';
import { WALK_BLOCK } from './candidateWalk.js';
import { entryPostings, type EntryPostings } from './entryPostings.js';
import { LexicalQuery } from './LexicalQuery.js';
import { TermNeighbours } from './TermNeighbours.js';
import { ABSENT, buildView, entryStarts, isConsistent, scoreContributions, type AnalysedDocument, type ViewPostings } from './viewPostings.js';

/** Query terms whose corrections are remembered (the memory is cleared beyond: visitors can type any word). */
const MAX_REMEMBERED_CORRECTIONS = 10_000;

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
 * term one edit away through their edit neighbourhood (TermNeighbours.ts).
 * Built once from the analysed documents, or restored from its persisted state.
 */
export class LexicalIndex {
  private readonly termIds: Map<string, number>;
  /** The typo search of this index and of the entry vocabulary (indexTermEntries): the terms one edit from a word. */
  readonly neighbours: TermNeighbours;
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
    this.termIds = new Map();
    for (let id = 0; id < state.terms.length; id++) this.termIds.set(state.terms[id], id);
    this.neighbours = new TermNeighbours(state.terms, TYPO_MIN_LENGTH);
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
    for (const [v, view] of state.views.entries()) {
      if (!isConsistent(view, state.terms.length, state.entryCount)) throw new Error(`LexicalIndex.fromState: view ${v} is inconsistent (corrupt or truncated state)`);
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
      this.neighbours.forEach(term, (id) => {
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
