/** The tables `npm run bench -- --instances` prints at the end (runInstancesBench.ts). */
import { attributed, type CpuPerTurn } from './cpuWindow.js';
import type { ProxyKind } from './instancesOptions.js';

/** This machine's cores: the two-instance ceiling is every core busy with the set-up's work. */
const CORES = 2;

export interface Row {
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
  /** CPU milliseconds per visitor turn spent by each role while the load ran (cpuWindow.ts). */
  readonly cpuPerTurn: CpuPerTurn;
  /** PostgreSQL statements per visitor turn (question and vote), by statement, with --statements. */
  readonly statements?: ReadonlyMap<string, number>;
}

const ms = (value: number | undefined): string => (value === undefined ? '–' : value.toFixed(2));
const ratio = (value: number | undefined): string => (value === undefined ? '–' : value.toFixed(2));

export function printTables(rows: readonly Row[], levels: readonly number[], proxies: readonly ProxyKind[]): void {
  const setupOf = (row: Row): string => `| ${row.code} | ${row.proxy} | ${row.engine} | ${row.instances} | ${row.conversations} |`;
  console.log('\n| code | proxy | engine | instances | conversations | turns/s | p50 ms | p95 ms | failed conversations | load average |');
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const row of rows) {
    console.log(`${setupOf(row)} ${row.turnsPerSecond.toFixed(1)} | ${row.p50.toFixed(0)} | ${row.p95.toFixed(0)} | ${row.failures} | ${row.load.toFixed(2)} |`);
  }
  console.log(
    '\nCPU ms per visitor turn (question and vote) by role while the measured load ran, from /proc: servers = every thread of the bot ' +
      'processes (event loops = their main threads alone; busy = the busiest event loop\'s utilisation); PostgreSQL backends = the ' +
      'set-up\'s connections; PostgreSQL server = its own processes (WAL writer, checkpointer, …, shared with other clients); ' +
      'bench = this process (idle unless it is the Node proxy, then counted as proxy); rest = machine − the roles (other work on a ' +
      'shared machine, kernel threads).',
  );
  console.log('\n| code | proxy | engine | instances | conversations | servers | event loops | busy | PostgreSQL backends | PostgreSQL server | proxy | load generator | bench | roles | machine | rest |');
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const row of rows) {
    const cpu = row.cpuPerTurn;
    const busy = cpu.eventLoop === undefined ? '–' : `${(cpu.eventLoop * 100).toFixed(0)} %`;
    const roles = attributed(cpu);
    console.log(
      `${setupOf(row)} ${ms(cpu.servers)} | ${ms(cpu.serversMainThread)} | ${busy} | ${ms(cpu.postgresBackends)} | ${ms(cpu.postgresServer)} | ` +
        `${ms(cpu.proxy)} | ${ms(cpu.loadGenerator)} | ${ms(cpu.bench)} | ${ms(roles)} | ${ms(cpu.machine)} | ${ms(cpu.machine - roles)} |`,
    );
  }
  printRatios(rows, levels, proxies);
}

/**
 * The measured ratios, and what the CPU per turn predicts: one instance cannot go faster than its event loop's thread
 * (1000 / event loops ms) nor than the cores (2000 / roles ms); two instances cannot go faster than the cores.
 */
function printRatios(rows: readonly Row[], levels: readonly number[], proxies: readonly ProxyKind[]): void {
  console.log(
    '\n| proxy | conversations | PostgreSQL p95 / embedded p95 (target ≤ 2 at 50) | 2 instances / 1 instance throughput (target ≥ 1.3) | ' +
      '1 instance\'s CPU ceiling, turns/s | 2 instances\' CPU ceiling, turns/s | ceiling ratio |',
  );
  console.log('| --- | --- | --- | --- | --- | --- | --- |');
  for (const proxy of proxies) {
    // This checkout's first round behind each proxy.
    const find = (engine: string, instances: number, conversations: number) =>
      rows.find((row) => row.code === 'this' && row.proxy === proxy && row.engine === engine && row.instances === instances && row.conversations === conversations);
    for (const conversations of levels) {
      const embedded = find('embedded', 1, conversations);
      const one = find('postgres', 1, conversations);
      const two = find('postgres', 2, conversations);
      const ceilingOne = one && Math.min(1000 / one.cpuPerTurn.serversMainThread, (CORES * 1000) / attributed(one.cpuPerTurn));
      const ceilingTwo = two && (CORES * 1000) / attributed(two.cpuPerTurn);
      console.log(
        `| ${proxy} | ${conversations} | ${ratio(one && embedded && one.p95 / embedded.p95)} | ${ratio(two && one && two.turnsPerSecond / one.turnsPerSecond)} | ` +
          `${ceilingOne?.toFixed(0) ?? '–'} | ${ceilingTwo?.toFixed(0) ?? '–'} | ${ratio(ceilingOne && ceilingTwo && ceilingTwo / ceilingOne)} |`,
      );
    }
  }
}

export function printStatements(statements: ReadonlyMap<string, number>): void {
  let sum = 0;
  for (const [text, perTurn] of statements) {
    sum += perTurn;
    if (perTurn >= 0.05) console.log(`      ${perTurn.toFixed(2)}  ${text}`);
  }
  console.log(`      ${sum.toFixed(2)}  round trips per visitor turn (question and vote: two bot turns), all counted`);
}
