/**
 * `npm run kb:check [-- --dir <path>] [--cache-dir <path> | --no-cache]`:
 * validates the KB and prints a summary (plus the entries whose answer is
 * still a console draft), or every problem one per line (exit code 1). Files
 * unchanged since the last load are not parsed again (the loader's cache, in
 * the default index folder unless told otherwise); the checks across files
 * always run. Reads no environment variable.
 */
import { parseArgs } from 'node:util';
import { KnowledgeBaseError, formatProblem, isDraftAnswer, loadKnowledgeBase, shortVersion, type KnowledgeBase } from '../index.js';
import { isMainModule } from './isMainModule.js';

export const DEFAULT_KB_DIR = 'knowledge/data';
/** The server's default INDEX_DIR (DATA_DIR/index), where it keeps the same cache. */
export const DEFAULT_CACHE_DIR = 'data/index';
const USAGE = 'usage: kb:check [--dir <path>] [--cache-dir <path> | --no-cache]';

/**
 * One line for a valid KB: "KB OK: 17 entries, version <hash12>, N alternates", then when there are asked files
 * ", A asked questions in F files (P new phrasings, O out of scope)".
 */
export function summarize(kb: KnowledgeBase): string {
  const alternates = kb.entries.reduce((sum, entry) => sum + entry.alternates.length, 0);
  const line = `KB OK: ${kb.entries.length} entries, version ${shortVersion(kb.version)}, ${alternates} alternates`;
  if (kb.asked.length === 0) return line;
  const asked = kb.asked.reduce((sum, file) => sum + file.inScope.length, 0);
  const phrasings = kb.entries.reduce((sum, entry) => sum + (entry.asked?.length ?? 0), 0);
  const outOfScope = kb.asked.reduce((sum, file) => sum + file.outOfScope.length, 0);
  return `${line}, ${asked} asked questions in ${kb.asked.length} files (${phrasings} new phrasings, ${outOfScope} out of scope)`;
}

/** What `kb:check` prints and its exit code, returned rather than printed so tests read it. */
export interface KbCheckOutput {
  readonly exitCode: 0 | 1;
  readonly lines: readonly string[];
}

/** Runs the check for CLI arguments (without node and script); pure apart from reading the KB. */
export async function runKbCheck(args: readonly string[]): Promise<KbCheckOutput> {
  let dir: string;
  let cacheDir: string | undefined;
  try {
    const options = { dir: { type: 'string' }, 'cache-dir': { type: 'string' }, 'no-cache': { type: 'boolean' } } as const;
    const { values } = parseArgs({ args: [...args], options, strict: true, allowPositionals: false });
    if (values['no-cache'] && values['cache-dir'] !== undefined) throw new Error('--cache-dir and --no-cache exclude each other');
    dir = values.dir ?? DEFAULT_KB_DIR;
    cacheDir = values['no-cache'] ? undefined : (values['cache-dir'] ?? DEFAULT_CACHE_DIR);
  } catch (error) {
    return { exitCode: 1, lines: [`kb:check: ${error instanceof Error ? error.message : String(error)}`, USAGE] };
  }
  try {
    const kb = await loadKnowledgeBase(dir, { cacheDir });
    const drafts = kb.entries.filter((entry) => isDraftAnswer(entry.answer)).map((entry) => entry.id);
    const warning = drafts.length === 0 ? [] : [`kb:check: draft answers to write before deploying: ${drafts.join(', ')}`];
    return { exitCode: 0, lines: [summarize(kb), ...warning] };
  } catch (error) {
    if (error instanceof KnowledgeBaseError) {
      return { exitCode: 1, lines: [...error.problems.map(formatProblem), `KB INVALID: ${error.problems.length} problem(s) in ${dir}`] };
    }
    throw error;
  }
}

if (isMainModule(import.meta.url)) {
  const output = await runKbCheck(process.argv.slice(2));
  const write = output.exitCode === 0 ? console.log : console.error;
  for (const line of output.lines) write(line);
  process.exitCode = output.exitCode;
}
