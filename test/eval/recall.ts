import type { KnowledgeBase } from '../../knowledge/index.js';
import { exactSearch, HnswVectorIndex, kbDocuments, l2Normalize, type EmbeddingProvider } from '../../embeddings/index.js';
import type { EvalSet } from './evalSet.js';
import { recallAtK } from './metrics.js';
import { seededRandom } from '../../adapters/console/seededRandom.js';

const K = 5;
const SYNTHETIC_SIZE = 10_000;
const SYNTHETIC_DIMENSION = 384;
const SYNTHETIC_QUERIES = 300;
/** Vectors are drawn around this many topic centres: real FAQ embeddings cluster by topic. */
const SYNTHETIC_CLUSTERS = 400;
const SYNTHETIC_NOISE = 0.6;

function gaussian(next: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());
}

/** Recall@K of the HNSW index against brute force, and the HNSW search time per query. */
async function recallOf(vectors: Float32Array[], queries: Float32Array[]): Promise<string> {
  const index = await HnswVectorIndex.create({ dimension: vectors[0].length, maxElements: vectors.length });
  vectors.forEach((vector, label) => index.add(label, vector));
  const labelled = vectors.map((vector, label) => [label, vector] as const);
  const exact = queries.map((q) => exactSearch(labelled, q, K).map((hit) => hit.label));
  const start = performance.now();
  const approx = queries.map((q) => index.search(q, K).map((hit) => hit.label));
  const perQuery = (performance.now() - start) / queries.length;
  return `${recallAtK(exact, approx).toFixed(4)} (${perQuery.toFixed(2)} ms a query)`;
}

function syntheticVectors(count: number, centres: Float32Array[], next: () => number): Float32Array[] {
  return Array.from({ length: count }, () => {
    const centre = centres[Math.floor(next() * centres.length)];
    return l2Normalize(Float32Array.from(centre, (x) => x + SYNTHETIC_NOISE * gaussian(next) / Math.sqrt(SYNTHETIC_DIMENSION)));
  });
}

/** HNSW recall@5 against brute force: on the real KB's vectors per provider, and on synthetic 10,000-entry KBs. */
export async function measureRecall(kb: KnowledgeBase, providers: readonly EmbeddingProvider[], set: EvalSet): Promise<string[]> {
  const lines: string[] = [];
  const questions = [...set.inScope, ...set.outOfScope].map((item) => item.q);
  for (const provider of providers) {
    const vectors = await provider.embed(kbDocuments(kb.entries).map((d) => d.text), 'passage');
    const queries = await provider.embed(questions, 'query');
    lines.push(`HNSW recall@${K}, real KB (${vectors.length} vectors, ${provider.name}, ${queries.length} queries): ${await recallOf(vectors, queries)}`);
  }
  const next = seededRandom(42);
  const centres = Array.from({ length: SYNTHETIC_CLUSTERS }, () => l2Normalize(Float32Array.from({ length: SYNTHETIC_DIMENSION }, () => gaussian(next))));
  const clustered = syntheticVectors(SYNTHETIC_SIZE, centres, next);
  const clusteredQueries = syntheticVectors(SYNTHETIC_QUERIES, centres, next);
  lines.push(`HNSW recall@${K}, synthetic KB (${SYNTHETIC_SIZE} clustered ${SYNTHETIC_DIMENSION}-d vectors, ${SYNTHETIC_QUERIES} queries): ${await recallOf(clustered, clusteredQueries)}`);
  const uniform = Array.from({ length: SYNTHETIC_SIZE }, () => l2Normalize(Float32Array.from({ length: SYNTHETIC_DIMENSION }, () => gaussian(next))));
  const uniformQueries = Array.from({ length: SYNTHETIC_QUERIES }, () => l2Normalize(Float32Array.from({ length: SYNTHETIC_DIMENSION }, () => gaussian(next))));
  lines.push(`HNSW recall@${K}, synthetic KB (${SYNTHETIC_SIZE} uniform random ${SYNTHETIC_DIMENSION}-d vectors, worst case, ${SYNTHETIC_QUERIES} queries): ${await recallOf(uniform, uniformQueries)}`);
  return lines;
}
