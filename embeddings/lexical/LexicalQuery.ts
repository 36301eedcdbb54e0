import { bm25Idf } from './bm25.js';
import { forEachCandidateScore, NO_POSITIONS, type WalkList } from './candidateWalk.js';
import type { LexicalIndex } from './LexicalIndex.js';
import { lowerBound } from './sortedSearch.js';

/** One view's side of the query: its corrected terms (in query order) and its normalisation bound. */
interface ViewTerms {
  /** Dictionary ids of the corrected terms this view holds, in the order the scanning index added them. */
  readonly ids: readonly number[];
  /** Sum of every corrected term's IDF, unknown terms included: a document of average length with each term once scores 1. */
  readonly bound: number;
}

/**
 * An analysed query against a LexicalIndex. An entry's lexical score is the
 * weighted mean over the views of its best normalised BM25 score in the view
 * (its best document). {@link scoreEntry} computes it exactly for one entry;
 * {@link forEachCandidate} walks the query's posting lists entry by entry and
 * skips the entries whose upper bound cannot reach the caller's threshold
 * (MaxScore: lists whose bounds sum below the threshold are only probed, never
 * walked), so a query of common words does not score the whole KB.
 */
export class LexicalQuery {
  private readonly views: readonly ViewTerms[];
  private readonly weightSum: number;

  constructor(
    private readonly index: LexicalIndex,
    analysed: readonly string[],
    private readonly weights: readonly number[],
  ) {
    this.weightSum = weights.reduce((a, b) => a + b, 0);
    const corrections = analysed.map((term) => index.corrections(term));
    this.views = weights.map((_, view) => {
      const documentCount = index.documentCount(view);
      const terms = [...new Set(corrections.map((corrected) => corrected[view]))];
      if (documentCount === 0) return { ids: [], bound: 0 };
      let bound = 0;
      const ids: number[] = [];
      for (const term of terms) {
        const frequency = index.documentFrequency(view, term);
        bound += bm25Idf(frequency, documentCount);
        if (frequency > 0) ids.push(index.termId(term) ?? -1);
      }
      return { ids, bound };
    });
  }

  /** Whether some entry can score above 0. */
  get matchesAnything(): boolean {
    return this.views.some((view) => view.ids.length > 0);
  }

  /**
   * The entry's lexical score: for each view, its documents' raw BM25 scores
   * (the query terms' contributions added in query order, as the scanning index
   * did), the best divided by the view's bound, weighted and averaged.
   */
  scoreEntry(entry: number): number {
    let sum = 0;
    for (let view = 0; view < this.views.length; view++) sum += this.weights[view] * this.viewScore(entry, view);
    return sum / this.weightSum;
  }

  /** The entry's normalised BM25 score in one view: its best document's (unweighted). */
  viewScore(entry: number, view: number): number {
    const { ids, bound } = this.views[view];
    if (ids.length === 0) return 0;
    const postings = this.index.state.views[view];
    const contributions = this.index.contributions[view];
    const first = this.index.entryStarts[view][entry];
    const last = this.index.entryStarts[view][entry + 1];
    const scratch = this.index.scratch;
    for (const id of ids) {
      const end = postings.offsets[id + 1];
      for (let p = lowerBound(postings.docs, postings.offsets[id], end, first); p < end && postings.docs[p] < last; p++) {
        scratch[postings.docs[p] - first] += contributions[p];
      }
    }
    return drainBest(scratch, 0, last - first, bound);
  }

  /**
   * {@link scoreEntry} of a block's candidates during a candidate walk, times
   * `factor`, added to `scores[c]`: candidate c is entry `start + slots[c]`;
   * `lists` are this query's walk lists (as {@link walkLists} returned them),
   * whose `positions` locate the candidates' postings (see WalkList.positions).
   * List by list, each candidate's postings are read there, without searching;
   * each candidate gets the same contributions added in the same order.
   */
  scoreBlock(start: number, slots: Int32Array, count: number, lists: readonly WalkList[], factor: number, scores: Float64Array): void {
    const { blockScratch: scratch, blockSums: sums, widest } = this.index;
    sums.fill(0, 0, count);
    let list = 0;
    for (let view = 0; view < this.views.length; view++) {
      const { ids, bound } = this.views[view];
      if (ids.length === 0) continue;
      const starts = this.index.entryStarts[view];
      const weight = this.weights[view];
      // Not a destructured pair: this runs per view for every block, and the pair was an allocation each time.
      const from = list;
      list += ids.length;
      const to = list;
      if (this.index.entryPostings[view].docStarts === undefined) {
        // One document per entry: the entry's posting is its document's; its raw score is the sum of the postings found.
        sums.fill(0, count, 2 * count);
        addOneDocument(lists, from, to, start, slots, count, sums);
        for (let c = 0; c < count; c++) {
          const raw = sums[count + c];
          const normalized = raw !== 0 && bound > 0 ? raw / bound : 0;
          sums[c] += weight * (normalized > 0 ? normalized : 0);
        }
        continue;
      }
      addDocuments(lists, from, to, start, slots, count, starts, scratch, widest);
      for (let c = 0; c < count; c++) {
        const entry = start + slots[c];
        sums[c] += weight * drainBest(scratch, c * widest, c * widest + starts[entry + 1] - starts[entry], bound);
      }
    }
    for (let c = 0; c < count; c++) scores[c] += factor * (sums[c] / this.weightSum);
  }

