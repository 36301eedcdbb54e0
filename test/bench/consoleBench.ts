/**
 * `npm run bench:console`: seeds a question log with 100,000 questions (90
 * days, the real KB's entries), starts the real server on it with the
 * console on, signs in, and times the overview page end to end over HTTP
 * (target ≤ 300 ms), by day and by week, plus the other pages and exports.
 * `-- --questions N` changes the size; `-- --database-url postgres://…` runs it on
 * PostgreSQL instead (the server with DATABASE_URL, in a schema of its own, dropped after).
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { seedLog } from '../../adapters/cli/consoleSeed.js';
import { openQuestionLogStore } from '../../adapters/storage/index.js';
import { loadKnowledgeBase } from '../../knowledge/index.js';
import { ConsoleClient } from '../adapters/console/consoleClient.js';
import { startRealApp } from '../adapters/helpers/realApp.js';
import { percentile } from '../eval/metrics.js';

const TARGET_MS = 300;
const RUNS = 15;
const argument = (name: string): string | undefined => {
  const index = process.argv.indexOf(name);
  return index > 0 ? process.argv[index + 1] : undefined;
};
const count = Number(argument('--questions') ?? 100_000);
const databaseUrl = argument('--database-url');
const database = databaseUrl === undefined ? undefined : { url: databaseUrl, poolSize: 10, schema: `console_bench_${randomBytes(4).toString('hex')}` };
/** The server's variables for the engine under test (PostgreSQL needs the multi-instance secrets). */
const engineEnv: Record<string, string> = database
  ? { DATABASE_URL: database.url, DATABASE_SCHEMA: database.schema, DIRECT_LINE_TOKEN_SECRET: randomBytes(24).toString('hex'), ID_HASH_SALT: 'console bench salt' }
  : {};
const password = 'bench console password';

const dir = await mkdtemp(path.join(tmpdir(), 'console-bench-'));
try {
  const kb = await loadKnowledgeBase('knowledge/data');
  const questionLogDb = path.join(dir, 'questions.db');
  const seedStart = performance.now();
  const store = await openQuestionLogStore({ questionLogDb, ...(database && { database }) });
  const events = await seedLog(store, kb.entries, { count, days: 90, kbVersion: kb.version, now: new Date() });
  await store.close();
  console.log(`seeded ${count} questions and ${events} events in ${Math.round(performance.now() - seedStart)} ms (${database ? 'PostgreSQL' : 'SQLite'})`);

  const app = await startRealApp({
    KB_DIR: 'knowledge/data', EMBEDDINGS_PROVIDER: 'none', QUESTION_LOG_DB: questionLogDb, CONSOLE_ADMIN_PASSWORD: password, ...engineEnv,
  });
  try {
    const client = new ConsoleClient(app.url);
    await client.signIn('admin', password);
    const rows: string[] = [];
    const time = async (label: string, url: string, runs = RUNS): Promise<number> => {
      const samples: number[] = [];
      // One request first: the page's first render also warms SQLite's cache and V8's code, which no curator sees twice.
      await client.get(url);
      for (let i = 0; i < runs; i++) {
        const start = performance.now();
        const response = await client.get(url);
        samples.push(performance.now() - start);
        if (response.status !== 200) throw new Error(`${url}: HTTP ${response.status}`);
      }
      samples.sort((a, b) => a - b);
      const [p50, p95] = [percentile(samples, 50), percentile(samples, 95)];
      rows.push(`| ${label} | ${p50.toFixed(1)} | ${p95.toFixed(1)} | ${samples.at(-1)?.toFixed(1)} |`);
      return p95;
    };
    const overviewP95 = await time('overview, by day (90 days)', '/console');
    await time('overview, by week', '/console?periode=semaine');
    await time('overview, one channel', '/console?canal=msteams');
    await time('réponses', '/console/reponses', 5);
    await time('questions sans réponse', '/console/sans-reponse', 5);
    await time('propositions', '/console/propositions', 5);
    await time('questions.csv (whole log)', '/console/export/questions.csv', 3);
    console.log(`\nConsole pages over HTTP with ${count.toLocaleString('en')} logged questions on ${database ? 'PostgreSQL' : 'SQLite'} (ms)\n`);
    console.log('| page | p50 | p95 | max |\n|---|---|---|---|');
    console.log(rows.join('\n'));
    console.log(`\noverview p95 ${overviewP95.toFixed(1)} ms: ${overviewP95 <= TARGET_MS ? 'within' : 'OVER'} the ${TARGET_MS} ms target`);
  } finally {
    await app.stop();
  }
} finally {
  await rm(dir, { recursive: true, force: true });
  if (database) {
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS ${database.schema} CASCADE`);
    await client.end();
  }
}
