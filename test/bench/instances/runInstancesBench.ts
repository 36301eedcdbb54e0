/**
 * `npm run bench -- --instances`: turns per second and turn latency for the embedded default
 * (one instance), PostgreSQL with one instance and PostgreSQL with two, at 10, 50 and 200
 * concurrent conversations, in one run. Every set-up sits behind the same round-robin proxy (nginx: apt-get install -y nginx-light);
 * the load generator runs in its own process. The database is TEST_DATABASE_URL (default:
 * the local server on 127.0.0.1:5432, database `test`), each scenario in its own schema.
 *
 * Options: `--levels 50` (conversations, comma-separated), `--setups embedded,pg1,pg2`,
 * `--statements` (count each server's PostgreSQL statements per turn, statementCounter.ts),
 * `--cpu-prof <dir>` (a V8 CPU profile of every server, for Chrome's profiler), `--pool-size 8` (DATABASE_POOL_SIZE of
 * every PostgreSQL instance; default DEFAULT_CLUSTER_POOL_SIZE), `--baseline <checkout>` (every PostgreSQL set-up
 * also runs the servers of another checkout, e.g. a `git worktree` of main, right before or after this one's: an
 * A/B comparison in one window of a shared machine), `--rounds 2` (the levels again; the baseline's turn alternates),
 * `--proxy node` (the tests' Node proxy instead of nginx, the default; `nginx,node`: both, one after the other; NginxProxy.ts).
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { promisify } from 'node:util';
import { percentile } from '../../eval/metrics.js';
import { faqQuestions, startCluster } from '../../adapters/multiInstance/cluster.js';
import { createTestSchema, sql, TEST_DATABASE_URL } from '../../adapters/storage/postgres/testDatabase.js';
import { parseOptions, type Options, type ProxyKind, type Setup } from './instancesOptions.js';
import type { LoadReport } from './loadGenerator.js';
import { NginxProxy } from './NginxProxy.js';

const run = promisify(execFile);
/** How statementCounter.ts starts the line it prints at exit. */
const STATEMENTS_LINE = 'statements ';
const TURNS = 10;
/**
 * Conversations each instance serves before the measured run, so that every set-up is measured
 * warm (V8 has optimised the turn's code, pools are open), as a server that has been up for a
 * while; otherwise two instances would pay twice the warm-up within the same measured turns.
 */
const WARM_UP_CONVERSATIONS_PER_INSTANCE = 20;

interface Row {
  /** Whose servers ran: this checkout, or `--baseline`'s. */
  readonly code: 'this' | 'baseline';
  readonly proxy: ProxyKind;
  readonly engine: string;
  readonly instances: number;
  readonly conversations: number;
  readonly turnsPerSecond: number;
  readonly p50: number;
  readonly p95: number;
  readonly failures: number;
  /** The 1-minute load average when the scenario ended (the machine is shared). */
  readonly load: number;
  /** CPU milliseconds per visitor turn spent by each process of the set-up while the load ran. */
  readonly cpuPerTurn: CpuShare;
  /** PostgreSQL statements per visitor turn (question and vote), by statement, with --statements. */
  readonly statements?: ReadonlyMap<string, number>;
}

interface CpuShare {
  readonly servers: number;
  readonly postgres: number;
  readonly proxy: number;
  readonly loadGenerator: number;
}

/** CPU time a process has used so far, in ms (the scheduler's own count, in ns); 0 once it is gone. */
function cpuMsOf(pid: number): number {
  try {
    return Number(readFileSync(`/proc/${pid}/schedstat`, 'utf8').split(' ')[0]) / 1e6;
  } catch {
    return 0;
  }
}

/** CPU used so far by each PostgreSQL backend serving the set-up's instances, by backend pid. */
async function backendCpu(schema: string | undefined): Promise<Map<number, number>> {
  if (schema === undefined) return new Map();
  const rows = await sql(DATABASE_URL, 'SELECT pid FROM pg_stat_activity WHERE application_name = $1', [`ans-faq-bot:${schema}`]);
  return new Map(rows.map((row) => [Number(row.pid), cpuMsOf(Number(row.pid))]));
}

/** The database of the PostgreSQL set-ups: TEST_DATABASE_URL, or the local server this kind of machine runs. */
const DATABASE_URL = TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

function nodeArgs(options: Options): string[] {
  const args: string[] = [];
  if (options.cpuProfDir !== undefined) args.push('--cpu-prof', `--cpu-prof-dir=${options.cpuProfDir}`);
  if (options.statements) args.push('--import', 'tsx', '--import', './test/bench/instances/statementCounter.ts');
  return args;
}

