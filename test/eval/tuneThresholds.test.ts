import { describe, expect, it } from 'vitest';
import type { FaqEntry } from '../../knowledge/index.js';
import type { Retrieval } from '../../embeddings/index.js';
import { evaluateThresholds, MIN_REJECTION, REJECTION_CONFIDENCE_Z, tuneThresholds, wilsonLowerBound, type LabelledRetrieval } from './tuneThresholds.js';

const retrieval = (...ranked: [string, number][]): Retrieval => ({
  query: 'q',
  ranked: ranked.map(([id, score]) => ({ entry: { id } as FaqEntry, score })),
});

const ITEMS: LabelledRetrieval[] = [
  { retrieval: retrieval(['a', 0.9], ['b', 0.2]), expectedId: 'a' },
  { retrieval: retrieval(['b', 0.6], ['a', 0.55]), expectedId: 'a' },
  { retrieval: retrieval(['c', 0.3]), expectedId: null },
  { retrieval: retrieval(['a', 0.45]), expectedId: null },
];

describe('evaluateThresholds', () => {
  it('counts right answers, right clarifications, wrong answers and rejection', () => {
    const result = evaluateThresholds(ITEMS, { minScore: 0.5, confidentScore: 0.5, clearMargin: 0.1 });
    expect(result.rightAnswers).toBe(0.5);
    expect(result.rightClarifications).toBe(0.5);
    expect(result.wrongAnswers).toBe(0);
    expect(result.rejection).toBe(1);
  });
});

/** Thirty out-of-scope items scoring 0.10 … 0.39: enough for the confidence bound to allow 90 %. */
const OUT_OF_SCOPE: LabelledRetrieval[] = Array.from({ length: 30 }, (_, i) => ({
  retrieval: retrieval(['c', 0.1 + i * 0.01]),
  expectedId: null,
}));
const IN_SCOPE: LabelledRetrieval[] = [
  { retrieval: retrieval(['a', 0.9], ['b', 0.2]), expectedId: 'a' },
  { retrieval: retrieval(['b', 0.6], ['a', 0.55]), expectedId: 'a' },
  { retrieval: retrieval(['a', 0.36]), expectedId: 'a' },
];

describe('wilsonLowerBound', () => {
  it('is below the observed share, tighter with more trials, 0 without trials', () => {
    expect(wilsonLowerBound(62, 65, REJECTION_CONFIDENCE_Z)).toBeCloseTo(0.9079, 4);
    expect(wilsonLowerBound(9, 10, REJECTION_CONFIDENCE_Z)).toBeLessThan(0.9);
    expect(wilsonLowerBound(90, 100, REJECTION_CONFIDENCE_Z)).toBeGreaterThan(wilsonLowerBound(9, 10, REJECTION_CONFIDENCE_Z));
    expect(wilsonLowerBound(10, 10, REJECTION_CONFIDENCE_Z)).toBeLessThan(1);
    expect(wilsonLowerBound(0, 0, REJECTION_CONFIDENCE_Z)).toBe(0);
  });
});

describe('tuneThresholds', () => {
  it('finds thresholds whose rejection holds at the confidence bound, and answers the clear question', () => {
    const best = tuneThresholds([...IN_SCOPE, ...OUT_OF_SCOPE]);
    expect(best).toBeDefined();
    expect(best!.rejectionLowerBound).toBeGreaterThanOrEqual(MIN_REJECTION);
    // Observed 90 % would let the three best out-of-scope items (0.37-0.39) through; the bound needs all thirty rejected.
    expect(best!.rejection).toBe(1);
    expect(best!.thresholds.minScore).toBeGreaterThan(0.39);
    expect(best!.rightAnswers).toBeCloseTo(1 / 3, 10);
  });

  it('refuses a setting that reaches 90 % on a sample too small to vouch for it', () => {
    const small = OUT_OF_SCOPE.slice(0, 10);
    const result = evaluateThresholds([...IN_SCOPE, ...small], { minScore: 0.185, confidentScore: 0.185, clearMargin: 0.02 });
    expect(result.rejection).toBe(0.9);
    expect(result.rejectionLowerBound).toBeLessThan(MIN_REJECTION);
  });

  it('gives up when no threshold can reject enough', () => {
    expect(tuneThresholds([{ retrieval: retrieval(['a', 1]), expectedId: null }])).toBeUndefined();
  });
});
