import { describe, expect, it } from 'vitest';
import type { FaqEntry } from '../../../knowledge/index.js';
import { TopK } from '../../../embeddings/fusion/TopK.js';
import type { EntryMatch } from '../../../embeddings/Retriever.js';

const entries = ['delta', 'alpha', 'charlie', 'bravo', 'echo'].map((id) => ({ id }) as FaqEntry);

/**
 * A TopK over `entries` whose match shares are `shares[entryIndex]` and best single phrasings score
 * `phrasings[entryIndex]`, counting the shares and phrasings asked for.
 */
function topK(k: number, shares: readonly number[], phrasings: readonly number[] = [0, 0, 0, 0, 0]) {
  const asked: number[] = [];
  const phrasingAsked: number[] = [];
  const match = (entryIndex: number): EntryMatch => {
    asked.push(entryIndex);
    return { question: shares[entryIndex], message: shares[entryIndex] / 2 };
  };
  const phrasing = (entryIndex: number): number => {
    phrasingAsked.push(entryIndex);
    return phrasings[entryIndex];
  };
  return { top: new TopK(k, entries, { match, phrasing }), asked, phrasingAsked };
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

  it('orders the entries kept at the capped score by their best single phrasing, then by the uncapped score', () => {
    const { top, phrasingAsked } = topK(4, [1, 1, 1, 1, 1], [1.2, 1.4, 0.9, 1.4, 2]);
    top.offer(0, 1.5, 0, 1.5);
    top.offer(1, 1.1, 0, 1.1);
    top.offer(2, 0.95, 0, 0.95);
    top.offer(3, 1.3, 0, 1.3);
    expect(top.ranked().map((r) => [r.entry.id, r.score])).toEqual([
      ['bravo', 1],
      ['alpha', 1],
      ['delta', 1],
      ['charlie', 0.95],
    ]);
    expect(phrasingAsked).not.toContain(2);
  });

  it('reorders only the k kept: an entry at the cap beyond them stays out, and its phrasing is never read', () => {
    const { top, phrasingAsked } = topK(2, [1, 1, 1, 1, 1], [0.5, 0.6, 0.9, 0, 0]);
    top.offer(0, 1.8, 0, 1.8);
    top.offer(1, 1.6, 0, 1.6);
    top.offer(2, 1.05, 0, 1.05);
    expect(top.ranked().map((r) => r.entry.id)).toEqual(['alpha', 'delta']);
    expect(phrasingAsked).not.toContain(2);
  });

  it('keeps nothing with k = 0', () => {
    const { top } = topK(0, [0, 0, 0, 0, 0]);
    top.offer(0, 0.9, 0, 0.9);
    expect(top.ranked()).toEqual([]);
  });
});
