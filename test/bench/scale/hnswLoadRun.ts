/**
 * Loads a saved HNSW index in a fresh process (time and peak RSS), then for
 * each efSearch measures recall@k against the exact neighbours and the query
 * time. Prints one JSON line; run by hnswScale.ts.
 * Usage: tsx test/bench/scale/hnswLoadRun.ts <index file> <queries+truth JSON> <dimension> <ef,ef,…>
 */
import { readFile } from 'node:fs/promises';
import { HnswVectorIndex } from '../../../embeddings/index.js';
import { percentile } from '../../eval/metrics.js';

const [file, truthFile, dimension, efs] = process.argv.slice(2);
const { queries, truth } = JSON.parse(await readFile(truthFile, 'utf8')) as { queries: number[][]; truth: number[][] };
const start = performance.now();
await HnswVectorIndex.load(file, Number(dimension));
const loadMs = performance.now() - start;
const sweep = [];
for (const efSearch of efs.split(',').map(Number)) {
  const index = await HnswVectorIndex.load(file, Number(dimension), { efSearch });
  let found = 0;
  const samples: number[] = [];
  queries.forEach((query, i) => {
    const vector = Float32Array.from(query);
    const t0 = performance.now();
    const hits = index.search(vector, truth[i].length);
    samples.push(performance.now() - t0);
    const expected = new Set(truth[i]);
    found += hits.filter((hit) => expected.has(hit.label)).length;
  });
  const total = truth.reduce((sum, t) => sum + t.length, 0);
  sweep.push({ efSearch, recall: found / total, p50Ms: percentile(samples, 50), p95Ms: percentile(samples, 95) });
}
console.log(JSON.stringify({ loadMs, maxRssMiB: process.resourceUsage().maxRSS / 1024, sweep }));
