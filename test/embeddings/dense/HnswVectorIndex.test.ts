import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exactSearch, l2Normalize } from '../../../embeddings/dense/exactSearch.js';
import { HNSW_EF_CONSTRUCTION, HNSW_M, HnswVectorIndex, readHnswHeader } from '../../../embeddings/dense/HnswVectorIndex.js';

const v = (...values: number[]): Float32Array => Float32Array.from(values);

/** Deterministic pseudo-random unit vectors (mulberry32). */
function randomVectors(count: number, dimension: number, seed: number): Float32Array[] {
  let state = seed;
  const next = (): number => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296 - 0.5;
  };
  return Array.from({ length: count }, () => l2Normalize(Float32Array.from({ length: dimension }, next)));
}

describe('HnswVectorIndex', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'hnsw-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('finds cosine neighbours with similarity = 1 - distance, best first', async () => {
    const index = await HnswVectorIndex.create({ dimension: 3, maxElements: 10 });
    index.add(0, v(1, 0, 0));
    index.add(1, v(0, 1, 0));
    index.add(2, v(1, 1, 0));
    const hits = index.search(v(1, 0.1, 0), 2);
    expect(hits.map((hit) => hit.label)).toEqual([0, 2]);
    expect(hits[0].similarity).toBeCloseTo(1 / Math.sqrt(1.01), 5);
    expect(hits[1].similarity).toBeCloseTo(1.1 / Math.sqrt(2 * 1.01), 5);
    expect(index.search(v(0, 1, 0), 10)).toHaveLength(3);
    expect(index.search(v(0, 1, 0), 0)).toEqual([]);
  });

  it('grows past maxElements', async () => {
    const index = await HnswVectorIndex.create({ dimension: 8, maxElements: 2 });
    randomVectors(50, 8, 1).forEach((vector, label) => index.add(label, vector));
    expect(index.size).toBe(50);
  });

  it('rejects duplicate labels, bad labels and wrong dimensions', async () => {
    const index = await HnswVectorIndex.create({ dimension: 2 });
    index.add(4, v(1, 0));
    expect(() => index.add(4, v(0, 1))).toThrow(/label 4 is already stored/);
    expect(() => index.add(-1, v(0, 1))).toThrow(/non-negative integer/);
    expect(() => index.add(5, v(0, 1, 0))).toThrow(/dimension 3, index has 2/);
    expect(() => index.search(v(1), 1)).toThrow(/HnswVectorIndex.search/);
    await expect(HnswVectorIndex.create({ dimension: 0 })).rejects.toThrow(/HnswVectorIndex.create: dimension/);
  });

  it('reaches recall@5 of at least 0.95 against exact search', async () => {
    const vectors = randomVectors(600, 32, 7);
    const index = await HnswVectorIndex.create({ dimension: 32, maxElements: vectors.length });
    vectors.forEach((vector, label) => index.add(label, vector));
    const pairs = vectors.map((vector, label) => [label, vector] as const);
    let found = 0;
    const queries = randomVectors(100, 32, 99);
    for (const query of queries) {
      const truth = new Set(exactSearch(pairs, query, 5).map((hit) => hit.label));
      found += index.search(query, 5).filter((hit) => truth.has(hit.label)).length;
    }
    expect(found / (queries.length * 5)).toBeGreaterThanOrEqual(0.95);
  });

  it('saves and loads back the same index, with its build parameters', async () => {
    const vectors = randomVectors(40, 16, 3);
    const index = await HnswVectorIndex.create({ dimension: 16, params: { M: 8, efConstruction: 50 } });
    vectors.forEach((vector, label) => index.add(label + 100, vector));
    const file = join(dir, 'index.hnsw');
    await index.save(file);
    expect(await readHnswHeader(file)).toEqual({ dimension: 16, count: 40, M: 8, efConstruction: 50 });

    const loaded = await HnswVectorIndex.load(file, 16, { efSearch: 32 });
    expect(loaded.size).toBe(40);
    expect(loaded.params).toEqual({ M: 8, efConstruction: 50, efSearch: 32 });
    for (const query of randomVectors(10, 16, 4)) expect(loaded.search(query, 5)).toEqual(index.search(query, 5));
    expect(() => loaded.add(100, vectors[0])).toThrow(/already stored/);
    loaded.add(1, vectors[0]);
    expect(loaded.size).toBe(41);
  });

  it('uses the named default parameters', async () => {
    const index = await HnswVectorIndex.create({ dimension: 4 });
    index.add(0, v(1, 0, 0, 0));
    const file = join(dir, 'defaults.hnsw');
    await index.save(file);
    expect(await readHnswHeader(file)).toMatchObject({ M: HNSW_M, efConstruction: HNSW_EF_CONSTRUCTION });
  });

  it('refuses missing, truncated and other-dimension files before native code reads them', async () => {
    const index = await HnswVectorIndex.create({ dimension: 8 });
    randomVectors(20, 8, 5).forEach((vector, label) => index.add(label, vector));
    const file = join(dir, 'index.hnsw');
    await index.save(file);

    await expect(HnswVectorIndex.load(join(dir, 'missing.hnsw'), 8)).rejects.toThrow(/cannot read the index file/);
    await expect(HnswVectorIndex.load(file, 16)).rejects.toThrow(/holds 8-d vectors, expected 16/);

    const bytes = await readFile(file);
    const truncated = join(dir, 'truncated.hnsw');
    await writeFile(truncated, bytes.subarray(0, bytes.length - 200));
    await expect(HnswVectorIndex.load(truncated, 8)).rejects.toMatchObject({
      message: /cannot read the index file/,
      cause: { message: /not a complete hnswlib index/ },
    });
    const tiny = join(dir, 'tiny.hnsw');
    await writeFile(tiny, 'not an index');
    await expect(HnswVectorIndex.load(tiny, 8)).rejects.toMatchObject({ cause: { message: /too short/ } });
  });

  it('reports a native addon that cannot load, with the cause', async () => {
    const missing = new Error('addon.node not found');
    const failingLoader = async (): Promise<never> => {
      throw missing;
    };
    await expect(HnswVectorIndex.create({ dimension: 4, loader: failingLoader })).rejects.toMatchObject({
      message: /HnswVectorIndex.create: cannot load the hnswlib-node native addon/,
      cause: missing,
    });
  });
});