  /**
   * Calls `visit` with every entry some query term reaches that `accept`s it,
   * and its score (as {@link scoreEntry} computes it), in entry order, except
   * entries whose score bound is below `threshold()` (see forEachCandidateScore).
   */
  forEachCandidate(threshold: () => number, accept: (entry: number) => boolean, visit: (entry: number, score: number) => void): void {
    forEachCandidateScore([{ query: this, factor: 1 }], threshold, accept, visit);
  }

  /**
   * The query's entry-level posting lists, per view in query term order, each
   * scaled as its view's share of the score is (weight over the view's bound,
   * over the weights' sum) times `factor`.
   */
  walkLists(factor: number): WalkList[] {
    const lists: WalkList[] = [];
    for (let view = 0; view < this.views.length; view++) {
      const { ids, bound } = this.views[view];
      const { offsets, entries, maxima, docStarts } = this.index.entryPostings[view];
      const postings = this.index.state.views[view];
      const contributions = this.index.contributions[view];
      const termMaxima = this.index.maxContributions[view];
      const scale = (factor * this.weights[view]) / bound / this.weightSum;
      for (const id of ids) {
        lists.push({
          entries,
          maxima,
          end: offsets[id + 1],
          cursor: offsets[id],
          scale,
          bound: scale * termMaxima[id],
          docs: postings.docs,
          contributions,
          docEnd: postings.offsets[id + 1],
          docStarts: docStarts ?? SAME_POSITIONS,
          positions: NO_POSITIONS,
        });
      }
    }
    return lists;
  }
}

/**
 * scoreBlock in a view with one document per entry: adds candidate c's postings in `lists[from, to)` to
 * `raw[count + c]`, list by list (the entry's posting is its document's).
 */
function addOneDocument(lists: readonly WalkList[], from: number, to: number, start: number, slots: Int32Array, count: number, raw: Float64Array): void {
  for (let list = from; list < to; list++) {
    const { entries, positions, contributions } = lists[list];
    for (let c = 0; c < count; c++) {
      const slot = slots[c];
      const position = positions[slot];
      if (position >= 0 && entries[position] === start + slot) raw[count + c] += contributions[position];
    }
  }
}

/**
 * scoreBlock in a view with several documents per entry: adds, list by list, the contributions of candidate c's
 * documents in `lists[from, to)` to its slots of `scratch` (`widest` from `c × widest`, one per document).
 */
function addDocuments(
  lists: readonly WalkList[],
  from: number,
  to: number,
  start: number,
  slots: Int32Array,
  count: number,
  starts: Uint32Array,
  scratch: Float64Array,
  widest: number,
): void {
  for (let list = from; list < to; list++) {
    const { entries, positions, docs, contributions, docEnd, docStarts } = lists[list];
    for (let c = 0; c < count; c++) {
      const slot = slots[c];
      const entry = start + slot;
      const position = positions[slot];
      if (position < 0 || entries[position] !== entry) continue;
      const base = c * widest - starts[entry];
      const last = starts[entry + 1];
      for (let p = docStarts[position]; p < docEnd && docs[p] < last; p++) scratch[base + docs[p]] += contributions[p];
    }
  }
}

/** WalkList.docStarts in a view with one document per entry. */
const SAME_POSITIONS = new Uint32Array(0);

/** The best of 0 and the scratch scores from `from` to `to` over `bound`, leaving those slots zeroed for the next entry. */
function drainBest(scratch: Float64Array, from: number, to: number, bound: number): number {
  let best = 0;
  for (let slot = from; slot < to; slot++) {
    const score = scratch[slot];
    if (score === 0) continue;
    scratch[slot] = 0;
    const normalized = bound > 0 ? score / bound : 0;
    if (normalized > best) best = normalized;
  }
  return best;
}
