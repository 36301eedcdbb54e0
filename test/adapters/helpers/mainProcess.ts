import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

/** `adapters/main.ts` (what `npm start` runs) in its own process, as an operator runs it. */
export interface MainProcess {
  readonly url: string;
  readonly pid: number;
  /** Resolves with the exit code (null after a signal) once the process is gone. */
  readonly exited: Promise<number | null>;
  /** Everything it printed so far (JSON log lines and stderr). */
  output(): string;
  alive(): boolean;
  /** Peak resident memory of the process so far (VmHWM), in MiB. */
  peakRssMiB(): number;
  /** SIGTERM (graceful shutdown) and wait for the exit code. */
  stop(): Promise<number | null>;
  /** SIGKILL: the process dies at once, as in a crash or an OOM kill. */
  kill(): Promise<void>;
}

/** The node flags of `npm start` (package.json's start script), so that tests and benchmarks run the server as deployed. */
export function startScriptFlags(): string[] {
  const manifest: unknown = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  const scripts: unknown = typeof manifest === 'object' && manifest !== null ? Reflect.get(manifest, 'scripts') : undefined;
  const start: unknown = typeof scripts === 'object' && scripts !== null ? Reflect.get(scripts, 'start') : undefined;
  const words = String(start).split(/\s+/);
  const entry = words.indexOf('adapters/main.ts');
  if (words[0] !== 'node' || entry < 0) throw new Error(`startScriptFlags: npm start is not "node … adapters/main.ts": ${String(start)}`);
  return words.slice(1, entry);
}

/**
 * Starts `adapters/main.ts` with the node flags of `npm start` (its pid is the server's) and `env`, nothing
 * else from this process's environment but PATH, and resolves once it logs its listening URL. `root`: the
 * checkout to run (the instances bench's `--baseline` runs another one's code).
 */
export function startMainProcess(env: Record<string, string>, startTimeoutMs = 60_000, nodeArgs: readonly string[] = [], root = ROOT): Promise<MainProcess> {
  const child: ChildProcess = spawn(process.execPath, [...nodeArgs, ...startScriptFlags(), 'adapters/main.ts'], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  // A test or bench that dies must not leave its server behind.
  const reap = (): void => {
    child.kill('SIGKILL');
  };
  process.once('exit', reap);
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => {
    process.off('exit', reap);
    done(code);
  }));
  return new Promise((resolveStart, rejectStart) => {
    let started = false;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      rejectStart(new Error(`startMainProcess: no listening line within ${startTimeoutMs} ms:\n${output}`));
    }, startTimeoutMs);
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
    });
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
      // Once started, the log only accumulates (scanning it all again on every chunk cost a benchmark's CPU).
      if (started) return;
      const url = /"url":"(http:\/\/[^"]+)"/.exec(output)?.[1];
      if (url === undefined || child.pid === undefined) return;
      started = true;
      clearTimeout(timer);
      const pid = child.pid;
      resolveStart({
        url,
        pid,
        exited,
        output: () => output,
        alive: () => child.exitCode === null && child.signalCode === null,
        peakRssMiB: () => {
          const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
          return match ? Number(match[1]) / 1024 : Number.NaN;
        },
        stop: async () => {
          child.kill('SIGTERM');
          return exited;
        },
        kill: async () => {
          child.kill('SIGKILL');
          await exited;
        },
      });
    });
    void exited.then((code) => {
      clearTimeout(timer);
      if (!started) rejectStart(new Error(`startMainProcess: exited with ${code} before listening:\n${output}`));
    });
  });
}
