import type { QueryScores, Retrieval, RetrieveOptions, Retriever } from '../../embeddings/index.js';
import { foldAccents, matchesFilter, type FacetFilter, type FaqEntry } from '../../knowledge/index.js';

/** One scripted rule: which queries it matches, and the scores it gives (entry id → score). */
export interface RetrievalRule {
  /** Matches a query equal to this one, ignoring case, accents, punctuation and spacing. */
  readonly query?: string;
  /** Matches a query containing this text (same folding). */
  readonly contains?: string;
  readonly ranked: Readonly<Record<string, number>>;
  /**
   * How long the search of a matching query takes (a slow search: the dense model on a loaded machine),
   * as a timer: tests drive it with fake timers, not by waiting.
   */
  readonly searchMs?: number;
}

/** What the bot asked for, recorded for assertions. */
export interface RetrieveCall {
  readonly query: string;
  readonly filter?: FacetFilter;
  readonly k?: number;
}

/**
 * Deterministic retriever for bot tests where the model is not the point: the
 * transcript scripts the scores. The first matching rule wins; unscripted
 * queries rank nothing (out of scope). The triage filter is applied the way the
 * real retriever applies it (`matchesFilter`).
 */
export class FakeRetriever implements Retriever {
  readonly description = 'fake(scripted)';
  readonly calls: RetrieveCall[] = [];
  private readonly byId: ReadonlyMap<string, FaqEntry>;

  constructor(
    entries: readonly FaqEntry[],
    private readonly rules: readonly RetrievalRule[],
  ) {
    this.byId = new Map(entries.map((entry) => [entry.id, entry]));
    for (const rule of rules) {
      if (rule.query === undefined && rule.contains === undefined) throw new Error('FakeRetriever: a rule needs query or contains');
      for (const id of Object.keys(rule.ranked)) {
        if (!this.byId.has(id)) throw new Error(`FakeRetriever: unknown entry id "${id}" in the script`);
      }
    }
  }

  async score(query: string): Promise<QueryScores> {
    const searchMs = this.ruleFor(query)?.searchMs;
    if (searchMs !== undefined) await new Promise((resolve) => setTimeout(resolve, searchMs));
    return { query, rank: (options?: RetrieveOptions) => this.rank(query, options) };
  }

  /** Each ranking is one recorded call: the bot ranks inside the triage facets, then over the whole FAQ. */
  private rank(query: string, options: RetrieveOptions = {}): Retrieval {
    this.calls.push({ query, ...(options.filter && { filter: options.filter }), ...(options.k !== undefined && { k: options.k }) });
    const rule = this.ruleFor(query);
    if (!rule) return { query, ranked: [] };
    const ranked = Object.entries(rule.ranked)
      .map(([id, score]) => ({ entry: this.entry(id), score }))
      .filter(({ entry }) => !options.filter || matchesFilter(entry, options.filter))
      .sort((a, b) => b.score - a.score || a.entry.id.localeCompare(b.entry.id))
      .slice(0, options.k ?? 5);
    return { query, ranked };
  }

  private ruleFor(query: string): RetrievalRule | undefined {
    const folded = fold(query);
    return this.rules.find((r) => (r.query !== undefined ? fold(r.query) === folded : folded.includes(fold(r.contains ?? ''))));
  }

  private entry(id: string): FaqEntry {
    const entry = this.byId.get(id);
    if (!entry) throw new Error(`FakeRetriever: unknown entry id "${id}"`);
    return entry;
  }
}

function fold(text: string): string {
  return foldAccents(text)
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}
