/**
 * `npm run kb:check [-- --dir <path>]`: validates the KB and prints a summary
 * (plus the entries whose answer is still a console draft), or every problem
 * one per line (exit code 1). Reads no environment variable.
 */
import { parseArgs } from 'node:util';
import { KnowledgeBaseError, formatProblem, isDraftAnswer, loadKnowledgeBase, shortVersion, type KnowledgeBase } from '../index.js';
import { isMainModule } from './isMainModule.js';

export const DEFAULT_KB_DIR = 'knowledge/data';

/** One line for a valid KB: "KB OK: 17 entries, version <hash12>, N alternates". */
export function summarize(kb: KnowledgeBase): string {
  const alternates = kb.entries.reduce((sum, entry) => sum + entry.alternates.length, 0);
  return `KB OK: ${kb.entries.length} entries, version ${shortVersion(kb.version)}, ${alternates} alternates`;
}

/** What `kb:check` prints and its exit code, returned rather than printed so tests read it. */
export interface KbCheckOutput {
  readonly exitCode: 0 | 1;
  readonly lines: readonly string[];
}

/** Runs the check for CLI arguments (without node and script); pure apart from reading the KB. */
export async function runKbCheck(args: readonly string[]): Promise<KbCheckOutput> {
  let dir: string;
  try {
    const { values } = parseArgs({ args: [...args], options: { dir: { type: 'string' } }, strict: true, allowPositionals: false });
    dir = values.dir ?? DEFAULT_KB_DIR;
  } catch (error) {
    return { exitCode: 1, lines: [`kb:check: ${error instanceof Error ? error.message : String(error)}`, 'usage: kb:check [--dir <path>]'] };
  }
  try {
    const kb = await loadKnowledgeBase(dir);
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
