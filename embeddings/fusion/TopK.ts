import type { FaqEntry } from '../../knowledge/index.js';
import type { EntryMatch, RankedEntry } from '../Retriever.js';

/**
 * A candidate entry: its fused score before the cap at 1 (what the order
 * follows) and its components. How much of the query it explains, and its best
 * single phrasing's score, are read only when the order or the result needs them.
 */
interface Candidate {
  readonly entryIndex: number;
  readonly uncapped: number;
  readonly dense: number;
  readonly lexical: number;
  /** Set when first needed; present from the start so every candidate has one shape (optimised code stays monomorphic). */
  match: EntryMatch | undefined;
  /** Set when first needed (two entries kept at the cap), NaN until then. */
  phrasing: number;
}

/** What tells two entries apart beyond their fused scores, read per entry on demand. */
export interface TieEvidence {
  /** How much of the query the entry's words explain. */
  match(entryIndex: number): EntryMatch;
  /** The entry's score in its best single phrasing (the lexical view `phrasing`; 0 without a lexical side). */
  phrasing(entryIndex: number): number;
}

/**
 * The k best fused entries seen so far, kept sorted: ranking thousands of
 * candidates costs O(candidates × k), no full sort. The order follows the
 * fused score before the cap at 1, then how much of the question the entry's
 * words explain, then the id, so two close entries are told apart by evidence,
 * never by their names. Lexical scores can exceed 1 (a short phrasing holding
 * every query word, or the query's words repeated across an entry's many
 * phrasings), and above the cap the sum of the views says little more: an
 * entry whose alternates repeat « données » outscored the one whose phrasing
 * asks the very question. So among the k kept, the entries at the cap are
 * ordered by their best single phrasing (a phrasing of the KB that says what
 * the query says), then as before. The evidence is computed for the entries
 * kept and for exact ties only: a query of common words has hundreds of
 * candidates, each share costs a lookup per query term.
 */
export class TopK {
  private readonly items: Candidate[] = [];

  constructor(
    private readonly k: number,
    private readonly entries: readonly FaqEntry[],
    private readonly evidence: TieEvidence,
  ) {}

  /** Whether an entry with this score could enter the k best (ties are decided by the evidence, then the id). */
  mayAdmit(uncapped: number): boolean {
    if (this.items.length < this.k) return true;
    return this.k > 0 && uncapped >= this.items[this.items.length - 1].uncapped;
  }

  /** Keeps the entry if it enters the k best. */
  offer(entryIndex: number, uncapped: number, dense: number, lexical: number): void {
    if (!this.mayAdmit(uncapped)) return;
    const item: Candidate = { entryIndex, uncapped, dense, lexical, match: undefined, phrasing: NaN };
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

  /** The k best, best first; those at the cap by their best single phrasing first (a stable sort keeps the order otherwise). */
  ranked(): RankedEntry[] {
    const saturated = this.items.filter((item) => item.uncapped >= 1);
    if (saturated.length > 1) saturated.sort((a, b) => this.phrasing(b) - this.phrasing(a));
    return [...saturated, ...this.items.slice(saturated.length)].map((item) => ({
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
    return (item.match ??= this.evidence.match(item.entryIndex));
  }

  private phrasing(item: Candidate): number {
    if (Number.isNaN(item.phrasing)) item.phrasing = this.evidence.phrasing(item.entryIndex);
    return item.phrasing;
  }
}
