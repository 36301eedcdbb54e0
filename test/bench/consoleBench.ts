/**
 * `npm run bench:console`: seeds a question log with 100,000 questions (90
 * days, the real KB's entries), starts the real server on it with the
 * console on, signs in, and times the overview page end to end over HTTP
 * (target ≤ 300 ms), by day and by week, plus the other pages (target: well
 * under 1 s) and the streamed exports (first byte and whole file).
 * « Questions sans réponse » is timed twice: as shown again (its clustering
 * kept) and with a new unanswered question logged before each request (the
 * clustering redone), which is what a curator sees while the bot is in use.
 * `-- --questions N` changes the size; `-- --database-url postgres://…` runs it on
 * PostgreSQL instead (the server with DATABASE_URL, in a schema of its own, dropped after).
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { seedLog } from '../../adapters/cli/consoleSeed.js';
import { openQuestionLogStore } from '../../adapters/storage/index.js';
import { loadKnowledgeBase } from '../../knowledge/index.js';
import { ConsoleClient } from '../adapters/console/consoleClient.js';
import { startRealApp } from '../adapters/helpers/realApp.js';
import { percentile } from '../eval/metrics.js';

const TARGET_MS = 300;
const run = promisify(execFile);
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
    const time = async (label: string, url: string, runs = RUNS, before?: (run: number) => Promise<void>): Promise<number> => {
      const samples: number[] = [];
      // One request first: the page's first render also warms SQLite's cache and V8's code, which no curator sees twice.
      await client.get(url);
      for (let i = 0; i < runs; i++) {
        await before?.(i);
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
    await time('réponses', '/console/reponses');
    await time('questions sans réponse, shown again', '/console/sans-reponse');
    // A second connection to the same file, as the bot's recorder writes while a curator reads.
    const writer = await openQuestionLogStore({ questionLogDb, ...(database && { database }) });
    const fresh = (run: number) =>
      writer.recordQuestion({
        id: `bench-${run}`, time: new Date().toISOString(), channel: 'webchat', kbVersion: kb.version, conversationHash: `bench-${run}`,
        source: 'typed', text: `Question nouvelle numéro ${run} sur la facturation`, facets: {}, decision: 'none', candidates: [],
      });
    await time('questions sans réponse, a new one logged before each', '/console/sans-reponse', RUNS, fresh);
    await writer.close();
    await time('propositions', '/console/propositions');
    // curl, a client in its own process: read in this one, the bytes would wait for the server's event loop, which they share.
    const exports: string[] = [];
    for (const name of ['questions', 'unanswered']) {
      const { stdout } = await run('curl', [
        '-s', '-o', '/dev/null', '-H', `cookie: ${client.cookieHeader()}`, '-w', '%{time_starttransfer} %{time_total} %{size_download}', `${app.url}/console/export/${name}.csv`,
      ]);
      const [firstByte, total, bytes] = stdout.split(' ').map(Number);
      exports.push(`| ${name}.csv | ${(firstByte * 1000).toFixed(1)} | ${(total * 1000).toFixed(0)} | ${(bytes / 1_048_576).toFixed(1)} |`);
    }
    console.log(`\nConsole pages over HTTP with ${count.toLocaleString('en')} logged questions on ${database ? 'PostgreSQL' : 'SQLite'} (ms)\n`);
    console.log('| page | p50 | p95 | max |\n|---|---|---|---|');
    console.log(rows.join('\n'));
    console.log('\nStreamed exports (ms, MiB)\n\n| export | first byte | whole file | size |\n|---|---|---|---|');
    console.log(exports.join('\n'));
    console.log(`\nserver RSS after the run: ${(process.memoryUsage().rss / 1_048_576).toFixed(0)} MiB (bench and server share the process)`);
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
