/**
 * `npm run bench -- --instances`: turns per second and turn latency for the embedded default
 * (one instance), PostgreSQL with one instance and PostgreSQL with two, at 10, 50 and 200
 * concurrent conversations, in one run. Every set-up sits behind the same round-robin proxy (nginx: apt-get install -y nginx-light);
 * the load generator runs in its own process. The database is TEST_DATABASE_URL (default:
 * the local server on 127.0.0.1:5432, database `test`), each scenario in its own schema.
 *
 * Options: `--levels 50` (conversations, comma-separated), `--setups embedded,pg1,pg2`,
 * `--statements` (count each server's PostgreSQL statements per turn, statementCounter.ts),
 * `--cpu-prof <dir>` (a V8 CPU profile of every server and of the load generator, for Chrome's profiler), `--pool-size 8` (DATABASE_POOL_SIZE of
 * every PostgreSQL instance; default DEFAULT_CLUSTER_POOL_SIZE), `--baseline <checkout>` (every PostgreSQL set-up
 * also runs the servers of another checkout, e.g. a `git worktree` of main, right before or after this one's: an
 * A/B comparison in one window of a shared machine), `--rounds 2` (the levels again; the baseline's turn alternates),
 * `--proxy node` (the tests' Node proxy instead of nginx, the default; NginxProxy.ts), `--proxy none` (no proxy: the load
 * generator sends each request to the next instance itself); `nginx,none`: both, one after the other.
 * Every scenario also prints the CPU per visitor turn of each role (servers, PostgreSQL, proxy, load generator; cpuWindow.ts).
 */
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { percentile } from '../../eval/metrics.js';
import { faqQuestions, startCluster } from '../../adapters/multiInstance/cluster.js';
import { createTestSchema, TEST_DATABASE_URL } from '../../adapters/storage/postgres/testDatabase.js';
import { startCpuWindow, type CpuPerTurn } from './cpuWindow.js';
import { printStatements, printTables, type Row } from './instancesReport.js';
import { parseOptions, type Options, type ProxyKind, type Setup } from './instancesOptions.js';
import type { LoadReport } from './loadGenerator.js';
import { LoadGeneratorProcess } from './LoadGeneratorProcess.js';
import { NginxProxy } from './NginxProxy.js';

/** How statementCounter.ts starts the line it prints at exit. */
const STATEMENTS_LINE = 'statements ';
const TURNS = 10;
/**
 * Conversations each instance serves before the measured run, so that every set-up is measured
 * warm (V8 has optimised the turn's code, pools are open), as a server that has been up for a
 * while; otherwise two instances would pay twice the warm-up within the same measured turns.
 * After 20, `perf` showed V8's worker threads still compiling the turn's code (TurboFan) during the
 * measured run: CPU that a server up for a while no longer spends.
 */
const WARM_UP_CONVERSATIONS_PER_INSTANCE = 80;

/** The database of the PostgreSQL set-ups: TEST_DATABASE_URL, or the local server this kind of machine runs. */
const DATABASE_URL = TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** The probe by absolute path: `--baseline` runs another checkout's servers (which may not have it) with this one's. */
const PROBE = fileURLToPath(new URL('./serverProbe.ts', import.meta.url));

function nodeArgs(options: Options): string[] {
  const args = ['--import', 'tsx', '--import', PROBE];
  if (options.cpuProfDir !== undefined) args.push('--cpu-prof', `--cpu-prof-dir=${options.cpuProfDir}`);
  // Relative to the servers' checkout: it must patch the `pg` module that their code loads.
  if (options.statements) args.push('--import', './test/bench/instances/statementCounter.ts');
  return args;
}

