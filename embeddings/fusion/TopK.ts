import type { RankedEntry } from '../Retriever.js';

/** A ranked entry with the fused score it is ordered by (its confidence is capped at 1, the order is not). */
export interface Fused {
  readonly entry: RankedEntry;
  readonly uncapped: number;
}

/**
 * Lexical scores can exceed 1 (a short phrasing holding every query word): the
 * confidence is capped at 1, but the order follows the uncapped value, then how
 * much of the question the entry's words explain, then the id, so two close
 * entries are told apart by evidence, never by their names.
 */
function before(a: Fused, b: Fused): boolean {
  if (a.uncapped !== b.uncapped) return a.uncapped > b.uncapped;
  const [matchA, matchB] = [a.entry.match?.question ?? 0, b.entry.match?.question ?? 0];
  if (matchA !== matchB) return matchA > matchB;
  return a.entry.entry.id.localeCompare(b.entry.entry.id) < 0;
}

/** The k best fused entries seen so far, kept sorted: ranking thousands of candidates costs O(candidates × k), no full sort. */
export class TopK {
  private readonly items: Fused[] = [];

  constructor(private readonly k: number) {}

  /** Whether an entry with this score could enter the k best (ties are decided by {@link admits}). */
  mayAdmit(uncapped: number): boolean {
    if (this.items.length < this.k) return this.k > 0;
    return uncapped >= this.items[this.items.length - 1].uncapped;
  }

  /** Whether this entry would enter the k best. */
  admits(item: Fused): boolean {
    if (this.items.length < this.k) return this.k > 0;
    return before(item, this.items[this.items.length - 1]);
  }

  add(item: Fused): void {
    let at = this.items.length;
    while (at > 0 && before(item, this.items[at - 1])) at--;
    this.items.splice(at, 0, item);
    if (this.items.length > this.k) this.items.pop();
  }

  /** The score an entry must reach to enter (0 while fewer than k are kept). */
  threshold(): number {
    return this.items.length < this.k ? 0 : (this.items[this.items.length - 1]?.uncapped ?? Infinity);
  }

  sorted(): readonly Fused[] {
    return this.items;
  }
}
