/**
 * `npm run bench -- --hnsw [--vectors 130000] [--uniform-vectors 20000] [--M 32 --ef-construction 400]`:
 * the vector side at 10,000 entries × 13 phrasings. Builds an HNSW index
 * (HnswVectorIndex, the production class) of synthetic clustered vectors
 * (vectors.ts), saves it, then in a fresh process loads it (time and peak RSS)
 * and measures recall@5 against exact search and the query time for a range
 * of efSearch values; then the same for uniform random vectors, the worst
 * case, as a report. Bounded: the build stops after --max-build-s seconds and
 * reports how far it got.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs, promisify } from 'node:util';
import { HnswVectorIndex } from '../../../embeddings/index.js';
import { exactTopK, syntheticVectors, type VectorForm } from './vectors.js';

const run = promisify(execFile);
export const DIMENSION = 384;
export const PHRASINGS_PER_ENTRY = 13;
export const QUERIES = 200;
export const RECALL_K = 5;
export const EF_SEARCH_VALUES = [16, 32, 64, 128, 256, 500];

interface LoadRun {
  readonly loadMs: number;
  readonly maxRssMiB: number;
  readonly sweep: readonly { efSearch: number; recall: number; p50Ms: number; p95Ms: number }[];
}

async function measure(form: VectorForm, count: number, params: { M: number; efConstruction: number }, maxBuildMs: number, work: string) {
  const entries = Math.max(1, Math.round(count / PHRASINGS_PER_ENTRY));
  const { documents, queries } = syntheticVectors({ form, entries, perEntry: PHRASINGS_PER_ENTRY, queries: QUERIES, dimension: DIMENSION });
  const index = await HnswVectorIndex.create({ dimension: DIMENSION, maxElements: documents.length, params: { ...params, efSearch: 64 } });
  const start = performance.now();
  let added = 0;
  for (const vector of documents) {
    index.add(added++, vector);
    if (performance.now() - start > maxBuildMs) break;
  }
  const buildMs = performance.now() - start;
  const file = path.join(work, `${form}.hnsw`);
  await index.save(file);
  const indexed = documents.slice(0, added);
  const truth = queries.map((query) => exactTopK(indexed, query, RECALL_K));
  const truthFile = path.join(work, `${form}.json`);
  await writeFile(truthFile, JSON.stringify({ queries: queries.map((q) => Array.from(q)), truth }));
  const tsx = path.resolve('node_modules/.bin/tsx');
  const { stdout } = await run(tsx, ['test/bench/scale/hnswLoadRun.ts', file, truthFile, String(DIMENSION), EF_SEARCH_VALUES.join(',')], {
    maxBuffer: 16 << 20,
    timeout: 20 * 60_000,
  });
  const load = JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as LoadRun;
  return { form, planned: documents.length, added, buildMs, load };
}

export async function runHnswScale(argv: readonly string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv.filter((arg) => arg !== '--hnsw'),
    options: {
      vectors: { type: 'string', default: String(10_000 * PHRASINGS_PER_ENTRY) },
      'uniform-vectors': { type: 'string', default: '20000' },
      M: { type: 'string', default: '32' },
      'ef-construction': { type: 'string', default: '400' },
      'max-build-s': { type: 'string', default: '1500' },
    },
  });
  const params = { M: Number(values.M), efConstruction: Number(values['ef-construction']) };
  const maxBuildMs = Number(values['max-build-s']) * 1000;
  const work = await mkdtemp(path.join(tmpdir(), 'faq-hnsw-'));
  try {
    const results = [
      await measure('clustered', Number(values.vectors), params, maxBuildMs, work),
      await measure('uniform', Number(values['uniform-vectors']), params, maxBuildMs, work),
    ];
    console.log(
      `\nHNSW (hnswlib-node through HnswVectorIndex), ${DIMENSION}-d cosine, M ${params.M}, efConstruction ${params.efConstruction}; ` +
        `${QUERIES} queries, recall@${RECALL_K} against exact search; load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}`,
    );
    for (const r of results) {
      const partial = r.added < r.planned ? ` (STOPPED at the time limit: ${r.added} of ${r.planned})` : '';
      console.log(
        `${r.form}: ${r.added} vectors${partial}; build ${(r.buildMs / 1000).toFixed(1)} s (${(r.buildMs / r.added).toFixed(2)} ms/vector); ` +
          `load in a fresh process ${r.load.loadMs.toFixed(0)} ms, peak RSS ${r.load.maxRssMiB.toFixed(0)} MiB`,
      );
      console.table(
        r.load.sweep.map((s) => ({ efSearch: s.efSearch, [`recall@${RECALL_K}`]: s.recall.toFixed(4), 'p50 ms': s.p50Ms.toFixed(2), 'p95 ms': s.p95Ms.toFixed(2) })),
      );
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
