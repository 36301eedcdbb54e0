import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runKbApply } from '../../../knowledge/cli/kbApply.js';
import { runKbCheck } from '../../../knowledge/cli/kbCheck.js';
import { buildKbPatch, loadKnowledgeBase, type KbImprovement } from '../../../knowledge/index.js';
import { REAL_KB_DIR, REPO_ROOT } from '../support/paths.js';

const run = promisify(execFile);

/** Every file of a KB folder with its text, to prove a refused patch changed nothing. */
async function snapshot(dir: string): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  for (const name of await readdir(dir, { recursive: true })) {
    if (name.endsWith('.yaml')) files[name] = await readFile(path.join(dir, name), 'utf8');
  }
  return files;
}

describe('kb:apply', () => {
  let work: string;
  let kbDir: string;
  let patchFile: string;
  beforeEach(async () => {
    work = await mkdtemp(path.join(tmpdir(), 'kb-apply-'));
    kbDir = path.join(work, 'knowledge', 'data');
    await cp(REAL_KB_DIR, kbDir, { recursive: true });
    patchFile = path.join(work, 'amelioration.diff');
  });
  afterEach(async () => {
    await rm(work, { recursive: true, force: true });
  });

  async function improvements(): Promise<KbImprovement[]> {
    const kb = await loadKnowledgeBase(kbDir);
    return [
      { kind: 'phrasing', entryId: kb.entries[0].id, text: 'D’où vient l’offre innovation proposée aux startups de la e-santé ?' },
      { kind: 'phrasing', entryId: kb.entries[3].id, text: 'Quelle démarche suivre pour être visible dans le catalogue de Mon espace santé ?' },
    ];
  }

  async function writePatch(): Promise<string> {
    const plan = await buildKbPatch(kbDir, await improvements());
    if (!plan.ok) throw new Error(JSON.stringify(plan.problems));
    await writeFile(patchFile, plan.patch);
    return plan.kbVersion;
  }

  it('applies a console patch; kb:check then passes on the version the console announced', async () => {
    const version = await writePatch();
    const output = await runKbApply([patchFile, '--dir', kbDir]);
    expect(output.exitCode).toBe(0);
    expect(output.lines[0]).toMatch(/^kb:apply: patched entries\/\S+\.yaml, entries\/\S+\.yaml in /);
    expect(output.lines.at(-1)).toBe(`Next: npm run kb:check -- --dir ${kbDir}, then npm run eval (and commit the KB change if the figures hold).`);
    expect((await runKbCheck(['--dir', kbDir])).exitCode).toBe(0);
    const kb = await loadKnowledgeBase(kbDir);
    expect(kb.version).toBe(version);
    for (const improvement of await improvements()) {
      if (improvement.kind === 'phrasing') expect(kb.entries.find((e) => e.id === improvement.entryId)?.alternates).toContain(improvement.text);
    }
  });

  it('applies a new entry draft: kb:check passes and names the answer still to write', async () => {
    const kb = await loadKnowledgeBase(kbDir);
    const like = kb.entries[0];
    const alternates = ['Y a-t-il un hackathon', 'Quand a lieu le hackathon', 'hackathon e-santé inscription', 'Le hackathon de l’agence est-il ouvert', 'Comment participer au hackathon', 'Hackathon : quelles dates'];
    const draft = { id: 'innovation-hackathon', question: 'L’ANS organise-t-elle un hackathon pour les startups ?', alternates, facets: { offer: like.offer, theme: like.theme } };
    const plan = await buildKbPatch(kbDir, [{ kind: 'entry', draft }]);
    if (!plan.ok) throw new Error(JSON.stringify(plan.problems));
    expect(plan.refused).toEqual([]);
    await writeFile(patchFile, plan.patch);
    const output = await runKbApply([patchFile, '--dir', kbDir]);
    expect(output.lines).toContain('kb:apply: draft answers to write before deploying: innovation-hackathon');
    const check = await runKbCheck(['--dir', kbDir]);
    expect(check.exitCode).toBe(0);
    expect(check.lines[1]).toBe('kb:check: draft answers to write before deploying: innovation-hackathon');
    const added = (await loadKnowledgeBase(kbDir)).entries.find((entry) => entry.id === 'innovation-hackathon');
    expect(added?.source.file).toBe(like.source.file);
    expect(added?.alternates).toEqual(alternates);
  });

  it('creates the entries file of an offer that had none, and refuses to create it twice', async () => {
    const draft = {
      id: 'segur-sons-hopital-calendrier',
      question: 'Quel est le calendrier du dispositif SONS pour le couloir hôpital ?',
      alternates: ['Calendrier SONS hôpital ?', 'Dates du SONS pour les hôpitaux', 'SONS couloir hôpital : quand ?', 'Quand candidater au SONS hôpital', 'Échéances du SONS en établissement', 'Le SONS hôpital ouvre quand ?'],
      facets: { offer: 'segur', corridor: 'hopital', dispositif: 'sons', theme: 'presentation' },
    };
    const plan = await buildKbPatch(kbDir, [{ kind: 'entry', draft }]);
    if (!plan.ok) throw new Error(JSON.stringify(plan.problems));
    await writeFile(patchFile, plan.patch);
    expect((await runKbApply([patchFile, '--dir', kbDir])).lines[0]).toBe(`kb:apply: patched entries/segur.yaml in ${kbDir}`);
    expect(await readFile(path.join(kbDir, 'entries', 'segur.yaml'), 'utf8')).toBe(plan.changes[0].after);
    expect((await runKbCheck(['--dir', kbDir])).exitCode).toBe(0);
    const again = await runKbApply([patchFile, '--dir', kbDir]);
    expect(again.lines[0]).toBe('kb:apply: entries/segur.yaml: the patch creates this file, but it already exists');
  });

  it('refuses a patch that no longer applies cleanly and leaves every file untouched', async () => {
    await writePatch();
    expect((await runKbApply([patchFile, '--dir', kbDir])).exitCode).toBe(0);
    const applied = await snapshot(kbDir);
    const again = await runKbApply([patchFile, '--dir', kbDir]);
    expect(again.exitCode).toBe(1);
    expect(again.lines[0]).toMatch(/^kb:apply: entries\/\S+\.yaml: the patch does not apply cleanly/);
    expect(again.lines.at(-1)).toBe(`kb:apply: nothing was changed in ${kbDir}`);
    expect(await snapshot(kbDir)).toEqual(applied);
  });

  it('refuses a patch whose result fails validation, naming file, line and field, and writes nothing', async () => {
    const before = await snapshot(kbDir);
    await writePatch();
    const patch = await readFile(patchFile, 'utf8');
    // A hand-edited patch: the added phrasing becomes a copy of an existing question.
    const kb = await loadKnowledgeBase(kbDir);
    const [first] = await improvements();
    if (first.kind !== 'phrasing') throw new Error('expected a phrasing');
    await writeFile(patchFile, patch.replace(first.text, kb.entries[5].question));
    const output = await runKbApply([patchFile, '--dir', kbDir]);
    expect(output.exitCode).toBe(1);
    expect(output.lines).toContain('kb:apply: the patched KB is invalid');
    expect(output.lines.some((line) => /innovation\.yaml:\d+:\d+ \[\S+\] alternates\[\d+\]: identical to the question of entry /.test(line))).toBe(true);
    expect(await snapshot(kbDir)).toEqual(before);
  });

  it('refuses patches of other files, deletions and garbage, writing nothing', async () => {
    const before = await snapshot(kbDir);
    const cases = {
      'outside.diff': '--- a/package.json\n+++ b/package.json\n@@ -1,1 +1,1 @@\n-{\n+[\n',
      'escape.diff': '--- a/knowledge/data/../../x.yaml\n+++ b/knowledge/data/../../x.yaml\n@@ -1,1 +1,1 @@\n-a\n+b\n',
      'delete.diff': '--- a/knowledge/data/entries/mos-nos.yaml\n+++ /dev/null\n@@ -1,1 +0,0 @@\n-entries:\n',
      'garbage.diff': 'ceci n’est pas un patch\n',
    };
    for (const [name, text] of Object.entries(cases)) {
      await writeFile(path.join(work, name), text);
      const output = await runKbApply([path.join(work, name), '--dir', kbDir]);
      expect(output.exitCode, name).toBe(1);
      expect(output.lines.at(-1), name).toBe(`kb:apply: nothing was changed in ${kbDir}`);
    }
    expect(await snapshot(kbDir)).toEqual(before);
  });

  it('explains its usage and a missing file', async () => {
    expect((await runKbApply([])).lines).toEqual(['kb:apply: expected exactly one patch file', 'usage: kb:apply <patch-file> [--dir <path>]']);
    const missing = await runKbApply([path.join(work, 'absent.diff'), '--dir', kbDir]);
    expect(missing.exitCode).toBe(1);
    expect(missing.lines[0]).toMatch(/^kb:apply: cannot read .*absent\.diff/);
  });

  it('runs as `npm run kb:apply -- FILE` does, and the same patch also applies with git apply', async () => {
    await writePatch();
    await run('git', ['apply', '--check', patchFile], { cwd: work, timeout: 20_000 });
    const script = path.join(REPO_ROOT, 'knowledge/cli/kbApply.ts');
    const ok = await run(process.execPath, ['--import', 'tsx', script, patchFile, '--dir', kbDir], { cwd: REPO_ROOT, timeout: 20_000 });
    expect(ok.stdout).toContain('then npm run eval');
    const failed = run(process.execPath, ['--import', 'tsx', script, patchFile, '--dir', kbDir], { cwd: REPO_ROOT, timeout: 20_000 });
    await expect(failed).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining('does not apply cleanly') });
  });
});
