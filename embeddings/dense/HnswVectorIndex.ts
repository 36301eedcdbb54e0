import { open } from 'node:fs/promises';
import type { VectorHit, VectorIndex } from './VectorIndex.js';

/*
 * M and efConstruction are sized for recall@5 ≥ 0.99 up to 10,000 vectors even
 * without topic structure (M 16 / efConstruction 200 found 0.44 of the exact
 * top 5 on 10,000 uniformly random 384-d vectors). efSearch is chosen for the
 * vectors a sentence model gives, which cluster by topic and entry:
 * `npm run bench -- --hnsw` measured recall@5 1.000 at 64 on 108,000 clustered
 * vectors (0.996 at 32), at a quarter of efSearch 500's query time. Uniform
 * random vectors, the worst case, need 500 for 0.97: reported, not the setting.
 */
/** Graph degree (links per vector). */
export const HNSW_M = 32;
/** Build-time candidate list: high, because the KB builds once per KB version. */
export const HNSW_EF_CONSTRUCTION = 400;
/** Query-time candidate list: the smallest that kept recall@5 at 1.000 on clustered vectors. */
export const HNSW_EF_SEARCH = 64;
/** Fixed seed: the same vectors always give the same graph. */
export const HNSW_RANDOM_SEED = 100;
/** Room reserved when `maxElements` is not given; the index doubles it when full. */
const DEFAULT_MAX_ELEMENTS = 1024;

/** HNSW build and query parameters, recorded in the index manifest. */
export interface HnswParams {
  readonly M: number;
  readonly efConstruction: number;
  readonly efSearch: number;
}

export const DEFAULT_HNSW_PARAMS: HnswParams = { M: HNSW_M, efConstruction: HNSW_EF_CONSTRUCTION, efSearch: HNSW_EF_SEARCH };

/** The part of hnswlib-node's `HierarchicalNSW` this class uses. */
export interface HnswNative {
  initIndex(maxElements: number, m?: number, efConstruction?: number, randomSeed?: number): void;
  readIndex(filename: string): Promise<boolean>;
  writeIndex(filename: string): Promise<boolean>;
  resizeIndex(newMaxElements: number): void;
  addPoint(point: number[], label: number): void;
  searchKnn(queryPoint: number[], numNeighbors: number): { distances: number[]; neighbors: number[] };
  getMaxElements(): number;
  getCurrentCount(): number;
  getNumDimensions(): number;
  getIdsList(): number[];
  setEf(ef: number): void;
}

/** Creates an empty cosine-space native index; swapped in tests that must not load the addon. */
export type HnswLoader = () => Promise<(dimension: number) => HnswNative>;

/** Default loader: the hnswlib-node native addon, imported on first use only. */
export const loadHnswlib: HnswLoader = async () => {
  const module = await import('hnswlib-node');
  // The addon is CommonJS without static exports: Node exposes it as the default export.
  const { HierarchicalNSW } = module.default ?? module;
  return (dimension) => new HierarchicalNSW('cosine', dimension);
};

/** Byte size of hnswlib's saved-index header (hnswalg.h `saveIndex`: eleven size_t, one int, one uint32, one double). */
const HNSW_HEADER_BYTES = 96;

/** What an hnswlib index file says about itself. */
export interface HnswFileHeader {
  readonly dimension: number;
  readonly count: number;
  readonly M: number;
  readonly efConstruction: number;
}

/**
 * Reads and checks the header of an hnswlib file (float32 vectors). hnswlib
 * trusts its input: a truncated file or one of another dimension can crash the
 * process inside native code, so files are checked here before it sees them.
 */
export async function readHnswHeader(file: string): Promise<HnswFileHeader> {
  const handle = await open(file, 'r');
  try {
    const { size } = await handle.stat();
    const buffer = Buffer.alloc(HNSW_HEADER_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, HNSW_HEADER_BYTES, 0);
    if (bytesRead < HNSW_HEADER_BYTES) throw new Error(`${file} is too short to be an hnswlib index (${size} bytes)`);
    const word = (offset: number): number => Number(buffer.readBigUInt64LE(offset));
    const [count, bytesPerElement, labelOffset, dataOffset] = [word(16), word(24), word(32), word(40)];
    const dataBytes = labelOffset - dataOffset;
    // Level-0 records, then one uint32 link-list size per element at least.
    const minimumSize = HNSW_HEADER_BYTES + count * (bytesPerElement + 4);
    if (dataBytes <= 0 || dataBytes % 4 !== 0 || labelOffset + 8 > bytesPerElement || size < minimumSize) {
      throw new Error(`${file} is not a complete hnswlib index (${size} bytes, header says ${count} elements)`);
    }
    return { dimension: dataBytes / 4, count, M: word(72), efConstruction: word(88) };
  } finally {
    await handle.close();
  }
}

