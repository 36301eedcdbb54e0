import type { Decision, RankedEntry, Retrieval } from './Retriever.js';

/** Below this fused score the best entry is not trusted at all: out of scope. */
export const MIN_ANSWER_SCORE = 0.35;
/** At or above this score, with a clear margin, the best entry is answered directly. */
export const CONFIDENT_SCORE = 0.55;
/** The best entry must lead the runner-up by this much to be answered without asking. */
export const CLEAR_MARGIN = 0.08;
/** How many candidates "Vouliez-vous dire…" offers at most. */
export const MAX_CLARIFY_CANDIDATES = 3;

/**
 * Turns a ranked retrieval into what the bot should do. Pure: thresholds are
 * the named constants above, tuned on the evaluation set (`npm run eval`).
 */
export function decide(retrieval: Retrieval): Decision {
  const ranked = retrieval.ranked;
  const best = ranked[0];
  if (!best || best.score < MIN_ANSWER_SCORE) return { kind: 'none', ranked };
  const runnerUp = ranked[1];
  const margin = runnerUp ? best.score - runnerUp.score : best.score;
  if (best.score >= CONFIDENT_SCORE && margin >= CLEAR_MARGIN) return { kind: 'answer', best, ranked };
  const candidates = ranked
    .filter((candidate: RankedEntry) => candidate.score >= MIN_ANSWER_SCORE && best.score - candidate.score < CLEAR_MARGIN * 2)
    .slice(0, MAX_CLARIFY_CANDIDATES);
  if (candidates.length < 2) return { kind: 'answer', best, ranked };
  return { kind: 'clarify', candidates, ranked };
}
