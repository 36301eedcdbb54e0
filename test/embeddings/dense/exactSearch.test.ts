import { describe, expect, it } from 'vitest';
import { cosineSimilarity, exactSearch, l2Normalize } from '../../../embeddings/dense/exactSearch.js';

const v = (...values: number[]): Float32Array => Float32Array.from(values);

describe('exactSearch', () => {
  const vectors = new Map<number, Float32Array>([
    [3, v(1, 0)],
    [1, v(0, 1)],
    [2, v(-1, 0)],
    [0, v(1, 0)],
  ]);

  it('ranks by cosine similarity and breaks ties by ascending label', () => {
    const hits = exactSearch(vectors, v(2, 0), 3);
    expect(hits.map((hit) => hit.label)).toEqual([0, 3, 1]);
    expect(hits.map((hit) => hit.similarity)).toEqual([1, 1, 0]);
  });

  it('accepts pairs as well as maps, and k larger than the set', () => {
    expect(exactSearch([[7, v(0, 1)]], v(0, 3), 5)).toEqual([{ label: 7, similarity: 1 }]);
    expect(exactSearch(vectors, v(1, 0), 0)).toEqual([]);
  });

  it('rejects a negative k', () => {
    expect(() => exactSearch(vectors, v(1, 0), -1)).toThrow(/exactSearch/);
  });
});

describe('cosineSimilarity and l2Normalize', () => {
  it('compute the cosine and unit length', () => {
    expect(cosineSimilarity(v(1, 0), v(1, 1))).toBeCloseTo(Math.SQRT1_2, 6);
    expect(cosineSimilarity(v(0, 0), v(1, 1))).toBe(0);
    expect(() => cosineSimilarity(v(1), v(1, 0))).toThrow(/dimensions differ/);
    expect(Array.from(l2Normalize(v(3, 4)))).toEqual([Math.fround(0.6), Math.fround(0.8)]);
    expect(Array.from(l2Normalize(v(0, 0)))).toEqual([0, 0]);
  });
});
