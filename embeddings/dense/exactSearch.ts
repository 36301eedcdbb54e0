import type { VectorHit } from './VectorIndex.js';

/** Cosine similarity; 0 when either vector is all zeros (no direction to compare). */
export function cosineSimilarity(a: Float32Array, b: Float32Array): number {
  if (a.length !== b.length) {
    throw new Error(`cosineSimilarity: dimensions differ (${a.length} vs ${b.length})`);
  }
  let dot = 0;
  let normA = 0;
  let normB = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i] * b[i];
    normA += a[i] * a[i];
    normB += b[i] * b[i];
  }
  return normA === 0 || normB === 0 ? 0 : dot / Math.sqrt(normA * normB);
}

/**
 * Exact (brute-force) cosine nearest neighbours: the ground truth against which
 * the HNSW index's recall is measured, and the search of the in-memory test index.
 * Ties are broken by ascending label so results are deterministic.
 */
export function exactSearch(
  vectors: Iterable<readonly [label: number, vector: Float32Array]>,
  query: Float32Array,
  k: number,
): VectorHit[] {
  if (!Number.isInteger(k) || k < 0) throw new Error(`exactSearch: k must be a non-negative integer (got ${k})`);
  const hits: VectorHit[] = [];
  for (const [label, vector] of vectors) hits.push({ label, similarity: cosineSimilarity(vector, query) });
  return hits.sort((a, b) => b.similarity - a.similarity || a.label - b.label).slice(0, k);
}

/** Scales `vector` to unit length in place and returns it; a zero vector is left as is. */
export function l2Normalize(vector: Float32Array): Float32Array {
  let sum = 0;
  for (const value of vector) sum += value * value;
  const norm = Math.sqrt(sum);
  if (norm > 0) for (let i = 0; i < vector.length; i++) vector[i] /= norm;
  return vector;
}
