/**
 * CPU time of every process of an instances-bench scenario, read from /proc (Linux): the bot servers (every thread:
 * V8's garbage collector and compiler threads work beside the event loop), the PostgreSQL server (the set-up's
 * backends and the server's own processes), the proxy and the machine as a whole, so that each role's CPU per turn
 * can be printed and the rest (other work on a shared machine, kernel threads) shows as such.
 */
import { readdirSync, readFileSync } from 'node:fs';
import pg from 'pg';

/** Clock ticks per second of /proc's utime and stime fields (USER_HZ: 100 on Linux). */
const TICKS_PER_SECOND = 100;

/** CPU time one thread has used so far, in ms (the scheduler's own count, in ns); 0 once it is gone. */
function threadCpuMs(pid: number, tid: number): number {
  try {
    return Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[0]) / 1e6;
  } catch {
    return 0;
  }
}

/** CPU time a process has used so far, all its live threads, in ms; 0 once it is gone. */
export function processCpuMs(pid: number): number {
  let tids: number[];
  try {
    tids = readdirSync(`/proc/${pid}/task`).map(Number);
  } catch {
    return 0;
  }
  return tids.reduce((sum, tid) => sum + threadCpuMs(pid, tid), 0);
}

/** CPU time of a process's main thread only (a Node process's event loop), in ms. */
export function mainThreadCpuMs(pid: number): number {
  return threadCpuMs(pid, pid);
}

/** Fields of /proc/<pid>/stat after the command name (field 3 onwards), or undefined when it is gone. */
function statFields(pid: number): string[] | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined;
  }
}

function childrenOf(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

/** Busy CPU time of the whole machine so far (every core, everything but idle and I/O wait), in ms. */
export function machineCpuMs(): number {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0];
  const [user, nice, system, , , irq, softirq, steal] = line.trim().split(/\s+/).slice(1).map(Number);
  return ((user + nice + system + irq + softirq + steal) * 1000) / TICKS_PER_SECOND;
}

/** PostgreSQL's CPU at one moment, by role, in ms. */
export interface PostgresCpu {
  /** The backends whose application_name is the set-up's (its instances' pools and LISTEN connections). */
  readonly backends: Map<number, number>;
  /** The server's own processes: postmaster, WAL writer, checkpointer, background writer, autovacuum, launchers. */
  readonly serverProcesses: Map<number, number>;
  /** Children that exited and were reaped by the postmaster so far (short connections, anyone's). */
  readonly reaped: number;
  /** Live client backends of other clients (other benches and tests on a shared machine): not counted. */
  readonly others: Map<number, number>;
}

/**
 * Reads every process of the local PostgreSQL server, told apart by pg_stat_activity (backend_type and
 * application_name); undefined when the server is not on this machine (its postmaster is not in /proc).
 */
export async function postgresCpu(databaseUrl: string, applicationName: string | undefined): Promise<PostgresCpu | undefined> {
  const client = new pg.Client({ connectionString: databaseUrl });
  client.on('error', () => undefined);
  await client.connect();
  let rows: pg.QueryResultRow[];
  let postmaster: number;
  try {
    rows = (await client.query('SELECT pid, backend_type, application_name, pg_backend_pid() AS me FROM pg_stat_activity')).rows;
    // This connection's backend is a child of the postmaster: read while it is there.
    postmaster = Number(statFields(Number(rows[0]?.me))?.[1]);
  } finally {
    await client.end();
  }
  const me = Number(rows[0]?.me);
  if (!Number.isInteger(postmaster) || postmaster <= 1) return undefined;
  const stat = statFields(postmaster);
  if (stat === undefined) return undefined;
  const byPid = new Map(rows.map((row) => [Number(row.pid), row]));
  const snapshot: PostgresCpu = {
    backends: new Map(),
    serverProcesses: new Map([[postmaster, processCpuMs(postmaster)]]),
    // cutime and cstime: fields 16 and 17 of stat, 14 and 15 from field 3.
    reaped: ((Number(stat[13]) + Number(stat[14])) * 1000) / TICKS_PER_SECOND,
    others: new Map(),
  };
  for (const pid of childrenOf(postmaster)) {
    if (pid === me) continue;
    const row = byPid.get(pid);
    const cpu = processCpuMs(pid);
    if (applicationName !== undefined && row?.application_name === applicationName) snapshot.backends.set(pid, cpu);
    else if (row === undefined || row.backend_type !== 'client backend') snapshot.serverProcesses.set(pid, cpu);
    else snapshot.others.set(pid, cpu);
  }
  return snapshot;
}

/** What each process of `after` used since `before` (processes that started meanwhile count in full). */
function grown(before: ReadonlyMap<number, number>, after: ReadonlyMap<number, number>): number {
  return [...after].reduce((sum, [pid, ms]) => sum + Math.max(0, ms - (before.get(pid) ?? 0)), 0);
}

export interface PostgresShare {
  readonly backends: number;
  readonly serverProcesses: number;
  readonly reaped: number;
  readonly others: number;
}

export function postgresShare(before: PostgresCpu | undefined, after: PostgresCpu | undefined): PostgresShare | undefined {
  if (before === undefined || after === undefined) return undefined;
  return {
    backends: grown(before.backends, after.backends),
    serverProcesses: grown(before.serverProcesses, after.serverProcesses),
    reaped: after.reaped - before.reaped,
    others: grown(before.others, after.others),
  };
}