async function scenario(setup: Setup, conversations: number, questions: readonly string[], options: Options, code: Row['code'], proxyKind: ProxyKind): Promise<Row> {
  const schema = setup.engine === 'postgres' ? await createTestSchema(8, DATABASE_URL) : undefined;
  const root = code === 'baseline' ? options.baseline : undefined;
  const cluster = await startCluster(setup.instances, schema && { url: schema.config.url, schema: schema.config.schema, poolSize: options.poolSize }, nodeArgs(options), root);
  // Behind nginx or without a proxy, the cluster's Node proxy stays idle.
  const nginx = proxyKind === 'nginx' ? await NginxProxy.start(cluster.instances.map((instance) => instance.url)).catch(async (err: unknown) => {
    await cluster.stop();
    throw err;
  }) : undefined;
  const baseUrls = nginx !== undefined ? [nginx.url] : proxyKind === 'node' ? [cluster.proxy.url] : cluster.instances.map((instance) => instance.url);
  let report: LoadReport;
  let warmUpTurns: number;
  let cpu: CpuPerTurn;
  // The warm-up warms the load generator too: its measured load runs compiled, as visitors' browsers do.
  const loadGenerator = LoadGeneratorProcess.start(options.cpuProfDir);
  try {
    warmUpTurns = (await loadGenerator.run(baseUrls, WARM_UP_CONVERSATIONS_PER_INSTANCE * setup.instances, questions)).turns;
    const window = await startCpuWindow({
      servers: cluster.instances,
      proxyPids: nginx !== undefined ? () => nginx.pids() : proxyKind === 'node' ? 'bench' : undefined,
      databaseUrl: DATABASE_URL,
      applicationName: schema && `ans-faq-bot:${schema.config.schema}`,
    });
    report = await loadGenerator.run(baseUrls, conversations, questions);
    cpu = await window.stop(report.turns, report.cpuMs);
  } finally {
    await loadGenerator.close();
    await nginx?.close();
    await cluster.stop();
    await schema?.drop();
  }
  const sorted = [...report.latenciesMs].sort((a, b) => a - b);
  return {
    code, proxy: proxyKind, engine: setup.engine, instances: setup.instances, conversations, load: loadavg()[0],
    turnsPerSecond: report.turns / (report.elapsedMs / 1000), p50: percentile(sorted, 50), p95: percentile(sorted, 95), failures: report.failures, cpuPerTurn: cpu,
    ...(options.statements && setup.engine === 'postgres' && { statements: statementsPerTurn(cluster.instances.map((instance) => instance.output()), warmUpTurns + report.turns) }),
  };
}

/** Sums the servers' statement counts (warm-up included) and divides them by the visitor turns served. */
function statementsPerTurn(outputs: readonly string[], turns: number): Map<string, number> {
  const total = new Map<string, number>();
  for (const output of outputs) {
    const line = output.split('\n').find((each) => each.startsWith(STATEMENTS_LINE));
    if (line === undefined) throw new Error('runInstancesBench: a server printed no statement counts');
    const counts: unknown = JSON.parse(line.slice(STATEMENTS_LINE.length));
    for (const [text, count] of Object.entries(typeof counts === 'object' && counts !== null ? counts : {})) total.set(text, (total.get(text) ?? 0) + Number(count));
  }
  return new Map([...total].map(([text, count]) => [text, count / turns] as const).sort((a, b) => b[1] - a[1]));
}

export async function runInstancesBench(args: readonly string[] = []): Promise<void> {
  const options = parseOptions(args);
  if (options.proxies.includes('nginx') && !NginxProxy.available()) throw new Error('runInstancesBench: --proxy nginx needs nginx (apt-get install -y nginx-light)');
  const questions = await faqQuestions(TURNS);
  console.log(
    `Several instances: ${TURNS} turns per conversation (question, answer on the WebSocket stream, vote), load generator in its own process, ` +
      `one loopback address per visitor, round robin by ${options.proxies.map((proxy) => (proxy === 'none' ? 'the load generator itself (no proxy)' : proxy)).join(', then ')}, each instance warmed up with ${WARM_UP_CONVERSATIONS_PER_INSTANCE} conversations first, ` +
      `DATABASE_POOL_SIZE ${options.poolSize}\n`,
  );
  if (options.baseline !== undefined) console.log(`Baseline: the PostgreSQL set-ups also run the servers of ${options.baseline}\n`);
  const rows: Row[] = [];
  for (let round = 0; round < options.rounds; round += 1) {
    for (const conversations of options.levels) {
      for (const setup of options.setups) {
        // Baseline first in even rounds, second in odd ones: neither always gets the quieter minutes.
        const codes: Row['code'][] = options.baseline === undefined || setup.engine !== 'postgres' ? ['this'] : round % 2 === 0 ? ['baseline', 'this'] : ['this', 'baseline'];
        for (const proxy of options.proxies) {
          for (const code of codes) {
            const row = await scenario(setup, conversations, questions, options, code, proxy);
            rows.push(row);
            const label = `${row.code === 'baseline' ? 'baseline ' : ''}${row.engine} × ${row.instances} ${row.proxy === 'none' ? 'without proxy' : `behind ${row.proxy}`}`;
            console.log(`  ${label}, ${conversations} conversations: ${row.turnsPerSecond.toFixed(1)} turns/s, p95 ${row.p95.toFixed(0)} ms (load ${row.load.toFixed(2)})`);
            if (row.statements) printStatements(row.statements);
          }
        }
      }
    }
  }
  printTables(rows, options.levels, options.proxies);
}
