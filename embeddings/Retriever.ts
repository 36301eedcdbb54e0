import type { FacetFilter, FaqEntry } from '../knowledge/index.js';

/** One entry in a ranked result list. */
export interface RankedEntry {
  readonly entry: FaqEntry;
  /** Fused score, calibrated to [0, 1]: the confidence that this entry answers the query. */
  readonly score: number;
  /** Component scores, for diagnostics and evaluation. */
  readonly dense?: number;
  readonly lexical?: number;
}

/** Restrictions of one retrieval: facets and number of results. */
export interface RetrieveOptions {
  /** Facets chosen in the triage: only matching entries are returned. */
  readonly filter?: FacetFilter;
  /** How many entries to return (default 5). */
  readonly k?: number;
}

/** The ranked entries for one query. */
export interface Retrieval {
  readonly query: string;
  readonly ranked: readonly RankedEntry[];
  /** Which scores were fused; the decision thresholds depend on it. Absent means lexical. */
  readonly mode?: 'lexical' | 'dense' | 'hybrid';
}

/**
 * Finds the FAQ entries that best answer a free-text question.
 * Implementation: `HybridRetriever` (dense + lexical fusion).
 */
export interface Retriever {
  /** Names the active retrieval mode for logs and /healthz, e.g. "hybrid(use-lite)". */
  readonly description: string;
  retrieve(query: string, options?: RetrieveOptions): Promise<Retrieval>;
}

/** What to do with a retrieval: the decision function's tagged result. */
export type Decision =
  | { readonly kind: 'answer'; readonly best: RankedEntry; readonly ranked: readonly RankedEntry[] }
  | { readonly kind: 'clarify'; readonly candidates: readonly RankedEntry[]; readonly ranked: readonly RankedEntry[] }
  | {
      readonly kind: 'none';
      /** Entries too weak to answer with but close enough to show as "related questions" (may be empty). */
      readonly nearby: readonly RankedEntry[];
      readonly ranked: readonly RankedEntry[];
    };
