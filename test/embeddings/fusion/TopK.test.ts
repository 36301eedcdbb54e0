import { describe, expect, it } from 'vitest';
import type { FaqEntry } from '../../../knowledge/index.js';
import { TopK } from '../../../embeddings/fusion/TopK.js';
import type { EntryMatch } from '../../../embeddings/Retriever.js';

const entries = ['delta', 'alpha', 'charlie', 'bravo', 'echo'].map((id) => ({ id }) as FaqEntry);

/** A TopK over `entries` whose match shares are `shares[entryIndex]`, counting the shares asked for. */
function topK(k: number, shares: readonly number[]) {
  const asked: number[] = [];
  const matchOf = (entryIndex: number): EntryMatch => {
    asked.push(entryIndex);
    return { question: shares[entryIndex], message: shares[entryIndex] / 2 };
  };
  return { top: new TopK(k, entries, matchOf), asked };
}

describe('TopK', () => {
  it('keeps the k best by uncapped score, caps the confidence at 1 and raises its threshold', () => {
    const { top } = topK(2, [0, 0, 0, 0, 0]);
    expect(top.threshold()).toBe(0);
    top.offer(0, 0.4, 0, 0.4);
    top.offer(1, 1.3, 0.2, 1.5);
    expect(top.threshold()).toBe(0.4);
    top.offer(2, 0.9, 0, 0.9);
    top.offer(3, 0.1, 0, 0.1);
    expect(top.threshold()).toBe(0.9);
    expect(top.ranked().map((r) => [r.entry.id, r.score, r.dense, r.lexical])).toEqual([
      ['alpha', 1, 0.2, 1.5],
      ['charlie', 0.9, 0, 0.9],
    ]);
  });

  it('orders equal scores by the share of the question explained, then by id', () => {
    const { top } = topK(3, [0.5, 0.2, 0.5, 0.8, 0]);
    for (const entryIndex of [0, 1, 2, 3]) top.offer(entryIndex, 0.7, 0, 0.7);
    expect(top.ranked().map((r) => r.entry.id)).toEqual(['bravo', 'charlie', 'delta']);
  });

  it('reads the share explained only for the entries kept and for exact ties', () => {
    const { top, asked } = topK(2, [0.1, 0.2, 0.3, 0.4, 0.5]);
    [0.1, 0.2, 0.3, 0.4, 0.5].forEach((score, entryIndex) => top.offer(entryIndex, score, 0, score));
    expect(asked).toEqual([]);
    const ranked = top.ranked();
    expect(ranked.map((r) => r.match)).toEqual([
      { question: 0.5, message: 0.25 },
      { question: 0.4, message: 0.2 },
    ]);
    expect(asked.sort()).toEqual([3, 4]);
    top.offer(0, 0.4, 0, 0.4);
    expect(asked.sort()).toEqual([0, 3, 4]);
  });

  it('keeps nothing with k = 0', () => {
    const { top } = topK(0, [0, 0, 0, 0, 0]);
    top.offer(0, 0.9, 0, 0.9);
    expect(top.ranked()).toEqual([]);
  });
});
