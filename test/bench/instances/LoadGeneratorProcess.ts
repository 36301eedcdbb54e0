/** The bench's side of loadGenerator.ts: one process per scenario, asked for one load after another. */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { LoadReport } from './loadGenerator.js';

/** Longest load (the visitors give up on an answer after 60 s each). */
const LOAD_TIMEOUT_MS = 600_000;

export class LoadGeneratorProcess {
  private readonly reports: string[] = [];
  private waiting: (() => void) | undefined;
  private errors = '';

  private constructor(private readonly child: ChildProcess) {
    createInterface({ input: child.stdout ?? process.stdin }).on('line', (line) => {
      this.reports.push(line);
      this.waiting?.();
    });
    child.stderr?.on('data', (chunk: Buffer) => (this.errors += chunk.toString('utf8')));
    child.once('exit', () => this.waiting?.());
  }

  /** `cpuProfDir`: also write the load generator's V8 CPU profile there (`--cpu-prof`). */
  static start(cpuProfDir?: string): LoadGeneratorProcess {
    const profile = cpuProfDir === undefined ? [] : ['--cpu-prof', `--cpu-prof-dir=${cpuProfDir}`];
    const child = spawn(process.execPath, [...profile, '--import', 'tsx', 'test/bench/instances/loadGenerator.ts'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const reap = (): void => void child.kill('SIGKILL');
    process.once('exit', reap);
    child.once('exit', () => process.off('exit', reap));
    return new LoadGeneratorProcess(child);
  }

  /** Runs one load: `conversations` visitors, each request to `baseUrls` (the proxy, or the instances in turn). */
  async run(baseUrls: readonly string[], conversations: number, questions: readonly string[]): Promise<LoadReport> {
    const seen = this.reports.length;
    this.child.stdin?.write(`${JSON.stringify({ baseUrls, conversations, questions })}\n`);
    const deadline = Date.now() + LOAD_TIMEOUT_MS;
    while (this.reports.length === seen) {
      if (this.child.exitCode !== null || Date.now() > deadline) throw new Error(`LoadGeneratorProcess.run: no report (exit ${this.child.exitCode}): ${this.errors}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 1_000);
        this.waiting = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
    return parseReport(this.reports[seen]);
  }

  async close(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.stdin?.end();
    await exited;
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
    cpuMs: Number(field('cpuMs')),
  };
}
