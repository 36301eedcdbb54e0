import type { FaqEntry } from '../../knowledge/index.js';
import type { EntryMatch, RankedEntry } from '../Retriever.js';

/**
 * A candidate entry: its fused score before the cap at 1 (what the order
 * follows) and its components. How much of the query it explains is read
 * only when the order or the result needs it.
 */
interface Candidate {
  readonly entryIndex: number;
  readonly uncapped: number;
  readonly dense: number;
  readonly lexical: number;
  /** Set when first needed; present from the start so every candidate has one shape (optimised code stays monomorphic). */
  match: EntryMatch | undefined;
}

/**
 * The k best fused entries seen so far, kept sorted: ranking thousands of
 * candidates costs O(candidates × k), no full sort. Lexical scores can exceed
 * 1 (a short phrasing holding every query word): the confidence is capped at
 * 1, but the order follows the uncapped value, then how much of the question
 * the entry's words explain, then the id, so two close entries are told apart
 * by evidence, never by their names. The share explained is computed for the
 * entries kept and for exact ties only: a query of common words has hundreds
 * of candidates, each share costs a lookup per query term.
 */
export class TopK {
  private readonly items: Candidate[] = [];

  constructor(
    private readonly k: number,
    private readonly entries: readonly FaqEntry[],
    private readonly matchOf: (entryIndex: number) => EntryMatch,
  ) {}

  /** Whether an entry with this score could enter the k best (ties are decided by the evidence, then the id). */
  mayAdmit(uncapped: number): boolean {
    if (this.items.length < this.k) return true;
    return this.k > 0 && uncapped >= this.items[this.items.length - 1].uncapped;
  }

  /** Keeps the entry if it enters the k best. */
  offer(entryIndex: number, uncapped: number, dense: number, lexical: number): void {
    if (!this.mayAdmit(uncapped)) return;
    const item: Candidate = { entryIndex, uncapped, dense, lexical, match: undefined };
    const items = this.items;
    if (items.length >= this.k && !this.before(item, items[items.length - 1])) return;
    let at = items.length;
    while (at > 0 && this.before(item, items[at - 1])) at--;
    items.splice(at, 0, item);
    if (items.length > this.k) items.pop();
  }

  /** The score an entry must reach to enter (0 while fewer than k are kept). */
  threshold(): number {
    return this.items.length < this.k ? 0 : (this.items[this.items.length - 1]?.uncapped ?? Infinity);
  }

  /** The k best, best first. */
  ranked(): RankedEntry[] {
    return this.items.map((item) => ({
      entry: this.entries[item.entryIndex],
      score: Math.min(1, item.uncapped),
      dense: item.dense,
      lexical: item.lexical,
      match: this.match(item),
    }));
  }

  private before(a: Candidate, b: Candidate): boolean {
    if (a.uncapped !== b.uncapped) return a.uncapped > b.uncapped;
    const [matchA, matchB] = [this.match(a).question, this.match(b).question];
    if (matchA !== matchB) return matchA > matchB;
    return this.entries[a.entryIndex].id.localeCompare(this.entries[b.entryIndex].id) < 0;
  }

  private match(item: Candidate): EntryMatch {
    return (item.match ??= this.matchOf(item.entryIndex));
  }
}