/** How to create an empty index; `loader` lets tests replace the native addon. */
export interface HnswCreateOptions {
  readonly dimension: number;
  /** Expected number of vectors; the index grows past it when needed. */
  readonly maxElements?: number;
  readonly params?: Partial<HnswParams>;
  readonly loader?: HnswLoader;
}

/** How to read a saved index; `loader` lets tests replace the native addon. */
export interface HnswLoadOptions {
  readonly efSearch?: number;
  readonly loader?: HnswLoader;
}

/** Cosine nearest neighbours over hnswlib-node. hnswlib normalises vectors itself in cosine space. */
export class HnswVectorIndex implements VectorIndex {
  private readonly labels: Set<number>;

  private constructor(
    private readonly native: HnswNative,
    readonly dimension: number,
    readonly params: HnswParams,
  ) {
    native.setEf(params.efSearch);
    this.labels = new Set(native.getIdsList());
  }

  static async create(options: HnswCreateOptions): Promise<HnswVectorIndex> {
    const { dimension } = options;
    if (!Number.isInteger(dimension) || dimension < 1) {
      throw new Error(`HnswVectorIndex.create: dimension must be a positive integer (got ${dimension})`);
    }
    const params: HnswParams = { ...DEFAULT_HNSW_PARAMS, ...options.params };
    const factory = await HnswVectorIndex.loadNative('create', options.loader);
    const native = factory(dimension);
    native.initIndex(Math.max(1, options.maxElements ?? DEFAULT_MAX_ELEMENTS), params.M, params.efConstruction, HNSW_RANDOM_SEED);
    return new HnswVectorIndex(native, dimension, params);
  }

  /**
   * Reads an index written by {@link save}. M and efConstruction come from the
   * file header; efSearch is not stored by hnswlib, so it is set again here.
   */
  static async load(file: string, dimension: number, options: HnswLoadOptions = {}): Promise<HnswVectorIndex> {
    let header: HnswFileHeader;
    try {
      header = await readHnswHeader(file);
    } catch (cause) {
      throw new Error(`HnswVectorIndex.load: cannot read the index file ${file}; rebuild the index (npm run index)`, { cause });
    }
    if (header.dimension !== dimension) {
      throw new Error(`HnswVectorIndex.load: ${file} holds ${header.dimension}-d vectors, expected ${dimension}; rebuild the index`);
    }
    const factory = await HnswVectorIndex.loadNative('load', options.loader);
    const native = factory(dimension);
    try {
      await native.readIndex(file);
    } catch (cause) {
      throw new Error(`HnswVectorIndex.load: cannot read the index file ${file}; rebuild the index (npm run index)`, { cause });
    }
    const params = { M: header.M, efConstruction: header.efConstruction, efSearch: options.efSearch ?? HNSW_EF_SEARCH };
    return new HnswVectorIndex(native, dimension, params);
  }

  private static async loadNative(method: string, loader: HnswLoader = loadHnswlib): Promise<(dimension: number) => HnswNative> {
    try {
      return await loader();
    } catch (cause) {
      throw new Error(`HnswVectorIndex.${method}: cannot load the hnswlib-node native addon; reinstall dependencies (npm ci)`, {
        cause,
      });
    }
  }

  get size(): number {
    return this.native.getCurrentCount();
  }

  add(label: number, vector: Float32Array): void {
    if (vector.length !== this.dimension) {
      throw new Error(`HnswVectorIndex.add: vector has dimension ${vector.length}, index has ${this.dimension}`);
    }
    if (!Number.isSafeInteger(label) || label < 0) {
      throw new Error(`HnswVectorIndex.add: label must be a non-negative integer (got ${label})`);
    }
    // hnswlib would silently overwrite the old vector: refuse, as the in-memory index does.
    if (this.labels.has(label)) throw new Error(`HnswVectorIndex.add: label ${label} is already stored`);
    if (this.size >= this.native.getMaxElements()) this.native.resizeIndex(this.native.getMaxElements() * 2);
    this.native.addPoint(Array.from(vector), label);
    this.labels.add(label);
  }

  search(vector: Float32Array, k: number): VectorHit[] {
    if (vector.length !== this.dimension) {
      throw new Error(`HnswVectorIndex.search: query has dimension ${vector.length}, index has ${this.dimension}`);
    }
    const count = Math.min(k, this.size);
    if (count <= 0) return [];
    const { distances, neighbors } = this.native.searchKnn(Array.from(vector), count);
    return neighbors
      .map((label, i) => ({ label, similarity: 1 - distances[i] }))
      .sort((a, b) => b.similarity - a.similarity || a.label - b.label);
  }

  async save(file: string): Promise<void> {
    try {
      await this.native.writeIndex(file);
    } catch (cause) {
      throw new Error(`HnswVectorIndex.save: cannot write ${file}`, { cause });
    }
  }
}
