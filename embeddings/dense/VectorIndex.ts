/** A nearest-neighbour hit: the label of a stored vector and its cosine similarity. */
export interface VectorHit {
  readonly label: number;
  /** Cosine similarity in [-1, 1]. */
  readonly similarity: number;
}

/**
 * Approximate nearest-neighbour index over L2-normalised vectors (cosine).
 * Implementations: `HnswVectorIndex` (hnswlib-node); tests use an exact in-memory one.
 */
export interface VectorIndex {
  readonly dimension: number;
  readonly size: number;
  add(label: number, vector: Float32Array): void;
  search(vector: Float32Array, k: number): VectorHit[];
  /** Writes the index to `file`. */
  save(file: string): Promise<void>;
}
