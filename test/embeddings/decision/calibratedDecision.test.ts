import { describe, expect, it } from 'vitest';
import type { FaqEntry } from '../../../knowledge/index.js';
import { decide, decideCalibrated } from '../../../embeddings/decision/decide.js';
import { decisionFeatures, FEATURE_NAMES, type Features } from '../../../embeddings/decision/features.js';
import { fitLogistic, probability, type LogisticModel } from '../../../embeddings/decision/logistic.js';
import type { QueryEvidence, RankedEntry, Retrieval } from '../../../embeddings/Retriever.js';

const EVIDENCE: QueryEvidence = { question: 'q', coverage: 1, messageCoverage: 1, unknownRarity: 0, questionTerms: 3, english: false, withContext: false };

function entry(id: string, answer = 'Réponse.'): FaqEntry {
  return { id, question: `${id} ?`, alternates: [], answer, offer: 'o', theme: 't', links: [], source: { file: 'f.yaml', line: 1 } };
}
function ranked(...items: [string, number, number][]): RankedEntry[] {
  return items.map(([id, lexical, explained]) => ({ entry: entry(id), score: Math.min(1, lexical), lexical, match: { question: explained, message: explained, answer: explained / 2 } }));
}

/** A model that reads the best entry's score only: P = σ(10 × (score − 0.5)). */
const SCORE_ONLY: LogisticModel = {
  intercept: -5,
  coefficients: Object.fromEntries(FEATURE_NAMES.map((name) => [name, name === 'score' ? 10 : 0])) as Record<(typeof FEATURE_NAMES)[number], number>,
};
const THRESHOLDS = { answer: 0.8, clarify: 0.4 };

describe('decisionFeatures', () => {
  it('reads the scores, the lead and the evidence off a ranking', () => {
    const retrieval: Retrieval = { query: 'q', ranked: ranked(['a', 0.8, 0.9], ['b', 0.4, 0.3]), evidence: { ...EVIDENCE, english: true, questionTerms: 4 } };
    expect(decisionFeatures(retrieval)).toEqual({
      score: 0.8,
      lead: 0.5,
      coverage: 1,
      unknown: 0,
      explained: 0.9,
      explainedMessage: 0.9,
      explainedLead: expect.closeTo(0.6, 10) as number,
      english: 1,
      context: 0,
      short: 0.25,
      typeMissing: 0,
      contextMessage: 0,
      answerExplained: 0.45,
      actionMissing: 0,
    });
  });

  it('flags a price asked of an answer without one, and gives nothing without evidence or ranking', () => {
    const asked: Retrieval = { query: 'q', ranked: ranked(['a', 0.8, 0.9]), evidence: { ...EVIDENCE, question: 'Combien coûte le référencement ?' } };
    expect(decisionFeatures(asked)?.typeMissing).toBe(1);
    const [best] = ranked(['a', 0.8, 0.9]);
    const howTo: Retrieval = { query: 'q', ranked: [{ ...best, match: { question: 0.9, message: 0.9, action: false } }], evidence: EVIDENCE };
    expect(decisionFeatures(howTo)?.actionMissing).toBe(1);
    expect(decisionFeatures({ query: 'q', ranked: ranked(['a', 0.8, 0.9]) })).toBeUndefined();
    expect(decisionFeatures({ query: 'q', ranked: [], evidence: EVIDENCE })).toBeUndefined();
  });
});

describe('decideCalibrated', () => {
  const at = (score: number, runnerUp = 0.1): Retrieval => ({ query: 'q', ranked: ranked(['a', score, 1], ['b', runnerUp, 0.5], ['c', 0.05, 0]), evidence: EVIDENCE });

  it('answers above the answer threshold, clarifies between, declines below, with the probability', () => {
    const answer = decideCalibrated(at(0.7), SCORE_ONLY, THRESHOLDS);
    expect(answer).toMatchObject({ kind: 'answer', best: { entry: { id: 'a' } } });
    expect(answer.confidence).toBeCloseTo(probability(SCORE_ONLY, decisionFeatures(at(0.7)) as Features), 10);
    const clarify = decideCalibrated(at(0.5, 0.4), SCORE_ONLY, THRESHOLDS);
    // Candidates: entries scoring at least half the best one's score (c is too weak).
    expect(clarify.kind === 'clarify' && clarify.candidates.map((c) => c.entry.id)).toEqual(['a', 'b']);
    const none = decideCalibrated(at(0.3, 0.2), SCORE_ONLY, THRESHOLDS);
    expect(none.kind).toBe('none');
    // The nearby questions: close entries sharing informative words with the question.
    expect(none.kind === 'none' && none.nearby.map((c) => c.entry.id)).toEqual(['a', 'b']);
  });

  it('declines a ranking without evidence or entries', () => {
    expect(decideCalibrated({ query: 'q', ranked: [], evidence: EVIDENCE })).toMatchObject({ kind: 'none', nearby: [] });
  });

  it('is what decide uses for a lexical ranking with evidence; thresholds decide the others', () => {
    const lexical = at(1.2, 0.1);
    expect(decide(lexical).confidence).toBeDefined();
    expect(decide({ ...lexical, mode: 'hybrid' }).confidence).toBeUndefined();
    expect(decide({ query: 'q', ranked: ranked(['a', 0.9, 1]) }).confidence).toBeUndefined();
  });
});

describe('fitLogistic', () => {
  it('learns a separable rule and its probabilities order the examples', () => {
    const one = 1 as const;
    const zero = 0 as const;
    const base: Features = { score: 0, lead: 0, coverage: 0, unknown: 0, explained: 0, explainedMessage: 0, explainedLead: 0, english: 0, context: 0, short: 0, typeMissing: 0, contextMessage: 0, answerExplained: 0, actionMissing: 0 };
    const examples = [0.1, 0.2, 0.3, 0.35, 0.65, 0.7, 0.8, 0.9].map((score) => ({ features: { ...base, score }, label: score > 0.5 ? one : zero }));
    const model = fitLogistic(examples);
    expect(model.coefficients.score).toBeGreaterThan(0);
    const p = examples.map((example) => probability(model, example.features));
    expect(p.slice(0, 4).every((x) => x < 0.5)).toBe(true);
    expect(p.slice(4).every((x) => x > 0.5)).toBe(true);
    expect(() => fitLogistic([])).toThrow(/no examples/);
  });
});
