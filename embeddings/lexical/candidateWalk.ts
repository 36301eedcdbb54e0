import type { LexicalQuery } from './LexicalQuery.js';
import { gallop } from './sortedSearch.js';

/**
 * Relative slack when comparing an upper bound with the threshold: bounds and
 * scores add the same numbers in different orders, so they may differ in the
 * last bits; skipping only clearly hopeless entries keeps rankings exact.
 */
const BOUND_SLACK = 1e-9;

/**
 * Entries whose bounds are gathered at once: each walked list adds its
 * postings of a block in one tight loop (instead of a k-way merge step per
 * entry), small enough for the block's bounds and positions to stay in cache.
 */
export const WALK_BLOCK = 128;

/** WalkList.positions of a list no walk has taken yet. */
export const NO_POSITIONS = new Int32Array(0);

/**
 * The walk's scratch, allocated once: a walk runs to its end synchronously, so
 * one set serves every query. A question used to allocate a few dozen small
 * typed arrays (one per list, four per walk), garbage that made the young
 * generation fill and be scavenged every few questions.
 */
const scratch = {
  bounds: new Float64Array(WALK_BLOCK),
  held: new Uint8Array(WALK_BLOCK),
  // The block's candidates (entry − block start, ascending) and their scores.
  slots: new Int32Array(WALK_BLOCK),
  scores: new Float64Array(WALK_BLOCK),
  cumulative: new Float64Array(0),
  /** One WalkList.positions per list of a walk, grown as needed. */
  positions: [] as Int32Array[],
};

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
  /**
   * Per entry of the current block (entry − block start), the position of its
   * posting in this list: valid only when `entries[position]` is that entry
   * (-1 or a posting of an earlier block otherwise). Written by the walk for
   * every list holding a candidate of the block, read by LexicalQuery.scoreBlock.
   * The walk lends each list one of its own arrays (NO_POSITIONS until then).
   */
  positions: Int32Array;
  /** The term's document postings and their contributions, from which an entry is scored exactly. */
  readonly docs: Uint32Array;
  readonly contributions: Float64Array;
  /** End of the term's document postings. */
  readonly docEnd: number;
  /**
   * Where each entry posting's documents start in `docs` (EntryPostings.docStarts); empty in a view with one
   * document per entry, where they start at the same position (never an undefined: every list has one shape, so
   * the walk's optimised code stays monomorphic).
   */
  readonly docStarts: Uint32Array;
}

/** A query and its share of the score being ranked (a message's score mixes its question's and its whole text's). */
export interface WeightedQuery {
  readonly query: LexicalQuery;
  readonly factor: number;
}

/**
 * Calls `visit` with the candidates of `parts` that `accept` allows and their
 * score (the sum over the parts of factor × the part's score, in part order),
 * in entry order, skipping only entries that cannot reach `threshold()`,
 * re-read after each visit as the caller's k best fill up.
 *
 * MaxScore by blocks of entries: lists sorted by bound; those whose bounds
 * together stay under the threshold are only probed for the entries others
 * hold, never walked. The walked lists add each entry's own best contribution
 * of the block to its bound (exact in the views with one document per entry);
 * the entries whose bound may reach the threshold are probed in the other
 * lists, then the block's candidates are scored together, list by list, from
 * the positions found (LexicalQuery.scoreBlock), without searching. An entry
 * skipped would have scored below the threshold; a candidate scored with the
 * threshold of the block's start is visited even if it no longer reaches it.
 */
export function forEachCandidateScore(
  parts: readonly WeightedQuery[],
  threshold: () => number,
  accept: (entry: number) => boolean,
  visit: (entry: number, score: number) => void,
): void {
  const partLists: WalkList[][] = [];
  const lists: WalkList[] = [];
  for (const part of parts) {
    const partList = part.query.walkLists(part.factor);
    partLists.push(partList);
    for (const list of partList) lists.push(list);
  }
  lists.sort((a, b) => a.bound - b.bound);
  while (scratch.positions.length < lists.length) scratch.positions.push(new Int32Array(WALK_BLOCK));
  for (let i = 0; i < lists.length; i++) lists[i].positions = scratch.positions[i].fill(-1);
  if (scratch.cumulative.length < lists.length) scratch.cumulative = new Float64Array(2 * lists.length);
  const { bounds, held, slots, scores, cumulative } = scratch;
  // Left clean by every walk that ended; cleared again in case one was interrupted by an exception.
  bounds.fill(0);
  held.fill(0);
  let sum = 0;
  for (let i = 0; i < lists.length; i++) cumulative[i] = sum = sum + lists[i].bound;
  // Lists before `essential` together cannot lift an entry to the threshold: entries only they hold are never visited.
  // Plain locals, not a closure's: a captured number is boxed anew each time it changes (after every visit).
  let at = threshold() * (1 - BOUND_SLACK);
  let essential = essentialFrom(cumulative, lists.length, 0, at);
  // Each step is its own small function: compiled (and recompiled) apart, the first questions after a start wait less for the optimiser.
  for (let start = blockStart(lists, essential); start !== NO_BLOCK; start = blockStart(lists, essential)) {
    const walked = essential;
    gather(lists, walked, start, bounds, held);
    let count = select(held, bounds, walked > 0 ? cumulative[walked - 1] : 0, at, slots);
    count = probe(lists, walked, cumulative, at, start, slots, count, bounds);
    let kept = 0;
    for (let c = 0; c < count; c++) {
      const slot = slots[c];
      if (bounds[slot] >= at && accept(start + slot)) slots[kept++] = slot;
    }
    bounds.fill(0);
    if (kept === 0) continue;
    scores.fill(0, 0, kept);
    for (let i = 0; i < parts.length; i++) parts[i].query.scoreBlock(start, slots, kept, partLists[i], parts[i].factor, scores);
    for (let c = 0; c < kept; c++) {
      visit(start + slots[c], scores[c]);
      at = threshold() * (1 - BOUND_SLACK);
      essential = essentialFrom(cumulative, lists.length, essential, at);
    }
  }
}

