import type { LexicalQuery } from './LexicalQuery.js';
import { gallop } from './sortedSearch.js';

/**
 * Relative slack when comparing an upper bound with the threshold: bounds and
 * scores add the same numbers in different orders, so they may differ in the
 * last bits; skipping only clearly hopeless entries keeps rankings exact.
 */
const BOUND_SLACK = 1e-9;

/** One entry-level posting list of a query (see EntryPostings), walked entry by entry. */
export interface WalkList {
  readonly entries: Uint32Array;
  readonly maxima: Float64Array;
  readonly end: number;
  /** Turns a posting's contribution into its share of the (weighted) lexical score. */
  readonly scale: number;
  /** The largest share any entry gets from this list. */
  readonly bound: number;
  /** Only moves forward: entries are visited in increasing order. */
  cursor: number;
}

/** A query and its share of the score being ranked (a message's score mixes its question's and its whole text's). */
export interface WeightedQuery {
  readonly query: LexicalQuery;
  readonly factor: number;
}

/**
 * Calls `visit` with the candidates of `parts` that `accept` allows and their
 * score (the sum over the parts of factor × the part's score, in part order),
 * skipping only entries that cannot reach `threshold()` (see forEachCandidate).
 */
export function forEachCandidateScore(
  parts: readonly WeightedQuery[],
  threshold: () => number,
  accept: (entry: number) => boolean,
  visit: (entry: number, score: number) => void,
): void {
  const scorers = parts.map((part) => part.query.monotoneScorer());
  forEachCandidate(parts, threshold, accept, (entry) => {
    let score = 0;
    for (let i = 0; i < parts.length; i++) score += parts[i].factor * scorers[i](entry);
    visit(entry, score);
  });
}

/**
 * Calls `visit` with every entry some list of `parts` reaches that `accept`s
 * it, in entry order, except entries whose score (the sum over the parts of
 * factor × the part's score) cannot reach `threshold()`, re-read after each
 * visit as the caller's k best fill up. MaxScore: lists sorted by bound, those
 * whose bounds together stay under the threshold are only probed, never
 * walked; an entry's bound is the sum of its own best contributions (exact in
 * the views with one document per entry), so it is scored only when it may
 * enter the k best. An entry skipped would have scored below the threshold.
 */
export function forEachCandidate(
  parts: readonly WeightedQuery[],
  threshold: () => number,
  accept: (entry: number) => boolean,
  visit: (entry: number) => void,
): void {
  const lists = parts.flatMap((part) => part.query.walkLists(part.factor)).sort((a, b) => a.bound - b.bound);
  const cumulative = new Float64Array(lists.length);
  lists.reduce((sum, list, i) => (cumulative[i] = sum + list.bound), 0);
  const floor = (): number => threshold() * (1 - BOUND_SLACK);
  // Lists before `essential` together cannot lift an entry to the threshold: entries only they hold are never visited.
  let essential = 0;
  let at = floor();
  const raise = (): void => {
    at = floor();
    while (essential < lists.length && cumulative[essential] < at) essential++;
  };
  raise();
  for (;;) {
    let entry = Infinity;
    for (let i = essential; i < lists.length; i++) {
      const list = lists[i];
      if (list.cursor < list.end && list.entries[list.cursor] < entry) entry = list.entries[list.cursor];
    }
    if (entry === Infinity) return;
    let bound = 0;
    for (let i = essential; i < lists.length; i++) {
      const list = lists[i];
      if (list.cursor < list.end && list.entries[list.cursor] === entry) bound += list.scale * list.maxima[list.cursor++];
    }
    if (bound + (essential > 0 ? cumulative[essential - 1] : 0) >= at && probed(lists, essential, entry, bound) >= at && accept(entry)) {
      visit(entry);
      raise();
    }
  }
}

/** `bound` plus the entry's own shares in the lists before `essential` (moved forward to it). */
function probed(lists: readonly WalkList[], essential: number, entry: number, bound: number): number {
  let sum = bound;
  for (let i = essential - 1; i >= 0; i--) {
    const list = lists[i];
    list.cursor = gallop(list.entries, list.cursor, list.end, entry);
    if (list.cursor < list.end && list.entries[list.cursor] === entry) sum += list.scale * list.maxima[list.cursor];
  }
  return sum;
}
