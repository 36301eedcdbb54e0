/**
 * `npm run bench -- --scale [--sizes 1000,10000] [--forms shared,varied]`:
 * synthetic KBs (syntheticKb.ts) of each size and form, and per KB, each run in
 * a fresh process so peak RSS is per run:
 * - kb:check (validation of the whole folder, without cache, with the cache
 *   the first start left, and after one file of the KB was edited);
 * - the bot's lexical retrieval, first start (KB load + validation, index
 *   build, 130 questions), then a cold start reusing what the first persisted,
 *   and a cold start with the server's background warm-up (App.warmUp): its
 *   first question asked as it starts, the timed passes once it has ended;
 * - Orama 3 on the same KB and questions (build, then load of its saved state).
 * The bot's runs use the Node flags of `npm start` (the TypeScript loader, the
 * memory limits), so their peak RSS is what the server's process would hold;
 * Orama gets the same flags but the heap limit, kb:check only the loader (as
 * `npm run kb:check`). Once per run, the runtime alone: a bare `node -e` and the bot's child
 * stopped after its imports (no KB), the part of every peak RSS that no KB
 * structure can remove.
 * Questions: the 130 in-scope questions of test/eval/questions.yaml.
 */
import { execFile } from 'node:child_process';
import { appendFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { parseArgs } from 'node:util';
import { loadKnowledgeBase } from '../../../knowledge/index.js';
import { loadEvalSet } from '../../eval/evalSet.js';
import { percentile } from '../../eval/metrics.js';
import { startScriptFlags } from '../../adapters/helpers/mainProcess.js';
import { writeSyntheticKb, type SyntheticForm } from './syntheticKb.js';

const run = promisify(execFile);
const REAL_KB = 'knowledge/data';
const QUESTIONS = 'test/eval/questions.yaml';
/** Each child process is stopped after this long: the bench must end by itself. */
const CHILD_TIMEOUT_MS = 10 * 60_000;

interface CheckRun {
  readonly exitCode: number;
  readonly totalMs: number;
  readonly maxRssMiB: number;
}

interface ChildRun {
  readonly importsMs: number;
  readonly kbLoadMs: number;
  readonly indexMs: number;
  readonly firstQuestionMs: number;
  /** CPU time of KB load + index + first answer. */
  readonly startCpuMs: number;
  readonly samples: readonly number[];
  /** Per question CPU time (user + system, every thread of the process). */
  readonly cpuSamples: readonly number[];
  /** The same, on a second pass over the questions (compiled code, warm caches). */
  readonly warmCpuSamples: readonly number[];
  readonly answersSha256?: string;
  readonly maxRssMiB: number;
  /** The background warm-up (faqRun.ts warm-up) and the latencies of the questions asked while it ran. */
  readonly warmUp?: { readonly answered: number; readonly cpuMs: number; readonly wallMs: number; readonly ending: string; readonly duringMs: readonly number[] };
}

async function child<T>(script: string, args: readonly string[], flags: readonly string[]): Promise<T & { wallMs: number }> {
  const start = performance.now();
  const { stdout } = await run(process.execPath, [...flags, script, ...args], { maxBuffer: 16 << 20, timeout: CHILD_TIMEOUT_MS });
  const line = stdout.trim().split('\n').pop() ?? '{}';
  return { ...(JSON.parse(line) as T), wallMs: performance.now() - start };
}

/** Peak RSS of a bare `node -e`, and of the bot's child stopped after its imports. */
async function runtimeRss(flags: readonly string[], questionsFile: string): Promise<{ node: number; bot: number }> {
  const { stdout } = await run(process.execPath, ['-e', 'console.log(process.resourceUsage().maxRSS / 1024)']);
  const bot = await child<{ maxRssMiB: number }>('test/bench/scale/faqRun.ts', ['-', '-', questionsFile, 'runtime'], flags);
  return { node: Number(stdout.trim()), bot: bot.maxRssMiB };
}

export async function runScale(argv: readonly string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv.filter((arg) => arg !== '--scale'),
    options: { sizes: { type: 'string', default: '1000,10000' }, forms: { type: 'string', default: 'shared,varied' } },
  });
  const sizes = values.sizes.split(',').map(Number);
  const forms = values.forms.split(',') as SyntheticForm[];
  const real = await loadKnowledgeBase(REAL_KB);
  const questions = (await loadEvalSet(QUESTIONS, real)).inScope.map((item) => item.q);
  const work = await mkdtemp(path.join(tmpdir(), 'faq-scale-'));
  const questionsFile = path.join(work, 'questions.json');
  await writeFile(questionsFile, JSON.stringify(questions));
  const flags = startScriptFlags();
  const kbCheckFlags = ['--import', 'tsx'];
  const runtime = await runtimeRss(flags, questionsFile);
  // Orama gets the same young generation but not the server's heap limit: it needs ~1 GB at 10,000 entries.
  const oramaFlags = flags.filter((flag) => !flag.startsWith('--max-old-space-size'));
  const rows: Record<string, string>[] = [];
  const ms = (x: number) => (x >= 1000 ? `${(x / 1000).toFixed(2)} s` : `${x.toFixed(x < 10 ? 2 : 0)} ms`);
  const mib = (x: number) => `${x.toFixed(0)} MiB`;
  const row = (label: string, r: ChildRun & { wallMs: number }, indexLabel: string): Record<string, string> => ({
    run: label,
    'KB load': ms(r.kbLoadMs),
    index: `${ms(r.indexMs)} ${indexLabel}`,
    'start + 1 q': ms(r.kbLoadMs + r.indexMs + r.firstQuestionMs),
    'start CPU': ms(r.startCpuMs),
    imports: ms(r.importsMs),
    'q p50': ms(percentile([...r.samples], 50)),
    'q p95': ms(percentile([...r.samples], 95)),
    'q CPU p50/p95': `${ms(percentile([...r.cpuSamples], 50))} / ${ms(percentile([...r.cpuSamples], 95))}`,
    'warm q CPU p50/p95': `${ms(percentile([...r.warmCpuSamples], 50))} / ${ms(percentile([...r.warmCpuSamples], 95))}`,
    'peak RSS': mib(r.maxRssMiB),
    ...(!label.includes('Orama') && { 'above runtime': mib(r.maxRssMiB - runtime.bot) }),
    ...(r.warmUp && {
      'warm-up': `${r.warmUp.answered} texts (${r.warmUp.ending}), CPU ${ms(r.warmUp.cpuMs)}, ends ${ms(r.warmUp.wallMs)} after ready; ${r.warmUp.duringMs.length} q meanwhile p50/max ${r.warmUp.duringMs.length > 0 ? `${ms(percentile([...r.warmUp.duringMs], 50))} / ${ms(Math.max(...r.warmUp.duringMs))}` : '-'}`,
    }),
  });
  try {
    for (const size of sizes) {
      for (const form of forms) {
        const kbDir = path.join(work, `kb-${form}-${size}`);
        const indexDir = path.join(work, `index-${form}-${size}`);
        const oramaFile = path.join(work, `orama-${form}-${size}.json`);
        await writeSyntheticKb({ dir: kbDir, realDir: REAL_KB, real, size, form });
        const tag = `${size} ${form}`;
        process.stderr.write(`scale: ${tag}…\n`);
        const check = await child<CheckRun>('test/bench/scale/kbCheckRun.ts', [kbDir], kbCheckFlags);
        const first = await child<ChildRun>('test/bench/scale/faqRun.ts', [kbDir, indexDir, questionsFile], flags);
        const checkCached = await child<CheckRun>('test/bench/scale/kbCheckRun.ts', [kbDir, indexDir], kbCheckFlags);
        const cold = await child<ChildRun>('test/bench/scale/faqRun.ts', [kbDir, indexDir, questionsFile], flags);
        const warmed = await child<ChildRun>('test/bench/scale/faqRun.ts', [kbDir, indexDir, questionsFile, 'warm-up'], flags);
        // One file of the KB edited: kb:check parses that file again, the others come from the cache.
        const edited = path.join(kbDir, 'entries', 'part-000.yaml');
        await appendFile(edited, '# edited\n');
        const checkEdited = await child<CheckRun>('test/bench/scale/kbCheckRun.ts', [kbDir, indexDir], kbCheckFlags);
        const oramaBuild = await child<ChildRun>('test/bench/scale/oramaRun.ts', ['build', kbDir, oramaFile, questionsFile], oramaFlags);
        const oramaLoad = await child<ChildRun>('test/bench/scale/oramaRun.ts', ['load', kbDir, oramaFile, questionsFile], oramaFlags);
        rows.push(
          { run: `${tag}: kb:check, no cache`, 'KB load': `${ms(check.totalMs)} (exit ${check.exitCode})`, 'peak RSS': mib(check.maxRssMiB) },
          { run: `${tag}: kb:check, cached`, 'KB load': `${ms(checkCached.totalMs)} (exit ${checkCached.exitCode})`, 'peak RSS': mib(checkCached.maxRssMiB) },
          { run: `${tag}: kb:check, 1 file edited`, 'KB load': `${ms(checkEdited.totalMs)} (exit ${checkEdited.exitCode})`, 'peak RSS': mib(checkEdited.maxRssMiB) },
          row(`${tag}: bot, first start`, first, 'build'),
          row(`${tag}: bot, cold start`, cold, 'load'),
          row(`${tag}: bot, cold start, warm-up`, warmed, 'load'),
          row(`${tag}: Orama, first start`, oramaBuild, 'build'),
          row(`${tag}: Orama, cold start`, oramaLoad, 'load'),
        );
        const differs = first.answersSha256 !== cold.answersSha256 || first.answersSha256 !== warmed.answersSha256;
        if (differs) rows.push({ run: `${tag}: WARNING a cold start answered differently from the first start` });
        await rm(kbDir, { recursive: true, force: true });
        // Printed as soon as measured: a long run stopped later keeps what it measured.
        printTable(rows.slice(-(differs ? 9 : 8)));
      }
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }
  console.log(`\nScale benchmark, all runs: ${questions.length} questions (${QUESTIONS}, in scope), lexical mode; load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
  console.log(`Node flags of the bot's runs (npm start's): ${flags.join(' ') || 'none'}, of Orama's: ${oramaFlags.join(' ') || 'none'}; runtime peak RSS: node -e ${mib(runtime.node)}, the bot's child after its imports, no KB ${mib(runtime.bot)} (above runtime = peak RSS minus the latter)`);
  console.log('warm-up row: q p50/p95 = first pass after the background warm-up ended (the first question was asked as it started: start + 1 q); warm-up = texts answered, their CPU, when it ended, and the questions asked every 20 ms while it ran (what a visitor arriving then waits)');
  console.log('KB load = read + parse + validate (kb:check rows: whole process, imports included); index = lexical index built or loaded; start + 1 q = KB load + index + first answer (imports apart); CPU columns: user + system time of the process, every thread (unlike the wall clock, not inflated by other processes holding the cores)');
  printTable(rows);
}

const COLUMNS = ['run', 'KB load', 'index', 'start + 1 q', 'start CPU', 'imports', 'q p50', 'q p95', 'q CPU p50/p95', 'warm q CPU p50/p95', 'peak RSS', 'above runtime', 'warm-up'];

function printTable(rows: readonly Record<string, string>[]): void {
  console.log(`load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
  console.table(rows.map((r) => Object.fromEntries(COLUMNS.map((column) => [column, r[column] ?? '']))));
}
