import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KB_CACHE_DIR, KnowledgeBaseError, loadKnowledgeBase } from '../../knowledge/index.js';
import { FIXTURE_KB_DIR } from '../fixtures/kb.js';

let dir: string;
let kbDir: string;
let cacheDir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'kb-cache-'));
  kbDir = path.join(dir, 'kb');
  cacheDir = path.join(dir, 'cache');
  await cp(FIXTURE_KB_DIR, kbDir, { recursive: true });
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** The cache's files (one folder per validator version). */
async function cacheFiles(): Promise<string[]> {
  const root = path.join(cacheDir, KB_CACHE_DIR);
  const [version] = await readdir(root);
  return (await readdir(path.join(root, version))).map((name) => path.join(root, version, name));
}

/** Rewrites every cached copy of `from`: what the loader then returns shows whether it read the cache. */
async function tamperCache(from: string, to: string): Promise<void> {
  let found = false;
  for (const file of await cacheFiles()) {
    const text = await readFile(file, 'utf8');
    if (!text.includes(JSON.stringify(from))) continue;
    found = true;
    await writeFile(file, text.split(JSON.stringify(from)).join(JSON.stringify(to)));
  }
  expect(found).toBe(true);
}

describe('loadKnowledgeBase with a cache folder', () => {
  it('returns exactly what parsing returns, on the first load and from the cache', async () => {
    const parsed = await loadKnowledgeBase(kbDir);
    expect(await loadKnowledgeBase(kbDir, { cacheDir })).toEqual(parsed);
    expect(await loadKnowledgeBase(kbDir, { cacheDir })).toEqual(parsed);
  });

  it('re-parses only the files that changed', async () => {
    const kb = await loadKnowledgeBase(kbDir, { cacheDir });
    const [first, second] = [kb.entries[0], kb.entries.find((entry) => entry.source.file !== kb.entries[0].source.file)];
    if (!second) throw new Error('the fixture KB needs two entry files');
    // Tamper with the cached answers of both files, then really edit the second file only.
    await tamperCache(first.answer, 'CACHED FIRST');
    await tamperCache(second.answer, 'CACHED SECOND');
    const file = second.source.file;
    await writeFile(file, `${await readFile(file, 'utf8')}\n# edited\n`);
    const reloaded = await loadKnowledgeBase(kbDir, { cacheDir });
    expect(reloaded.entries.find((entry) => entry.id === first.id)?.answer).toBe('CACHED FIRST');
    expect(reloaded.entries.find((entry) => entry.id === second.id)?.answer).toBe(second.answer);
  });

  it('reads an unchanged asked file from the cache, and parses it again once edited', async () => {
    await mkdir(path.join(kbDir, 'asked'));
    const file = path.join(kbDir, 'asked', 'semaine-48.yaml');
    await writeFile(file, 'inScope:\n  - { q: "Le MOS, ça sert à quoi au juste ?", id: mos-definition, kind: paraphrase }\noutOfScope:\n  - { q: "Le MOS est-il payant ?", kind: near }\n');
    const parsed = await loadKnowledgeBase(kbDir);
    expect(await loadKnowledgeBase(kbDir, { cacheDir })).toEqual(parsed);
    expect(await loadKnowledgeBase(kbDir, { cacheDir })).toEqual(parsed);
    await tamperCache('Le MOS est-il payant ?', 'CACHED');
    expect((await loadKnowledgeBase(kbDir, { cacheDir })).asked[0]?.outOfScope).toEqual([{ q: 'CACHED', kind: 'near' }]);
    await writeFile(file, `${await readFile(file, 'utf8')}# edited\n`);
    expect(await loadKnowledgeBase(kbDir, { cacheDir })).toEqual(parsed);
  });

  it('still runs the checks across files: a duplicate id made in one file is caught against a cached one', async () => {
    const kb = await loadKnowledgeBase(kbDir, { cacheDir });
    const [first, second] = [kb.entries[0], kb.entries.find((entry) => entry.source.file !== kb.entries[0].source.file)];
    if (!second) throw new Error('the fixture KB needs two entry files');
    const file = second.source.file;
    await writeFile(file, (await readFile(file, 'utf8')).replace(`id: ${second.id}`, `id: ${first.id}`));
    await expect(loadKnowledgeBase(kbDir, { cacheDir })).rejects.toThrow(KnowledgeBaseError);
    await expect(loadKnowledgeBase(kbDir, { cacheDir })).rejects.toThrow(/duplicate id/);
  });

  it('ignores damaged cache files', async () => {
    const parsed = await loadKnowledgeBase(kbDir, { cacheDir });
    for (const file of await cacheFiles()) {
      const text = await readFile(file, 'utf8');
      await writeFile(file, text.includes('"positions"') ? text.replace('"positions":[[', '"positions":[[0,') : '{ not json');
    }
    expect(await loadKnowledgeBase(kbDir, { cacheDir })).toEqual(parsed);
    for (const file of await cacheFiles()) await writeFile(file, '{ not json');
    expect(await loadKnowledgeBase(kbDir, { cacheDir })).toEqual(parsed);
  });

  it('loads without a writable cache folder', async () => {
    const blocked = path.join(dir, 'file-not-folder');
    await writeFile(blocked, '');
    expect(await loadKnowledgeBase(kbDir, { cacheDir: path.join(blocked, 'cache') })).toEqual(await loadKnowledgeBase(kbDir));
  });
});
