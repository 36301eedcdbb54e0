import { readFile, writeFile } from 'node:fs/promises';
import { exactSearch } from '../../embeddings/index.js';
import type { VectorHit, VectorIndex } from '../../embeddings/index.js';

interface SavedIndex {
  readonly dimension: number;
  readonly vectors: ReadonlyArray<readonly [number, number[]]>;
}

/** Exact brute-force cosine index for tests: same contract as `HnswVectorIndex`, no native code. */
export class InMemoryVectorIndex implements VectorIndex {
  private readonly vectors = new Map<number, Float32Array>();

  constructor(readonly dimension: number) {
    if (!Number.isInteger(dimension) || dimension < 1) {
      throw new Error(`InMemoryVectorIndex: dimension must be a positive integer (got ${dimension})`);
    }
  }

  get size(): number {
    return this.vectors.size;
  }

  add(label: number, vector: Float32Array): void {
    if (vector.length !== this.dimension) {
      throw new Error(`InMemoryVectorIndex.add: vector has dimension ${vector.length}, index has ${this.dimension}`);
    }
    if (this.vectors.has(label)) throw new Error(`InMemoryVectorIndex.add: label ${label} is already stored`);
    this.vectors.set(label, Float32Array.from(vector));
  }

  search(vector: Float32Array, k: number): VectorHit[] {
    if (vector.length !== this.dimension) {
      throw new Error(`InMemoryVectorIndex.search: query has dimension ${vector.length}, index has ${this.dimension}`);
    }
    return exactSearch(this.vectors, vector, Math.min(k, this.vectors.size));
  }

  async save(file: string): Promise<void> {
    const saved: SavedIndex = {
      dimension: this.dimension,
      vectors: [...this.vectors].map(([label, vector]) => [label, Array.from(vector)] as const),
    };
    await writeFile(file, JSON.stringify(saved));
  }

  static async load(file: string): Promise<InMemoryVectorIndex> {
    const saved: unknown = JSON.parse(await readFile(file, 'utf8'));
    if (!isSavedIndex(saved)) throw new Error(`InMemoryVectorIndex.load: ${file} is not a saved in-memory index`);
    const index = new InMemoryVectorIndex(saved.dimension);
    for (const [label, values] of saved.vectors) index.add(label, Float32Array.from(values));
    return index;
  }
}

function isSavedIndex(value: unknown): value is SavedIndex {
  if (typeof value !== 'object' || value === null || !('dimension' in value) || !('vectors' in value)) return false;
  const { dimension, vectors } = value;
  return (
    typeof dimension === 'number' &&
    Array.isArray(vectors) &&
    vectors.every((item) => Array.isArray(item) && typeof item[0] === 'number' && Array.isArray(item[1]))
  );
}
