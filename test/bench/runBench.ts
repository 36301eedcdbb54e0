/**
 * `npm run bench`: cold start, `ask` latency per mode, index build time and
 * peak memory, the Direct Line load, and the cost of SQLite's synchronous=FULL,
 * measured on this machine. Figures go to stdout as tables.
 * `npm run bench -- --robustness` measures the robustness targets instead (robustness/runRobustness.ts);
 * `-- --instances` one instance against two on PostgreSQL, and the embedded default (instances/);
 * `-- --scale` the lexical side at 1,000 and 10,000 entries against Orama (scale/runScale.ts), `-- --hnsw`
 * the vector index at 130,000 vectors (scale/hnswScale.ts).
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { loadKnowledgeBase } from '../../knowledge/index.js';
import { answerQuestion, createKbRetriever, IndexStore, kbDocuments, UseEmbeddingProvider, type Retriever } from '../../embeddings/index.js';
import { loadEvalSet } from '../eval/evalSet.js';
import { percentile } from '../eval/metrics.js';
import { LOOPBACK_ADDRESSES, runDirectLineLoad } from '../adapters/directLineLoad.js';
import { startRealApp } from '../adapters/helpers/realApp.js';
import { runInstancesBench } from './instances/runInstancesBench.js';
import { runRobustness } from './robustness/runRobustness.js';
import { measureDurabilityCost } from './sqliteDurability.js';

const run = promisify(execFile);

if (process.argv.includes('--instances')) {
  await runInstancesBench(process.argv.slice(2));
  process.exit(0);
}
if (process.argv.includes('--scale')) {
  const { runScale } = await import('./scale/runScale.js');
  await runScale(process.argv.slice(2));
  process.exit(0);
}
if (process.argv.includes('--hnsw')) {
  const { runHnswScale } = await import('./scale/hnswScale.js');
  await runHnswScale(process.argv.slice(2));
  process.exit(0);
}
if (process.argv.includes('--robustness')) {
  await runRobustness(process.argv.slice(2));
  process.exit(0);
}
const LATENCY_PASSES = 3;
const COLD_STARTS = 3;

const kb = await loadKnowledgeBase('knowledge/data');
// Every question of both v2 sets: short, long with context, typos, English, off-topic and small talk.
const sets = await Promise.all(['knowledge/data/asked/tuning-v2.yaml', 'test/eval/heldout-v2.yaml'].map((file) => loadEvalSet(file, kb)));
const questions = sets.flatMap((set) => [...set.inScope, ...set.outOfScope, ...(set.smallTalk ?? [])].map((item) => item.q));
const workDir = await mkdtemp(path.join(tmpdir(), 'faq-bench-'));

async function latency(retriever: Retriever): Promise<{ p50: number; p95: number; max: number; n: number }> {
  const samples: number[] = [];
  for (let pass = 0; pass < LATENCY_PASSES; pass++) {
    for (const q of questions) {
      const start = performance.now();
      await answerQuestion(retriever, q);
      samples.push(performance.now() - start);
    }
  }
  return { p50: percentile(samples, 50), p95: percentile(samples, 95), max: Math.max(...samples), n: samples.length };
}

// Index build: embedding every question and alternate with the offline model, then HNSW.
const provider = await UseEmbeddingProvider.create();
const documents = kbDocuments(kb.entries);
const buildStart = performance.now();
await IndexStore.loadOrBuild({ dir: path.join(workDir, 'build'), provider, kbVersion: kb.version, documents });
const buildMs = performance.now() - buildStart;

const lexical = (await createKbRetriever({ kb, mode: 'lexical' })).retriever;
const hybrid = (await createKbRetriever({ kb, mode: 'hybrid', provider, indexDir: workDir })).retriever;
const latencies = { lexical: await latency(lexical), [hybrid.description]: await latency(hybrid) };
await provider.dispose?.();

// Cold starts in fresh processes; the hybrid ones reuse the index persisted above.
const tsx = path.resolve('node_modules/.bin/tsx');
const cold: Record<string, unknown>[] = [];
for (const mode of ['lexical', 'hybrid']) {
  for (let i = 0; i < COLD_STARTS; i++) {
    const { stdout } = await run(tsx, ['test/bench/coldStart.ts', mode, workDir], { maxBuffer: 1 << 20 });
    cold.push(JSON.parse(stdout.trim().split('\n').pop() ?? '{}'));
  }
}
const durability = await measureDurabilityCost(workDir);
await rm(workDir, { recursive: true, force: true });

// Whole turns through the built-in Direct Line endpoint, the real bot and the offline default retrieval.
const LOAD = { conversations: 50, turns: 10 };
const server = await startRealApp({ EMBEDDINGS_PROVIDER: 'none', KB_DIR: 'knowledge/data' });
const load = await runDirectLineLoad({ baseUrl: server.url, ...LOAD, addresses: LOOPBACK_ADDRESSES, timeLimitMs: 120_000 });
await server.stop();

const ms = (x: number) => `${x.toFixed(1)} ms`;
console.log(`\nKB ${kb.version.slice(0, 12)}: ${kb.entries.length} entries, ${documents.length} indexed texts; ${questions.length} eval questions × ${LATENCY_PASSES} passes\n`);
console.log('ask latency (answerQuestion: retrieve + decide, in process):');
console.table(Object.fromEntries(Object.entries(latencies).map(([mode, l]) => [mode, { p50: ms(l.p50), p95: ms(l.p95), max: ms(l.max), queries: l.n }])));
console.log(`Index build (use-lite, ${documents.length} texts, embed + HNSW + save): ${(buildMs / 1000).toFixed(2)} s\n`);
console.log('Cold start in a fresh process (KB load + model load + index load; imports listed apart):');
console.table(
  cold.map((c) => ({
    mode: c.mode,
    imports: ms(Number(c.importsMs)),
    'KB load': ms(Number(c.kbLoadMs)),
    'model load': ms(Number(c.modelLoadMs)),
    'index load': `${ms(Number(c.indexMs))} (${String(c.indexState)})`,
    'KB + index': ms(Number(c.kbLoadMs) + Number(c.indexMs)),
    'first answer': ms(Number(c.firstAnswerMs)),
    'peak RSS': `${Number(c.maxRssMiB).toFixed(0)} MiB`,
  })),
);
console.log(
  `Direct Line load (${LOAD.conversations} concurrent conversations × ${LOAD.turns} turns, loopback, real bot, lexical): ` +
    `${load.turnsCompleted}/${load.turnsPlanned} replies, ${load.lostReplies} lost, ${load.errors.length} errors, ` +
    `turn latency p50 ${ms(load.p50Ms)}, p95 ${ms(load.p95Ms)}, max ${ms(load.maxMs)}, ${(load.durationMs / 1000).toFixed(1)} s in all`,
);
console.log('\nFeedback store, one vote per transaction (real SqliteFeedbackStore; NORMAL is WAL\'s default, FULL what the store uses):');
console.table(durability.map((d) => ({ synchronous: d.mode, votes: d.votes, 'p50 per vote': ms(d.msPerVoteP50), 'p95 per vote': ms(d.msPerVoteP95), 'votes/s': d.votesPerSecond.toFixed(0) })));
console.log(`Peak RSS of this bench process: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`);
