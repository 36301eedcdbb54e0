import { describe, expect, it } from 'vitest';
import type { FaqEntry } from '../../knowledge/index.js';
import type { Retrieval } from '../../embeddings/index.js';
import { evaluateThresholds, tuneThresholds, type LabelledRetrieval } from './tuneThresholds.js';

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

describe('tuneThresholds', () => {
  it('finds thresholds that reject every out-of-scope item and answer the clear one', () => {
    const best = tuneThresholds(ITEMS);
    expect(best).toBeDefined();
    expect(best!.rejection).toBeGreaterThanOrEqual(0.9);
    expect(best!.thresholds.minScore).toBeGreaterThan(0.45);
    expect(best!.rightAnswers).toBe(0.5);
  });

  it('gives up when no threshold can reject enough', () => {
    expect(tuneThresholds([{ retrieval: retrieval(['a', 1]), expectedId: null }])).toBeUndefined();
  });
});