/** The first list from `essential` on whose bound with the lists before it may reach `at` (`count` when none). */
function essentialFrom(cumulative: Float64Array, count: number, essential: number, at: number): number {
  while (essential < count && cumulative[essential] < at) essential++;
  return essential;
}

/** blockStart when the walked lists are exhausted. */
const NO_BLOCK = -1;

/** The first entry a walked list (from `essential` on) still holds: where the next block starts; NO_BLOCK when none does. */
function blockStart(lists: readonly WalkList[], essential: number): number {
  let start = Infinity;
  for (let i = essential; i < lists.length; i++) {
    const list = lists[i];
    if (list.cursor < list.end && list.entries[list.cursor] < start) start = list.entries[list.cursor];
  }
  return start === Infinity ? NO_BLOCK : start;
}

/** Adds the postings of the walked lists (from `walked` on) in the block from `start` to their entries' bounds, recording where each is. */
function gather(lists: readonly WalkList[], walked: number, start: number, bounds: Float64Array, held: Uint8Array): void {
  const stop = start + WALK_BLOCK;
  for (let i = walked; i < lists.length; i++) {
    const { entries, maxima, end, scale, positions } = lists[i];
    let cursor = lists[i].cursor;
    for (; cursor < end && entries[cursor] < stop; cursor++) {
      const slot = entries[cursor] - start;
      bounds[slot] += scale * maxima[cursor];
      positions[slot] = cursor;
      held[slot] = 1;
    }
    lists[i].cursor = cursor;
  }
}

/** Writes to `slots` the block's entries a walked list holds whose bound with the unwalked lists' may reach `at`; clears `held`. Returns their count. */
function select(held: Uint8Array, bounds: Float64Array, unwalked: number, at: number, slots: Int32Array): number {
  let count = 0;
  for (let slot = 0; slot < WALK_BLOCK; slot++) {
    if (held[slot] !== 0 && bounds[slot] + unwalked >= at) slots[count++] = slot;
    held[slot] = 0;
  }
  return count;
}

/**
 * Adds to the bounds of the block's candidates their own shares in the lists
 * before `walked` (highest bounds first), each list moved forward through the
 * block and the positions of its postings recorded; drops a candidate as soon
 * as its bound with the lists left cannot reach `at`. Returns the candidates left.
 *
 * With several candidates, a list's postings in the block are read in one
 * tight loop, like a walked list's (the bounds of the block's other entries
 * are not read again, and a position is only trusted where the list holds
 * the entry); with few, the list is searched for each (a few steps, then
 * doubling ones). A candidate gets the same shares in the same order either way.
 */
function probe(lists: readonly WalkList[], walked: number, cumulative: Float64Array, at: number, start: number, slots: Int32Array, count: number, bounds: Float64Array): number {
  for (let i = walked - 1; i >= 0 && count > 0; i--) {
    const list = lists[i];
    if (count >= SCAN_CANDIDATES) scan(list, start, bounds);
    else search(list, start, slots, count, bounds);
    const rest = i > 0 ? cumulative[i - 1] : 0;
    let kept = 0;
    for (let c = 0; c < count; c++) {
      const slot = slots[c];
      if (bounds[slot] + rest >= at) slots[kept++] = slot;
    }
    count = kept;
  }
  return count;
}

/** Candidates from which a probed list is read through the block rather than searched for each. */
const SCAN_CANDIDATES = 4;

/** Adds every posting of `list` in the block from `start` to its entry's bound, recording where it is. */
function scan(list: WalkList, start: number, bounds: Float64Array): void {
  const { entries, end, maxima, scale, positions } = list;
  const stop = start + WALK_BLOCK;
  let cursor = gallop(entries, list.cursor, end, start);
  for (; cursor < end && entries[cursor] < stop; cursor++) {
    const slot = entries[cursor] - start;
    bounds[slot] += scale * maxima[cursor];
    positions[slot] = cursor;
  }
  list.cursor = cursor;
}

/** Adds the posting of `list` of each candidate (if it has one) to the candidate's bound, recording where it is. */
function search(list: WalkList, start: number, slots: Int32Array, count: number, bounds: Float64Array): void {
  const { entries, end, maxima, scale, positions } = list;
  let cursor = list.cursor;
  for (let c = 0; c < count; c++) {
    const slot = slots[c];
    const entry = start + slot;
    // Candidates are close together in long lists: a few steps, then doubling ones.
    for (let steps = 0; cursor < end && entries[cursor] < entry; steps++) {
      if (steps === LINEAR_STEPS) {
        cursor = gallop(entries, cursor, end, entry);
        break;
      }
      cursor++;
    }
    if (cursor < end && entries[cursor] === entry) {
      bounds[slot] += scale * maxima[cursor];
      positions[slot] = cursor;
    }
  }
  list.cursor = cursor;
}

/** Postings stepped over one by one before a search gallops. */
const LINEAR_STEPS = 4;
