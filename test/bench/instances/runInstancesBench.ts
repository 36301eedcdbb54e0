/**
 * `npm run bench -- --instances`: turns per second and turn latency for the embedded default
 * (one instance), PostgreSQL with one instance and PostgreSQL with two, at 10, 50 and 200
 * concurrent conversations, in one run. Every set-up sits behind the same round-robin proxy;
 * the load generator runs in its own process. The database is TEST_DATABASE_URL (default:
 * the local server on 127.0.0.1:5432, database `test`), each scenario in its own schema.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { percentile } from '../../eval/metrics.js';
import { faqQuestions, startCluster } from '../../adapters/multiInstance/cluster.js';
import { createTestSchema, TEST_DATABASE_URL } from '../../adapters/storage/postgres/testDatabase.js';
import type { LoadReport } from './loadGenerator.js';

const run = promisify(execFile);
const LEVELS = [10, 50, 200];
const TURNS = 10;
const SETUPS = [
  { engine: 'embedded', instances: 1 },
  { engine: 'postgres', instances: 1 },
  { engine: 'postgres', instances: 2 },
] as const;

interface Row {
  readonly engine: string;
  readonly instances: number;
  readonly conversations: number;
  readonly turnsPerSecond: number;
  readonly p50: number;
  readonly p95: number;
  readonly failures: number;
}

/** The database of the PostgreSQL set-ups: TEST_DATABASE_URL, or the local server this kind of machine runs. */
const DATABASE_URL = TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

async function scenario(setup: (typeof SETUPS)[number], conversations: number, questions: readonly string[]): Promise<Row> {
  const schema = setup.engine === 'postgres' ? await createTestSchema(8, DATABASE_URL) : undefined;
  const cluster = await startCluster(setup.instances, schema && { url: schema.config.url, schema: schema.config.schema });
  try {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'test/bench/instances/loadGenerator.ts', JSON.stringify({ baseUrl: cluster.proxy.url, conversations, questions })], {
      maxBuffer: 64 * 1024 * 1024,
      timeout: 600_000,
    });
    const report = parseReport(stdout.trim().split('\n').at(-1) ?? '');
    const sorted = [...report.latenciesMs].sort((a, b) => a - b);
    return {
      engine: setup.engine, instances: setup.instances, conversations,
      turnsPerSecond: report.turns / (report.elapsedMs / 1000), p50: percentile(sorted, 50), p95: percentile(sorted, 95), failures: report.failures,
    };
  } finally {
    await cluster.stop();
    await schema?.drop();
  }
}

export async function runInstancesBench(): Promise<void> {
  const questions = await faqQuestions(TURNS);
  console.log(`Several instances: ${TURNS} turns per conversation (question, answer on the WebSocket stream, vote), load generator in its own process, 25 loopback addresses, round-robin proxy in front of every set-up\n`);
  const rows: Row[] = [];
  for (const conversations of LEVELS) {
    for (const setup of SETUPS) {
      const row = await scenario(setup, conversations, questions);
      rows.push(row);
      console.log(`  ${row.engine} × ${row.instances}, ${conversations} conversations: ${row.turnsPerSecond.toFixed(1)} turns/s, p95 ${row.p95.toFixed(0)} ms`);
    }
  }
  console.log('\n| engine | instances | conversations | turns/s | p50 ms | p95 ms | failed conversations |');
  console.log('| --- | --- | --- | --- | --- | --- | --- |');
  for (const row of rows) {
    console.log(`| ${row.engine} | ${row.instances} | ${row.conversations} | ${row.turnsPerSecond.toFixed(1)} | ${row.p50.toFixed(0)} | ${row.p95.toFixed(0)} | ${row.failures} |`);
  }
  const find = (engine: string, instances: number, conversations: number) => rows.find((row) => row.engine === engine && row.instances === instances && row.conversations === conversations);
  console.log('\n| conversations | PostgreSQL p95 / embedded p95 (target ≤ 2 at 50) | 2 instances / 1 instance throughput (target ≥ 1.3) |');
  console.log('| --- | --- | --- |');
  for (const conversations of LEVELS) {
    const embedded = find('embedded', 1, conversations);
    const one = find('postgres', 1, conversations);
    const two = find('postgres', 2, conversations);
    if (!embedded || !one || !two) continue;
    console.log(`| ${conversations} | ${(one.p95 / embedded.p95).toFixed(2)} | ${(two.turnsPerSecond / one.turnsPerSecond).toFixed(2)} |`);
  }
}

function parseReport(line: string): LoadReport {
  const value: unknown = JSON.parse(line);
  const field = (name: string): unknown => (typeof value === 'object' && value !== null ? Reflect.get(value, name) : undefined);
  const latencies = field('latenciesMs');
  return {
    turns: Number(field('turns')),
    elapsedMs: Number(field('elapsedMs')),
    latenciesMs: Array.isArray(latencies) ? latencies.map(Number) : [],
    failures: Number(field('failures')),
  };
}
