/**
 * `npm run kb:apply -- FILE [--dir <path>]`: applies a patch downloaded from
 * the curators' console to the KB folder. Refuses (and writes nothing) when
 * the patch does not apply exactly or the patched KB is invalid.
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { applyKbPatchToDir, formatProblem, KnowledgeBaseError, type KbPatchApplication } from '../index.js';
import { DEFAULT_KB_DIR } from './kbCheck.js';
import { isMainModule } from './isMainModule.js';

const USAGE = 'usage: kb:apply <patch-file> [--dir <path>]';
/** What the FAQ team runs next: the check, then the evaluation that shows what the change does to answers. */
export function nextSteps(dir: string): string {
  const check = dir === DEFAULT_KB_DIR ? 'npm run kb:check' : `npm run kb:check -- --dir ${dir}`;
  return `Next: ${check}, then npm run eval (and commit the KB change if the figures hold).`;
}

/** What `kb:apply` prints and its exit code, returned rather than printed so tests read it. */
export interface KbApplyOutput {
  readonly exitCode: 0 | 1;
  readonly lines: readonly string[];
}

/** Runs the command for CLI arguments (without node and script). */
export async function runKbApply(args: readonly string[]): Promise<KbApplyOutput> {
  let file: string;
  let dir: string;
  try {
    const { values, positionals } = parseArgs({ args: [...args], options: { dir: { type: 'string' } }, strict: true, allowPositionals: true });
    if (positionals.length !== 1) throw new Error('expected exactly one patch file');
    file = positionals[0];
    dir = values.dir ?? DEFAULT_KB_DIR;
  } catch (error) {
    return { exitCode: 1, lines: [`kb:apply: ${error instanceof Error ? error.message : String(error)}`, USAGE] };
  }
  let patch: string;
  try {
    patch = await readFile(file, 'utf8');
  } catch (error) {
    return { exitCode: 1, lines: [`kb:apply: cannot read ${file} (${error instanceof Error ? error.message : String(error)})`] };
  }
  let result: KbPatchApplication;
  try {
    result = await applyKbPatchToDir(dir, patch);
  } catch (error) {
    if (!(error instanceof KnowledgeBaseError)) throw error;
    return { exitCode: 1, lines: [...error.problems.map(formatProblem), `kb:apply: nothing was changed in ${dir}`] };
  }
  if (!result.ok) {
    return {
      exitCode: 1,
      lines: [...result.errors.map((error) => `kb:apply: ${error}`), ...result.problems.map(formatProblem), `kb:apply: nothing was changed in ${dir}`],
    };
  }
  const lines = [`kb:apply: patched ${result.writes.map((write) => write.path).join(', ')} in ${dir}`];
  if (result.draftEntryIds.length > 0) {
    lines.push(`kb:apply: draft answers to write before deploying: ${result.draftEntryIds.join(', ')}`);
  }
  return { exitCode: 0, lines: [...lines, nextSteps(dir)] };
}

if (isMainModule(import.meta.url)) {
  const output = await runKbApply(process.argv.slice(2));
  const write = output.exitCode === 0 ? console.log : console.error;
  for (const line of output.lines) write(line);
  process.exitCode = output.exitCode;
}
