import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runKbCheck } from '../../../knowledge/cli/kbCheck.js';
import { ENTRIES_YAML, SYNONYMS_YAML, TAXONOMY_YAML, lineOf } from '../support/kbFixture.js';
import { MIN_ALTERNATES } from '../../../knowledge/index.js';
import { FIXTURE_KB_DIR, REAL_KB_DIR as KB_DIR, REPO_ROOT } from '../support/paths.js';

const run = promisify(execFile);
const OK_LINE = /^KB OK: (\d+) entries, version [0-9a-f]{12}, (\d+) alternates(?:, (\d+) asked questions in (\d+) files \((\d+) new phrasings, (\d+) out of scope\))?$/;

describe('kb:check', () => {
  let broken: string;
  let brokenEntries: string;
  beforeAll(async () => {
    broken = await mkdtemp(path.join(tmpdir(), 'kb-check-'));
    await mkdir(path.join(broken, 'entries'));
    await writeFile(path.join(broken, 'taxonomy.yaml'), TAXONOMY_YAML);
    await writeFile(path.join(broken, 'synonyms.yaml'), SYNONYMS_YAML);
    brokenEntries = ENTRIES_YAML.replace('id: seconde-entree', 'id: premiere-entree').replace('theme: presentation', 'theme: inconnu');
    await writeFile(path.join(broken, 'entries', 'x.yaml'), brokenEntries);
  });
  afterAll(async () => {
    await rm(broken, { recursive: true, force: true });
  });

  it('summarises the real KB with its entry, alternate and asked question counts', async () => {
    const output = await runKbCheck(['--dir', KB_DIR, '--no-cache']);
    expect(output.exitCode).toBe(0);
    expect(output.lines).toHaveLength(1);
    const match = OK_LINE.exec(output.lines[0] ?? '');
    expect(match).not.toBeNull();
    expect(Number(match?.[1])).toBeGreaterThan(0);
    expect(Number(match?.[2])).toBeGreaterThanOrEqual(Number(match?.[1]) * MIN_ALTERNATES);
    const [asked, files, phrasings, outOfScope] = [3, 4, 5, 6].map((group) => Number(match?.[group]));
    expect(files).toBeGreaterThan(0);
    expect(phrasings).toBeGreaterThan(0);
    expect(phrasings).toBeLessThanOrEqual(asked);
    expect(outOfScope).toBeGreaterThan(0);
  });

  it('says nothing of asked questions for a KB without an asked folder', async () => {
    const output = await runKbCheck(['--dir', FIXTURE_KB_DIR, '--no-cache']);
    expect(output.lines[0]).toMatch(/^KB OK: 17 entries, version [0-9a-f]{12}, \d+ alternates$/);
  });

  it('prints every problem, one per line, and fails', async () => {
    const output = await runKbCheck(['--dir', broken, '--cache-dir', path.join(broken, 'cache')]);
    const file = path.join(broken, 'entries', 'x.yaml');
    expect(output.exitCode).toBe(1);
    expect(output.lines).toEqual([
      `${file}:${lineOf(brokenEntries, 'theme: inconnu')}:12 [premiere-entree] theme: unknown value "inconnu" (choices: presentation, procedure)`,
      `${file}:${lineOf(brokenEntries, 'id: premiere-entree', 'Alpha variante 6')}:9 [premiere-entree] id: duplicate id (first used at ${file}:2)`,
      `KB INVALID: 2 problem(s) in ${broken}`,
    ]);
  });

  it('rejects unknown arguments with usage', async () => {
    const output = await runKbCheck(['--directory', 'x']);
    expect(output.exitCode).toBe(1);
    expect(output.lines.at(-1)).toBe('usage: kb:check [--dir <path>] [--cache-dir <path> | --no-cache]');
    const both = await runKbCheck(['--cache-dir', 'x', '--no-cache']);
    expect(both.exitCode).toBe(1);
    expect(both.lines[0]).toMatch(/exclude each other/);
  });

  it('reports the same problems from its cache, and sees a fixed file', async () => {
    const cacheDir = path.join(broken, 'cache');
    const args = ['--dir', broken, '--cache-dir', cacheDir];
    const first = await runKbCheck(args);
    expect(await runKbCheck(args)).toEqual(first);
    expect(first.exitCode).toBe(1);
    const file = path.join(broken, 'entries', 'x.yaml');
    await writeFile(file, ENTRIES_YAML);
    try {
      expect((await runKbCheck(args)).exitCode).toBe(0);
    } finally {
      await writeFile(file, brokenEntries);
    }
  });

  it('runs as a script: exit 0 with the summary, exit 1 with problems on stderr', async () => {
    const script = path.join(REPO_ROOT, 'knowledge/cli/kbCheck.ts');
    const ok = await run(process.execPath, ['--import', 'tsx', script, '--dir', KB_DIR, '--no-cache'], { cwd: REPO_ROOT, timeout: 20_000 });
    expect(ok.stdout.trim()).toMatch(OK_LINE);
    const failure = await run(process.execPath, ['--import', 'tsx', script, '--dir', broken, '--no-cache'], { cwd: REPO_ROOT, timeout: 20_000 }).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).toMatchObject({ code: 1 });
    expect(failure).toHaveProperty('stderr', expect.stringContaining('KB INVALID: 2 problem(s)'));
  });
});
