import { bm25Idf } from './bm25.js';
import type { LexicalIndex } from './LexicalIndex.js';

/**
 * Relative slack when comparing an upper bound with the threshold: bounds and
 * scores add the same numbers in different orders, so they may differ in the
 * last bits; skipping only clearly hopeless entries keeps rankings exact.
 */
const BOUND_SLACK = 1e-9;

/** One posting list of the query: a (view, term) pair, walked entry by entry. */
interface QueryList {
  readonly view: number;
  readonly end: number;
  /** Largest share of an entry's lexical score this list can give. */
  readonly bound: number;
  /** Only moves forward: entries are visited in increasing order. */
  cursor: number;
}

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
    this.views = weights.map((_, view) => {
      const documentCount = index.documentCount(view);
      const terms = [...new Set(analysed.map((term) => index.correct(view, term)))];
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
    for (let view = 0; view < this.views.length; view++) {
      const { ids, bound } = this.views[view];
      let best = 0;
      if (ids.length > 0) {
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
        best = drainBest(scratch, last - first, bound, best);
      }
      sum += this.weights[view] * best;
    }
    return sum / this.weightSum;
  }

  /**
   * Calls `visit` with every entry some query term reaches that `accept`s it,
   * and its score (as {@link scoreEntry} computes it), in entry order, except
   * entries whose score bound is below `threshold()` (re-read after each visit:
   * the caller raises it as its k best fill up). An entry skipped would have
   * scored below the threshold.
   */
  forEachCandidate(threshold: () => number, accept: (entry: number) => boolean, visit: (entry: number, score: number) => void): void {
    const byView = this.lists();
    const lists = byView.flat().sort((a, b) => a.bound - b.bound);
    const cumulative: number[] = [];
    lists.reduce((sum, list, i) => (cumulative[i] = sum + list.bound), 0);
    const documentEntries = this.index.state.views.map((view) => view.documentEntries);
    const docs = this.index.state.views.map((view) => view.docs);
    const floor = (): number => threshold() * (1 - BOUND_SLACK);
    // Lists before `essential` together cannot lift an entry to the threshold: entries only they hold are never visited.
    let essential = 0;
    const raise = (): void => {
      const at = floor();
      while (essential < lists.length && cumulative[essential] < at) essential++;
    };
    raise();
    for (;;) {
      let entry = Infinity;
      for (let i = essential; i < lists.length; i++) {
        const list = lists[i];
        if (list.cursor < list.end) entry = Math.min(entry, documentEntries[list.view][docs[list.view][list.cursor]]);
      }
      if (entry === Infinity) return;
      let bound = essential > 0 ? cumulative[essential - 1] : 0;
      for (let i = essential; i < lists.length; i++) {
        const list = lists[i];
        if (list.cursor < list.end && documentEntries[list.view][docs[list.view][list.cursor]] === entry) bound += list.bound;
      }
      if (bound >= floor() && accept(entry)) {
        visit(entry, this.scoreWithCursors(byView, entry));
        raise();
      }
      for (let i = essential; i < lists.length; i++) {
        const list = lists[i];
        const entryDocs = documentEntries[list.view];
        const listDocs = docs[list.view];
        while (list.cursor < list.end && entryDocs[listDocs[list.cursor]] === entry) list.cursor++;
      }
    }
  }

  /**
   * {@link scoreEntry} for the entry the candidate walk is at: every list's
   * cursor is moved (galloping) to the entry's first document instead of a
   * binary search over the whole list. Same additions in the same order.
   */
  private scoreWithCursors(byView: readonly (readonly QueryList[])[], entry: number): number {
    let sum = 0;
    for (let view = 0; view < byView.length; view++) {
      const lists = byView[view];
      const { bound } = this.views[view];
      let best = 0;
      if (lists.length > 0) {
        const listDocs = this.index.state.views[view].docs;
        const contributions = this.index.contributions[view];
        const first = this.index.entryStarts[view][entry];
        const last = this.index.entryStarts[view][entry + 1];
        const scratch = this.index.scratch;
        for (const list of lists) {
          list.cursor = gallop(listDocs, list.cursor, list.end, first);
          for (let p = list.cursor; p < list.end && listDocs[p] < last; p++) scratch[listDocs[p] - first] += contributions[p];
        }
        best = drainBest(scratch, last - first, bound, best);
      }
      sum += this.weights[view] * best;
    }
    return sum / this.weightSum;
  }

  /** Per view, in query term order: the posting lists with their bounds (a term's largest contribution, normalised and weighted as its view is). */
  private lists(): QueryList[][] {
    return this.views.map(({ ids, bound }, view) => {
      const { offsets } = this.index.state.views[view];
      const maxima = this.index.maxContributions[view];
      return ids.map((id) => ({ view, end: offsets[id + 1], bound: (this.weights[view] * (maxima[id] / bound)) / this.weightSum, cursor: offsets[id] }));
    });
  }
}

/** lowerBound from `from` by doubling steps: cheap when the target is near, as it is for entries visited in order. */
function gallop(array: Uint32Array, from: number, to: number, value: number): number {
  if (from >= to || array[from] >= value) return from;
  let step = 1;
  let low = from;
  while (low + step < to && array[low + step] < value) {
    low += step;
    step *= 2;
  }
  return lowerBound(array, low + 1, Math.min(to, low + step + 1), value);
}

/** First position in `array[from, to)` (ascending) holding a value ≥ `value`. */
function lowerBound(array: Uint32Array, from: number, to: number, value: number): number {
  let [low, high] = [from, to];
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (array[mid] < value) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** The best of `best` and the first `length` scratch scores over `bound`, leaving the scratch zeroed for the next entry. */
function drainBest(scratch: Float64Array, length: number, bound: number, best: number): number {
  for (let slot = 0; slot < length; slot++) {
    const score = scratch[slot];
    if (score === 0) continue;
    scratch[slot] = 0;
    const normalized = bound > 0 ? score / bound : 0;
    if (normalized > best) best = normalized;
  }
  return best;
}
