import type { RankedEntry, Retrieval } from '../Retriever.js';
import { askedTypes, missesAskedType } from './answerTypes.js';

/**
 * The features the calibrated decision reads off a ranking, in the order of
 * the model's coefficients (see confidenceModel.ts). Each is a number of
 * roughly unit range:
 * - `score`: the best entry's lexical score (mean normalised BM25 of its views);
 * - `lead`: how far it leads the runner-up, relative to its own score;
 * - `coverage`: IDF-weighted share of the question's terms the KB knows;
 * - `unknown`: share of the question's terms the KB does not know at all;
 * - `explained`: IDF-weighted share of the question the best entry's words contain;
 * - `explainedMessage`: the same over the whole message;
 * - `explainedLead`: how much more of the question the best entry explains than the runner-up;
 * - `english`, `context`: the message is in English, describes a situation first;
 * - `short`: 1 for a one-term question, falling with its length (one word says little);
 * - `typeMissing`: the question asks for a kind of information (a price, a delay…) the best entry's answer does not state;
 * - `contextMessage`: for a message with context, how much of the whole message the best entry explains (a long
 *   message whose question is answered shares its situation's words with the entry too);
 * - `answerExplained`: IDF-weighted share of the question the best entry's answer alone holds (the agency's words, not
 *   the phrasings written for it). At equal `explained`, the fit weighs it down: near misses reuse the answers' own
 *   words to ask what they do not say, while answerable questions also meet the phrasings' words;
 * - `actionMissing`: the question asks how to do something (« comment obtenir… ») the best entry never names.
 */
export const FEATURE_NAMES = ['score', 'lead', 'coverage', 'unknown', 'explained', 'explainedMessage', 'explainedLead', 'english', 'context', 'short', 'typeMissing', 'contextMessage', 'answerExplained', 'actionMissing'] as const;
export type FeatureName = (typeof FEATURE_NAMES)[number];
export type Features = Readonly<Record<FeatureName, number>>;

/** Lexical scores above this add nothing (a short phrasing holding every query word scores well above 1). */
export const SCORE_CAP = 1.5;

const lexicalOf = (ranked: RankedEntry | undefined): number => Math.min(SCORE_CAP, ranked?.lexical ?? ranked?.score ?? 0);

/**
 * Pure: the features of a ranking, or undefined when the retriever gave no
 * query analysis or ranked nothing (the decision then falls back to thresholds
 * or says it has no answer).
 */
export function decisionFeatures(retrieval: Retrieval): Features | undefined {
  const { evidence, ranked } = retrieval;
  const [best, runnerUp] = ranked;
  if (!evidence || !best) return undefined;
  const score = lexicalOf(best);
  const second = lexicalOf(runnerUp);
  const explained = best.match?.question ?? 0;
  return {
    score,
    lead: score > 0 ? (score - second) / score : 0,
    coverage: evidence.coverage,
    unknown: evidence.unknownRarity,
    explained,
    explainedMessage: best.match?.message ?? 0,
    explainedLead: explained - (runnerUp?.match?.question ?? 0),
    english: evidence.english ? 1 : 0,
    context: evidence.withContext ? 1 : 0,
    short: 1 / Math.max(1, evidence.questionTerms),
    typeMissing: missesAskedType(askedTypes(evidence.question), best.entry) ? 1 : 0,
    contextMessage: evidence.withContext ? (best.match?.message ?? 0) : 0,
    answerExplained: best.match?.answer ?? 0,
    actionMissing: best.match?.action === false ? 1 : 0,
  };
}
