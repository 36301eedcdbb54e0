/**
 * Fuzz benchmark: N fuzzed requests per surface (/api/messages and every Direct Line
 * route) against `adapters/main.ts` in its own process with the production limits,
 * counting crashes, unexpected 5xx, unanswered requests and leaked internals, and
 * the process's peak resident memory (VmHWM) over the whole run.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import fc from 'fast-check';
import { makeBombs } from '../../adapters/fuzz/payloads.js';
import { isUnanswered, isUnexpected, leaksInternals, sendCase, SURFACES, surfaceCases, type FuzzCase, type FuzzContext, type Surface } from '../../adapters/fuzz/surfaces.js';
import { startChannelStandIn } from '../../adapters/helpers/channelStandIn.js';
import { DirectLineTestClient } from '../../adapters/helpers/directLineClient.js';
import { startMainProcess, type MainProcess } from '../../adapters/helpers/mainProcess.js';

export interface SurfaceReport {
  readonly surface: Surface;
  readonly cases: number;
  readonly byStatus: Record<string, number>;
  readonly unexpected5xx: number;
  readonly unanswered: number;
  readonly leaks: number;
  readonly crashes: number;
  readonly examples: readonly string[];
}

export interface FuzzBenchReport {
  readonly surfaces: readonly SurfaceReport[];
  readonly peakRssMiB: number;
  readonly aliveAtEnd: boolean;
  readonly durationMs: number;
}

const BATCH = 200;
const CONCURRENCY = 8;

/** 127.1.x.y: thousands of source addresses, all reaching loopback, so the per-IP limit sees many clients. */
export function loopbackAddresses(second: number, count: number): string[] {
  return Array.from({ length: count }, (_, i) => `127.${second}.${Math.floor(i / 250)}.${(i % 250) + 1}`);
}

async function runPool<T>(items: readonly T[], concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < items.length) await work(items[next++]);
  }));
}

export async function runFuzzBench(options: {
  casesPerSurface: number;
  workDir: string;
  seed?: number;
  /** Surfaces to fuzz (all by default). */
  surfaces?: readonly Surface[];
  /** Extra node flags for the server process (e.g. --trace-gc when looking into memory). */
  nodeArgs?: readonly string[];
  /** Receives the server's output at the end. */
  onOutput?: (output: string) => void;
}): Promise<FuzzBenchReport> {
  const began = Date.now();
  const dataDir = await mkdtemp(path.join(options.workDir, 'fuzz-'));
  const channel = await startChannelStandIn();
  // Emulator mode: well-formed activities on /api/messages reach the real bot, whose replies go to the stand-in channel.
  const start = (): Promise<MainProcess> => startMainProcess({
    PORT: '0', EMBEDDINGS_PROVIDER: 'none', DATA_DIR: dataDir, EMULATOR_ENABLED: 'true', LOG_LEVEL: 'info',
  }, 60_000, options.nodeArgs);
  let server = await start();
  let peakRssMiB = 0;
  const addresses = loopbackAddresses(1, 4_000);
  const clients: DirectLineTestClient[] = await Promise.all(Array.from({ length: 400 }, (_, i) => DirectLineTestClient.connect(server.url, addresses[i])));
  let ctx: FuzzContext = {
    baseUrl: server.url, clients, bombs: makeBombs(), serviceUrl: channel.url, addresses,
  };

  const reports: SurfaceReport[] = [];
  for (const [index, surface] of SURFACES.entries()) {
    if (options.surfaces && !options.surfaces.includes(surface)) continue;
    // Stream tokens last 5 minutes and conversation tokens 30: the visitors reconnect before each surface, as Web Chat would.
    ctx = { ...ctx, clients: await Promise.all(ctx.clients.map((client) => client.at(ctx.baseUrl).reconnected())) };
    const report = { surface, cases: 0, byStatus: {} as Record<string, number>, unexpected5xx: 0, unanswered: 0, leaks: 0, crashes: 0, examples: [] as string[] };
    const note = (fuzz: FuzzCase, what: string): void => {
      if (report.examples.length < 5) report.examples.push(`${what}: ${fuzz.method} ${fuzz.path.slice(0, 80)} ${JSON.stringify(fuzz.headers).slice(0, 120)}`);
    };
    for (let done = 0; done < options.casesPerSurface; done += BATCH) {
      const count = Math.min(BATCH, options.casesPerSurface - done);
      const cases = fc.sample(surfaceCases(ctx, surface), { numRuns: count, seed: (options.seed ?? 9) * 1_000_003 + index * 10_007 + done });
      await runPool(cases, CONCURRENCY, async (fuzz) => {
        const outcome = await sendCase(ctx, fuzz);
        report.cases += 1;
        report.byStatus[outcome.status] = (report.byStatus[outcome.status] ?? 0) + 1;
        if (isUnexpected(outcome)) {
          report.unexpected5xx += 1;
          note(fuzz, `HTTP ${outcome.status} ${outcome.text.slice(0, 100)}`);
        }
        if (isUnanswered(outcome, fuzz)) {
          report.unanswered += 1;
          note(fuzz, `no answer (${outcome.text.slice(0, 60)})`);
        } else if (outcome.status === 0) {
          note(fuzz, `connection cut while sending a ${fuzz.body?.length ?? 0}-byte body (${outcome.text.slice(0, 60)})`);
        }
        if (leaksInternals(outcome)) {
          report.leaks += 1;
          note(fuzz, `leak ${outcome.text.slice(0, 100)}`);
        }
      });
      if (server.alive()) {
        peakRssMiB = Math.max(peakRssMiB, server.peakRssMiB());
        continue;
      }
      report.crashes += 1;
      report.examples.push(`crash: ${server.output().split('\n').slice(-5).join(' | ').slice(0, 400)}`);
      server = await start();
      ctx = { ...ctx, baseUrl: server.url };
    }
    reports.push(report);
    console.log(`  ${surface}: ${report.cases} cases, statuses ${JSON.stringify(report.byStatus)}, unexpected 5xx ${report.unexpected5xx}, crashes ${report.crashes}, peak RSS so far ${peakRssMiB.toFixed(0)} MiB`);
  }

  const aliveAtEnd = server.alive() && (await fetch(`${server.url}/healthz`)).status === 200;
  peakRssMiB = Math.max(peakRssMiB, server.peakRssMiB());
  await server.stop();
  options.onOutput?.(server.output());
  await channel.close();
  await rm(dataDir, { recursive: true, force: true });
  return { surfaces: reports, peakRssMiB, aliveAtEnd, durationMs: Date.now() - began };
}
