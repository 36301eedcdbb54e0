/**
 * `kb:check` on a KB folder in its own process, timed from process start
 * (imports included, as a user waits for it) with its CPU time (user + system, every
 * thread) and peak RSS. Prints one JSON line.
 * Usage: tsx test/bench/scale/kbCheckRun.ts <kbDir> [cacheDir]
 */
const processStart = performance.now();
const { runKbCheck } = await import('../../../knowledge/cli/kbCheck.js');
const cpuMs = (): number => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};
const [kbDir, cacheDir] = process.argv.slice(2);
const output = await runKbCheck(['--dir', kbDir, ...(cacheDir ? ['--cache-dir', cacheDir] : ['--no-cache'])]);
console.log(
  JSON.stringify({ exitCode: output.exitCode, lines: output.lines.slice(-1), totalMs: performance.now() - processStart, cpuMs: cpuMs(), maxRssMiB: process.resourceUsage().maxRSS / 1024 }),
);
