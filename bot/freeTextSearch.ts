import { decide, type Decision, type Retriever } from '../embeddings/index.js';
import type { FacetFilter } from '../knowledge/index.js';

/** Entries fetched per search: enough for the clarify list and the next best answers after a 👎. */
export const SEARCH_K = 5;
/**
 * How much better an entry outside the chosen facets must score to win over
 * the best one inside them: the user has moved on to another subject (a new
 * question after an answer), and the facets must not hide the right answer.
 */
export const FACET_OVERRIDE_MARGIN = 0.1;

/**
 * Outcome of a free-text search: the decision, and whether the triage facets
 * were set aside (`relaxed`) because nothing matched inside them, or because
 * the question clearly belongs elsewhere.
 */
export interface SearchOutcome {
  readonly decision: Decision;
  readonly relaxed: boolean;
}

/** Best score of a decision's ranking (0 when nothing was ranked). */
function bestScore(decision: Decision): number {
  return decision.ranked[0]?.score ?? 0;
}

/**
 * Searches within the facets chosen so far, and the whole FAQ beside it: the
 * facets win unless nothing usable matches inside them or an entry outside
 * them is clearly better. Retrieval failures propagate (they are real failures).
 */
export async function searchFaq(retriever: Retriever, text: string, facets: FacetFilter): Promise<SearchOutcome> {
  if (Object.keys(facets).length === 0) return { decision: decide(await retriever.retrieve(text, { k: SEARCH_K })), relaxed: false };
  const inside = decide(await retriever.retrieve(text, { k: SEARCH_K, filter: facets }));
  const whole = decide(await retriever.retrieve(text, { k: SEARCH_K }));
  const outsideWins = whole.kind !== 'none' && (inside.kind === 'none' || bestScore(whole) - bestScore(inside) >= FACET_OVERRIDE_MARGIN);
  return outsideWins ? { decision: whole, relaxed: true } : { decision: inside, relaxed: false };
}
