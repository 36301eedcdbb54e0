/**
 * Preloaded into every server of `npm run bench -- --instances`: on SIGUSR2, prints on stderr one
 * `probe <json>` line with the event loop's cumulative busy and idle time (ms), so that the bench can
 * tell how busy the event loop was between two signals (a server whose loop is always busy is bound
 * by its one thread; its main thread's CPU, from /proc, says how much of that busy time ran).
 */
import { writeSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

export interface ProbeReading {
  /** Event loop busy time so far (ms). */
  readonly active: number;
  /** Event loop idle time so far (ms). */
  readonly idle: number;
}

process.on('SIGUSR2', () => {
  const { active, idle } = performance.eventLoopUtilization();
  const reading: ProbeReading = { active, idle };
  writeSync(2, `\nprobe ${JSON.stringify(reading)}\n`);
});
