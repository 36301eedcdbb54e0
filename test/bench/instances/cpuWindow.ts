/**
 * The CPU each role of an instances-bench scenario spends while the measured load runs, per visitor turn: the bot
 * servers (all threads, and the event loop's thread alone, with how busy the loop was), PostgreSQL (the set-up's
 * backends, and the server's own processes), the proxy, the load generator, this bench process, and the machine
 * (every core), whose rest is other work on a shared machine and the kernel's threads.
 */
import type { MainProcess } from '../../adapters/helpers/mainProcess.js';
import { machineCpuMs, mainThreadCpuMs, postgresCpu, postgresShare, processCpuMs, type PostgresCpu } from './processCpu.js';

/** What the servers' probe (serverProbe.ts) prints on SIGUSR2. */
const PROBE = /\nprobe (\{[^\n]*\})\n/g;
const PROBE_WAIT_MS = 5_000;

/** CPU ms per visitor turn by role (undefined: not measured in this set-up). */
export interface CpuPerTurn {
  /** The bot servers, every thread. */
  readonly servers: number;
  /** The servers' main threads (event loops) alone. */
  readonly serversMainThread: number;
  /** How busy the busiest server's event loop was during the run (0–1), from its probe. */
  readonly eventLoop: number | undefined;
  /** PostgreSQL backends of the set-up's instances. */
  readonly postgresBackends: number | undefined;
  /** PostgreSQL's own processes (WAL writer, checkpointer, …; they also serve other clients of a shared server). */
  readonly postgresServer: number | undefined;
  /** PostgreSQL children reaped during the run (short connections, this bench's and anyone's): shown, not counted. */
  readonly postgresReaped: number | undefined;
  readonly proxy: number;
  readonly loadGenerator: number;
  /** This process (with the Node proxy, it is the proxy: counted there). */
  readonly bench: number;
  /** Every core of the machine. */
  readonly machine: number;
}

export interface CpuWindowSetup {
  readonly servers: readonly MainProcess[];
  /** The proxy's processes (nginx), or 'bench' when it runs in this process, or undefined without a proxy. */
  readonly proxyPids: (() => number[]) | 'bench' | undefined;
  readonly databaseUrl: string;
  /** The set-up instances' application_name in pg_stat_activity (undefined: no PostgreSQL). */
  readonly applicationName: string | undefined;
}

interface Snapshot {
  readonly servers: number;
  readonly mainThreads: number;
  readonly probes: number;
  readonly postgres: PostgresCpu | undefined;
  readonly proxy: number;
  readonly bench: number;
  readonly machine: number;
}

/** Starts counting; `stop(turns, loadGeneratorMs)` returns the CPU per turn of each role. */
export async function startCpuWindow(setup: CpuWindowSetup): Promise<{ stop(turns: number, loadGeneratorMs: number): Promise<CpuPerTurn> }> {
  const before = await snapshot(setup);
  return {
    async stop(turns, loadGeneratorMs) {
      const after = await snapshot(setup);
      const perTurn = (ms: number): number => ms / Math.max(turns, 1);
      const postgres = postgresShare(before.postgres, after.postgres);
      const bench = after.bench - before.bench;
      return {
        servers: perTurn(after.servers - before.servers),
        serversMainThread: perTurn(after.mainThreads - before.mainThreads),
        eventLoop: eventLoopBusy(setup.servers, before.probes),
        postgresBackends: postgres && perTurn(postgres.backends),
        postgresServer: postgres && perTurn(postgres.serverProcesses),
        postgresReaped: postgres && perTurn(postgres.reaped),
        proxy: perTurn(setup.proxyPids === 'bench' ? bench : after.proxy - before.proxy),
        loadGenerator: perTurn(loadGeneratorMs),
        bench: setup.proxyPids === 'bench' ? 0 : perTurn(bench),
        machine: perTurn(after.machine - before.machine),
      };
    },
  };
}

/** The CPU that the roles of `cpu` account for (the proxy and the bench once each). */
export function attributed(cpu: CpuPerTurn): number {
  return cpu.servers + (cpu.postgresBackends ?? 0) + (cpu.postgresServer ?? 0) + cpu.proxy + cpu.loadGenerator + cpu.bench;
}

async function snapshot(setup: CpuWindowSetup): Promise<Snapshot> {
  const probes = await probeAll(setup.servers);
  const proxyPids = typeof setup.proxyPids === 'function' ? setup.proxyPids() : [];
  const usage = process.cpuUsage();
  return {
    servers: setup.servers.reduce((sum, server) => sum + processCpuMs(server.pid), 0),
    mainThreads: setup.servers.reduce((sum, server) => sum + mainThreadCpuMs(server.pid), 0),
    probes,
    postgres: setup.applicationName === undefined ? undefined : await postgresCpu(setup.databaseUrl, setup.applicationName),
    proxy: proxyPids.reduce((sum, pid) => sum + processCpuMs(pid), 0),
    bench: (usage.user + usage.system) / 1000,
    machine: machineCpuMs(),
  };
}

/** Signals every server's probe and waits for its line; returns how many probe lines each had before (the same for all). */
async function probeAll(servers: readonly MainProcess[]): Promise<number> {
  const counts = servers.map((server) => readings(server).length);
  for (const server of servers) process.kill(server.pid, 'SIGUSR2');
  const deadline = Date.now() + PROBE_WAIT_MS;
  while (servers.some((server, i) => readings(server).length <= counts[i])) {
    if (Date.now() > deadline) throw new Error('cpuWindow: a server did not answer its probe (is serverProbe.ts preloaded?)');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return counts[0];
}

/** Each server's probe readings so far, and how much of its output they cover (its log grows by megabytes in a run). */
const scanned = new WeakMap<MainProcess, { offset: number; readings: Array<{ active: number; idle: number }> }>();

function readings(server: MainProcess): Array<{ active: number; idle: number }> {
  const output = server.output();
  const seen = scanned.get(server) ?? { offset: 0, readings: [] };
  // From the last complete line scanned: a probe line may have been half written then.
  const from = output.lastIndexOf('\n', seen.offset - 1);
  const found = [...output.slice(Math.max(from, 0)).matchAll(PROBE)];
  let offset = seen.offset;
  for (const match of found) {
    const end = Math.max(from, 0) + (match.index ?? 0) + match[0].length;
    if (end <= seen.offset) continue;
    const value: unknown = JSON.parse(match[1]);
    const field = (name: string): number => Number(typeof value === 'object' && value !== null ? Reflect.get(value, name) : NaN);
    seen.readings.push({ active: field('active'), idle: field('idle') });
    offset = end;
  }
  // Up to the last line break: what follows may be a probe line still being written.
  scanned.set(server, { offset: Math.max(offset, output.lastIndexOf('\n')), readings: seen.readings });
  return seen.readings;
}

/** The busiest event loop's share of busy time between the window's two probe readings. */
function eventLoopBusy(servers: readonly MainProcess[], first: number): number | undefined {
  const shares = servers.map((server) => {
    const all = readings(server);
    const [from, to] = [all[first], all.at(-1)];
    if (from === undefined || to === undefined || to === from) return NaN;
    const active = to.active - from.active;
    return active / (active + to.idle - from.idle);
  });
  return shares.some(Number.isNaN) ? undefined : Math.max(...shares);
}
