import { describe, expect, it } from 'vitest';
import { computeMetrics, percentile, recallAtK } from './metrics.js';

describe('computeMetrics', () => {
  it('counts top-1, reciprocal ranks, answered-correctly and rejection', () => {
    const metrics = computeMetrics(
      [
        { expectedId: 'a', rankedIds: ['a', 'b'], decision: 'answer' },
        { expectedId: 'b', rankedIds: ['a', 'b'], decision: 'clarify' },
        { expectedId: 'c', rankedIds: ['a', 'b'], decision: 'none', nearbyIds: ['a', 'b'] },
        { expectedId: 'a', rankedIds: ['a'], decision: 'none', nearbyIds: ['a'] },
      ],
      ['none', 'answer', 'none', 'none'],
    );
    expect(metrics.top1).toBe(0.5);
    expect(metrics.mrr5).toBeCloseTo((1 + 0.5 + 0 + 1) / 4);
    expect(metrics.answeredCorrectly).toBe(0.25);
    // Declined, but the labelled entry was among the nearby questions: only the last one.
    expect(metrics.declinedButShown).toBe(0.25);
    expect(metrics.rejection).toBe(0.75);
  });

  it('ignores ranks beyond 5 for MRR', () => {
    const metrics = computeMetrics([{ expectedId: 'f', rankedIds: ['a', 'b', 'c', 'd', 'e', 'f'], decision: 'answer' }], []);
    expect(metrics.mrr5).toBe(0);
    expect(metrics.rejection).toBe(0);
  });
});

describe('percentile', () => {
  it('uses the nearest rank', () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(values, 50)).toBe(50);
    expect(percentile(values, 95)).toBe(95);
    expect(percentile([3, 1, 2], 100)).toBe(3);
    expect(Number.isNaN(percentile([], 50))).toBe(true);
  });
});

describe('recallAtK', () => {
  it('averages the share of exact neighbours found', () => {
    expect(recallAtK([[1, 2], [3, 4]], [[2, 1], [3, 9]])).toBe(0.75);
    expect(() => recallAtK([[1]], [])).toThrow(/counts differ/);
  });
});
