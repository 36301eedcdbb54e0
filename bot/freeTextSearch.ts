import { decide, type Decision, type Retriever } from '../embeddings/index.js';
import type { FacetFilter } from '../knowledge/index.js';

/** Entries fetched per search: enough for the clarify list and the next best answers after a 👎. */
export const SEARCH_K = 5;

/**
 * Outcome of a free-text search: the decision, and whether the triage facets
 * had to be dropped (`relaxed`) because nothing matched inside them.
 */
export interface SearchOutcome {
  readonly decision: Decision;
  readonly relaxed: boolean;
}

/**
 * Searches within the facets chosen so far; when that gives nothing usable,
 * searches the whole FAQ again so a question asked in the "wrong" branch is
 * still answered. Retrieval failures propagate (they are real failures).
 */
export async function searchFaq(retriever: Retriever, text: string, facets: FacetFilter): Promise<SearchOutcome> {
  const filtered = Object.keys(facets).length > 0;
  const first = decide(await retriever.retrieve(text, { k: SEARCH_K, ...(filtered && { filter: facets }) }));
  if (first.kind !== 'none' || !filtered) return { decision: first, relaxed: false };
  const relaxed = decide(await retriever.retrieve(text, { k: SEARCH_K }));
  return { decision: relaxed, relaxed: relaxed.kind !== 'none' };
}
