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

/** `value` with every string equal to `from` replaced by `to`, and how many were. */
function replaceStrings(value: unknown, from: string, to: string): { value: unknown; count: number } {
  if (value === from) return { value: to, count: 1 };
  if (typeof value !== 'object' || value === null) return { value, count: 0 };
  let count = 0;
  const each = (item: unknown): unknown => {
    const replaced = replaceStrings(item, from, to);
    count += replaced.count;
    return replaced.value;
  };
  const copy = Array.isArray(value) ? value.map(each) : Object.fromEntries(Object.entries(value).map(([key, item]) => [key, each(item)]));
  return { value: copy, count };
}

/**
 * Rewrites every cached copy of `from` (written back as UTF-8 JSON, as an older cache was), line by line (a cache
 * file holds one JSON value per line): what the loader then returns shows whether it read the cache.
 */
async function tamperCache(from: string, to: string): Promise<void> {
  let found = 0;
  for (const file of await cacheFiles()) {
    const lines = (await readFile(file, 'utf8')).split('\n').filter((line) => line !== '');
    const replaced = lines.map((line) => replaceStrings(JSON.parse(line), from, to));
    const count = replaced.reduce((sum, line) => sum + line.count, 0);
    if (count === 0) continue;
    found += count;
    await writeFile(file, `${replaced.map((line) => JSON.stringify(line.value)).join('\n')}\n`);
  }
  expect(found).toBeGreaterThan(0);
}

describe('loadKnowledgeBase with a cache folder', () => {
  it('returns exactly what parsing returns, on the first load and from the cache', async () => {
    const parsed = await loadKnowledgeBase(kbDir);
    expect(await loadKnowledgeBase(kbDir, { cacheDir })).toEqual(parsed);
    expect(await loadKnowledgeBase(kbDir, { cacheDir })).toEqual(parsed);
  });

  it('writes its files in ASCII and reads back every character, accents, typographic marks and emoji alike', async () => {
    const parsed = await loadKnowledgeBase(kbDir);
    const file = parsed.entries[0].source.file;
    const text = await readFile(file, 'utf8');
    const firstWords = parsed.entries[0].answer.split(' ').slice(0, 3).join(' ');
    if (!text.includes(firstWords)) throw new Error('the fixture\'s first answer is not written plainly');
    await writeFile(file, text.replace(firstWords, `${firstWords} 🙂 L’« été »`));
    const edited = await loadKnowledgeBase(kbDir);
    expect(edited.entries[0].answer).toContain('🙂 L’« été »');
    expect(await loadKnowledgeBase(kbDir, { cacheDir })).toEqual(edited);
    for (const cached of await cacheFiles()) expect(await readFile(cached, 'latin1')).toMatch(/^[\x20-\x7e\n]*$/);
    expect(await loadKnowledgeBase(kbDir, { cacheDir })).toEqual(edited);
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

  it('takes the taxonomy and synonyms of an unchanged KB from the cache, and parses them again once one is edited', async () => {
    const parsed = await loadKnowledgeBase(kbDir);
    expect(await loadKnowledgeBase(kbDir, { cacheDir })).toEqual(parsed);
    const [prompt, canonical] = [parsed.taxonomy.questions[0].prompt, parsed.synonyms[0].canonical];
    await tamperCache(prompt, 'CACHED PROMPT');
    await tamperCache(canonical, 'cached-canonical');
    const cached = await loadKnowledgeBase(kbDir, { cacheDir });
    expect([cached.taxonomy.questions[0].prompt, cached.synonyms[0].canonical]).toEqual(['CACHED PROMPT', 'cached-canonical']);
    const synonyms = path.join(kbDir, 'synonyms.yaml');
    await writeFile(synonyms, `${await readFile(synonyms, 'utf8')}\n# edited\n`);
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
