/**
 * Synthetic embedding vectors for the HNSW scale benchmark. `clustered` mimics
 * a sentence model on a FAQ: entries grouped by topic, each entry's phrasings
 * close together (cosine ≈ 0.9 to the entry, ≈ 0.75 between the entry and its
 * topic), questions near one entry's phrasings without being one of them.
 * `uniform` is the worst case (no structure at all), reported, not tuned for.
 */
import { seededRandom } from './syntheticKb.js';

export type VectorForm = 'clustered' | 'uniform';

/** Noise norms (relative to unit vectors) giving the cosines above. */
const TOPIC_NOISE = 0.88;
const PHRASING_NOISE = 0.43;
const QUERY_NOISE = 0.6;
/** Entries per topic. */
const ENTRIES_PER_TOPIC = 50;

function gaussian(random: () => number): () => number {
  return () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

function normalise(vector: Float32Array): Float32Array {
  let norm = 0;
  for (const x of vector) norm += x * x;
  norm = Math.sqrt(norm) || 1;
  for (let i = 0; i < vector.length; i++) vector[i] /= norm;
  return vector;
}

/** `base` plus isotropic noise of norm ≈ `noise`, normalised (a random unit vector without base). */
function around(base: Float32Array | undefined, noise: number, dimension: number, normal: () => number): Float32Array {
  const vector = new Float32Array(dimension);
  const scale = base ? noise / Math.sqrt(dimension) : 1;
  for (let i = 0; i < dimension; i++) vector[i] = (base?.[i] ?? 0) + scale * normal();
  return normalise(vector);
}

/** `entries × perEntry` document vectors and `queries` question vectors (with the entry each asks about; -1 for uniform). */
export function syntheticVectors(options: {
  readonly form: VectorForm;
  readonly entries: number;
  readonly perEntry: number;
  readonly queries: number;
  readonly dimension: number;
  readonly seed?: number;
}): { documents: Float32Array[]; queries: Float32Array[] } {
  const { form, entries, perEntry, dimension } = options;
  const random = seededRandom(options.seed ?? 7);
  const normal = gaussian(random);
  if (form === 'uniform') {
    return {
      documents: Array.from({ length: entries * perEntry }, () => around(undefined, 0, dimension, normal)),
      queries: Array.from({ length: options.queries }, () => around(undefined, 0, dimension, normal)),
    };
  }
  const topics = Array.from({ length: Math.ceil(entries / ENTRIES_PER_TOPIC) }, () => around(undefined, 0, dimension, normal));
  const centres = Array.from({ length: entries }, (_, e) => around(topics[e % topics.length], TOPIC_NOISE, dimension, normal));
  const documents = centres.flatMap((centre) => Array.from({ length: perEntry }, () => around(centre, PHRASING_NOISE, dimension, normal)));
  const queries = Array.from({ length: options.queries }, () => around(centres[Math.floor(random() * entries)], QUERY_NOISE, dimension, normal));
  return { documents, queries };
}

/** Labels of the exact `k` nearest documents by cosine (vectors are unit length: dot product). */
export function exactTopK(documents: readonly Float32Array[], query: Float32Array, k: number): number[] {
  const best: { label: number; similarity: number }[] = [];
  for (let label = 0; label < documents.length; label++) {
    const document = documents[label];
    let dot = 0;
    for (let i = 0; i < query.length; i++) dot += document[i] * query[i];
    if (best.length < k || dot > best[best.length - 1].similarity) {
      best.push({ label, similarity: dot });
      best.sort((a, b) => b.similarity - a.similarity);
      if (best.length > k) best.pop();
    }
  }
  return best.map((hit) => hit.label);
}
