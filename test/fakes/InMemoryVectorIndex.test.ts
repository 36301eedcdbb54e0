import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InMemoryVectorIndex } from './InMemoryVectorIndex.js';

const v = (...values: number[]): Float32Array => Float32Array.from(values);

describe('InMemoryVectorIndex', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'inmem-index-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('returns exact cosine neighbours, best first, at most k and at most size', () => {
    const index = new InMemoryVectorIndex(2);
    index.add(10, v(1, 0));
    index.add(11, v(0, 1));
    index.add(12, v(1, 1));
    const hits = index.search(v(1, 0.1), 2);
    expect(hits.map((hit) => hit.label)).toEqual([10, 12]);
    expect(hits[0].similarity).toBeCloseTo(1 / Math.sqrt(1.01), 5);
    expect(index.search(v(1, 0), 10)).toHaveLength(3);
    expect(index.size).toBe(3);
  });

  it('copies added vectors so later mutation does not change the index', () => {
    const index = new InMemoryVectorIndex(2);
    const vector = v(1, 0);
    index.add(1, vector);
    vector[0] = -1;
    expect(index.search(v(1, 0), 1)[0].similarity).toBeCloseTo(1, 6);
  });

  it('rejects wrong dimensions and duplicate labels', () => {
    const index = new InMemoryVectorIndex(2);
    index.add(1, v(1, 0));
    expect(() => index.add(1, v(0, 1))).toThrow(/label 1 is already stored/);
    expect(() => index.add(2, v(1, 0, 0))).toThrow(/dimension 3/);
    expect(() => index.search(v(1), 1)).toThrow(/InMemoryVectorIndex.search/);
  });

  it('saves to JSON and loads back the same answers', async () => {
    const index = new InMemoryVectorIndex(3);
    index.add(0, v(0.6, 0.8, 0));
    index.add(5, v(0, 0, 1));
    const file = join(dir, 'index.json');
    await index.save(file);
    const loaded = await InMemoryVectorIndex.load(file);
    expect(loaded.dimension).toBe(3);
    expect(loaded.size).toBe(2);
    expect(loaded.search(v(0, 0.1, 1), 2)).toEqual(index.search(v(0, 0.1, 1), 2));
  });

  it('refuses to load a file that is not a saved index', async () => {
    const file = join(dir, 'bad.json');
    await writeFile(file, '{"hello": 1}');
    await expect(InMemoryVectorIndex.load(file)).rejects.toThrow(/not a saved in-memory index/);
  });
});
