import { describe, expect, it } from 'vitest';
import { percentile, recallAtK } from './metrics.js';

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