async function scenario(setup: Setup, conversations: number, questions: readonly string[], options: Options, code: Row['code'], proxyKind: ProxyKind): Promise<Row> {
  const schema = setup.engine === 'postgres' ? await createTestSchema(8, DATABASE_URL) : undefined;
  const root = code === 'baseline' ? options.baseline : undefined;
  const cluster = await startCluster(setup.instances, schema && { url: schema.config.url, schema: schema.config.schema, poolSize: options.poolSize }, nodeArgs(options), root);
  // With nginx, the cluster's Node proxy stays idle: the load goes through nginx, whose processes' CPU is counted.
  const nginx = proxyKind === 'nginx' ? await NginxProxy.start(cluster.instances.map((instance) => instance.url)).catch(async (err: unknown) => {
    await cluster.stop();
    throw err;
  }) : undefined;
  const baseUrl = nginx?.url ?? cluster.proxy.url;
  const proxyCpu = (): number => (nginx === undefined ? cpuUsageMs(process.cpuUsage()) : nginx.pids().reduce((sum, pid) => sum + cpuMsOf(pid), 0));
  const serversCpu = () => cluster.instances.reduce((sum, instance) => sum + cpuMsOf(instance.pid), 0);
  let report: LoadReport;
  let warmUpTurns: number;
  let cpu: Omit<CpuShare, 'loadGenerator'>;
  try {
    const load = (count: number) => run(process.execPath, ['--import', 'tsx', 'test/bench/instances/loadGenerator.ts', JSON.stringify({ baseUrl, conversations: count, questions })], {
      maxBuffer: 64 * 1024 * 1024,
      timeout: 600_000,
    });
    const warmUp = parseReport((await load(WARM_UP_CONVERSATIONS_PER_INSTANCE * setup.instances)).stdout.trim().split('\n').at(-1) ?? '');
    warmUpTurns = warmUp.turns;
    const before = { servers: serversCpu(), backends: await backendCpu(schema?.config.schema), proxy: proxyCpu() };
    const { stdout } = await load(conversations);
    const proxy = proxyCpu() - before.proxy;
    const backends = await backendCpu(schema?.config.schema);
    cpu = {
      servers: serversCpu() - before.servers,
      // Backends opened during the run count in full; the few closed during it are missed.
      postgres: [...backends].reduce((sum, [pid, ms]) => sum + ms - (before.backends.get(pid) ?? 0), 0),
      proxy,
    };
    report = parseReport(stdout.trim().split('\n').at(-1) ?? '');
  } finally {
    await nginx?.close();
    await cluster.stop();
    await schema?.drop();
  }
  const sorted = [...report.latenciesMs].sort((a, b) => a - b);
  const perTurn = (ms: number): number => ms / Math.max(report.turns, 1);
  return {
    code, proxy: proxyKind, engine: setup.engine, instances: setup.instances, conversations, load: loadavg()[0],
    turnsPerSecond: report.turns / (report.elapsedMs / 1000), p50: percentile(sorted, 50), p95: percentile(sorted, 95), failures: report.failures,
    cpuPerTurn: { servers: perTurn(cpu.servers), postgres: perTurn(cpu.postgres), proxy: perTurn(cpu.proxy), loadGenerator: perTurn(report.cpuMs) },
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
      `25 loopback addresses, round-robin proxy (${options.proxies.join(', then ')}) in front of every set-up, each instance warmed up with ${WARM_UP_CONVERSATIONS_PER_INSTANCE} conversations first, ` +
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
            const label = `${row.code === 'baseline' ? 'baseline ' : ''}${row.engine} × ${row.instances} behind ${row.proxy}`;
            console.log(`  ${label}, ${conversations} conversations: ${row.turnsPerSecond.toFixed(1)} turns/s, p95 ${row.p95.toFixed(0)} ms (load ${row.load.toFixed(2)})`);
            if (row.statements) printStatements(row.statements);
          }
        }
      }
    }
  }
  console.log('\n| code | proxy | engine | instances | conversations | turns/s | p50 ms | p95 ms | failed conversations | CPU ms per turn: servers / PostgreSQL / proxy / load generator | load average |');
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const row of rows) {
    const cpu = row.cpuPerTurn;
    const shares = [cpu.servers, cpu.postgres, cpu.proxy, cpu.loadGenerator].map((ms) => ms.toFixed(1)).join(' / ');
    console.log(`| ${row.code} | ${row.proxy} | ${row.engine} | ${row.instances} | ${row.conversations} | ${row.turnsPerSecond.toFixed(1)} | ${row.p50.toFixed(0)} | ${row.p95.toFixed(0)} | ${row.failures} | ${shares} | ${row.load.toFixed(2)} |`);
  }
  // Ratios from this checkout's first round behind the first proxy named.
  const find = (engine: string, instances: number, conversations: number) =>
    rows.find((row) => row.code === 'this' && row.proxy === options.proxies[0] && row.engine === engine && row.instances === instances && row.conversations === conversations);
  console.log('\n| conversations | PostgreSQL p95 / embedded p95 (target ≤ 2 at 50) | 2 instances / 1 instance throughput (target ≥ 1.3) |');
  console.log('| --- | --- | --- |');
  for (const conversations of options.levels) {
    const embedded = find('embedded', 1, conversations);
    const one = find('postgres', 1, conversations);
    const two = find('postgres', 2, conversations);
    const ratio = (value: number | undefined): string => (value === undefined ? '–' : value.toFixed(2));
    console.log(`| ${conversations} | ${ratio(one && embedded && one.p95 / embedded.p95)} | ${ratio(two && one && two.turnsPerSecond / one.turnsPerSecond)} |`);
  }
}

function printStatements(statements: ReadonlyMap<string, number>): void {
  let sum = 0;
  for (const [text, perTurn] of statements) {
    sum += perTurn;
    if (perTurn >= 0.05) console.log(`      ${perTurn.toFixed(2)}  ${text}`);
  }
  console.log(`      ${sum.toFixed(2)}  statements per visitor turn (question and vote: two bot turns), all counted`);
}

function cpuUsageMs(usage: NodeJS.CpuUsage): number {
  return (usage.user + usage.system) / 1000;
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
    cpuMs: Number(field('cpuMs')),
  };
}
