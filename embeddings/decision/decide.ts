import type { RankedEntry, Retrieval, RetrievalMode } from '../Retriever.js';
import { LEXICAL_CONFIDENCE_MODEL, LEXICAL_CONFIDENCE_THRESHOLDS, type ConfidenceThresholds } from './confidenceModel.js';
import { decisionFeatures } from './features.js';
import { probability, type LogisticModel } from './logistic.js';

/** What every decision carries: the ranking it was made on and, when calibrated, the probability that the best entry is right. */
interface DecisionBase {
  readonly ranked: readonly RankedEntry[];
  /** P(the best entry is the right answer), from the calibrated model; absent for threshold decisions. */
  readonly confidence?: number;
}

/** What to do with a retrieval: the decision function's tagged result. */
export type Decision =
  | (DecisionBase & { readonly kind: 'answer'; readonly best: RankedEntry })
  | (DecisionBase & { readonly kind: 'clarify'; readonly candidates: readonly RankedEntry[] })
  | (DecisionBase & {
      readonly kind: 'none';
      /** Entries too weak to answer with but close enough to show as "related questions" (may be empty). */
      readonly nearby: readonly RankedEntry[];
    });

/** The three numbers that turn a ranking into a decision. */
export interface DecisionThresholds {
  /** Below this score the best entry is not trusted at all: out of scope. */
  readonly minScore: number;
  /** At or above this score, with a clear margin, the best entry is answered directly. */
  readonly confidentScore: number;
  /** The best entry must lead the runner-up by this much to be answered without asking. */
  readonly clearMargin: number;
}

/**
 * Per retrieval mode, since each mode spreads its scores differently. Tuned
 * with `npm run eval -- --tune` (test/eval/tuneThresholds.ts: grid search on
 * the labelled set for the highest "right answers + 0.6 × right
 * clarifications − wrong answers" among settings that reject at least 90 % of
 * the out-of-scope questions, at the lower bound of a 90 % confidence
 * interval). Hybrid and dense were tuned with use-lite. Tuned on
 * test/eval/questions.yaml only; test/eval/heldout.yaml, written blind, checks
 * them and was never tuned on.
 */
export const DECISION_THRESHOLDS: Readonly<Record<RetrievalMode, DecisionThresholds>> = {
  lexical: { minScore: 0.41, confidentScore: 0.41, clearMargin: 0.02 },
  hybrid: { minScore: 0.39, confidentScore: 0.39, clearMargin: 0.02 },
  dense: { minScore: 0.62, confidentScore: 0.62, clearMargin: 0.04 },
};
/** How many candidates "Vouliez-vous dire…" offers at most. */
export const MAX_CLARIFY_CANDIDATES = 3;
/** A candidate joins "Vouliez-vous dire…" when it is within this many margins of the best. */
export const CLARIFY_SPREAD = 2;
/**
 * When nothing is trusted enough to answer, entries scoring at least this share
 * of `minScore` are still offered as nearby questions (never as an answer). On
 * the tuning set, 10 of the 11 answerable questions the lexical thresholds
 * decline have their entry among the first three such candidates.
 */
export const NEARBY_SHARE = 0.5;

/**
 * A « Vouliez-vous dire… » candidate or a nearby question must score at least
 * this share of the best entry's lexical score: the list stays among entries
 * the question could mean (on the tuning set, 0, 0.3 and 0.5 reach the right
 * entry equally often in one click).
 */
export const CANDIDATE_SHARE = 0.3;

/**
 * Turns a ranked retrieval into what the bot should do: `answer` (one clear
 * winner), `clarify` (close candidates) or `none` (out of scope, with the
 * nearby questions worth showing). Pure. A lexical ranking that carries the
 * query's analysis is decided by the calibrated model; other rankings (dense
 * and hybrid modes, whose scores the model was not fitted on) by thresholds.
 */
export function decide(retrieval: Retrieval, thresholds?: DecisionThresholds): Decision {
  const mode = retrieval.mode ?? 'lexical';
  if (!thresholds && !retrieval.thresholds && mode === 'lexical' && retrieval.evidence) return decideCalibrated(retrieval);
  return decideByThresholds(retrieval, thresholds ?? retrieval.thresholds ?? DECISION_THRESHOLDS[mode]);
}

/**
 * The calibrated decision: the probability that the best entry is right
 * (logistic model over the ranking's features) answers at or above
 * `thresholds.answer`, asks « Vouliez-vous dire… » with the close entries at or
 * above `thresholds.clarify`, and otherwise says there is no answer, showing the
 * nearest entries that share informative words with the message. Pure.
 */
export function decideCalibrated(
  retrieval: Retrieval,
  model: LogisticModel = LEXICAL_CONFIDENCE_MODEL,
  thresholds: ConfidenceThresholds = LEXICAL_CONFIDENCE_THRESHOLDS,
): Decision {
  const features = decisionFeatures(retrieval);
  if (!features || !retrieval.ranked[0]) return { kind: 'none', nearby: [], ranked: retrieval.ranked, confidence: 0 };
  return decideWithConfidence(retrieval, probability(model, features), thresholds);
}

/**
 * The calibrated decision once the probability that the best entry is right is
 * known (the model's, or a cross-validated one when the decision is evaluated).
 * Pure.
 */
export function decideWithConfidence(retrieval: Retrieval, confidence: number, thresholds: ConfidenceThresholds): Decision {
  const ranked = retrieval.ranked;
  const best = ranked[0];
  if (!best) return { kind: 'none', nearby: [], ranked, confidence };
  const bestScore = best.lexical ?? best.score;
  const close = ranked.filter((candidate) => (candidate.lexical ?? candidate.score) >= CANDIDATE_SHARE * bestScore).slice(0, MAX_CLARIFY_CANDIDATES);
  if (confidence >= thresholds.answer) return { kind: 'answer', best, ranked, confidence };
  if (confidence >= thresholds.clarify) return { kind: 'clarify', candidates: close, ranked, confidence };
  const nearby = close.filter((candidate) => (candidate.match?.message ?? 0) > 0);
  return { kind: 'none', nearby, ranked, confidence };
}

function decideByThresholds(retrieval: Retrieval, thresholds: DecisionThresholds): Decision {
  const { minScore, confidentScore, clearMargin } = thresholds;
  const ranked = retrieval.ranked;
  const best = ranked[0];
  if (!best || best.score < minScore) {
    const nearby = ranked.filter((candidate) => candidate.score >= minScore * NEARBY_SHARE).slice(0, MAX_CLARIFY_CANDIDATES);
    return { kind: 'none', nearby, ranked };
  }
  const runnerUp = ranked[1];
  const margin = runnerUp ? best.score - runnerUp.score : best.score;
  if (best.score >= confidentScore && margin >= clearMargin) return { kind: 'answer', best, ranked };
  const candidates = ranked
    .filter((candidate: RankedEntry) => candidate.score >= minScore && best.score - candidate.score < clearMargin * CLARIFY_SPREAD)
    .slice(0, MAX_CLARIFY_CANDIDATES);
  if (candidates.length < 2) return { kind: 'answer', best, ranked };
  return { kind: 'clarify', candidates, ranked };
}
