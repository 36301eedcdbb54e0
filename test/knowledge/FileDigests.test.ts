import { cp, mkdtemp, readdir, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FILE_DIGESTS_FILE, FileDigests, RECENT_CHANGE_MS, readStatus } from '../../knowledge/FileDigests.js';
import { KB_CACHE_DIR, loadKnowledgeBase } from '../../knowledge/index.js';
import { FIXTURE_KB_DIR } from '../fixtures/kb.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'file-digests-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const status = (key: string, changedMs: number) => ({ key, changedMs });

describe('FileDigests', () => {
  it('gives a digest back only for the very status it was read in, once saved and opened again', async () => {
    const first = await FileDigests.open(dir);
    first.remember('a.yaml', status('1:2:30:40:40', 1_000), 'digest-a', 1_000 + RECENT_CHANGE_MS + 1);
    first.remember('b.yaml', status('1:3:30:40:40', 1_000), 'digest-b', 1_000 + RECENT_CHANGE_MS + 1);
    await first.save();
    const second = await FileDigests.open(dir);
    expect(second.known('a.yaml', status('1:2:30:40:40', 1_000))).toBe('digest-a');
    for (const changed of ['1:2:31:40:40', '1:2:30:41:40', '1:2:30:40:41', '1:9:30:40:40', '2:2:30:40:40']) {
      expect(second.known('a.yaml', status(changed, 1_000))).toBeUndefined();
    }
    expect(second.known('c.yaml', status('1:2:30:40:40', 1_000))).toBeUndefined();
  });

  it('does not remember a file changed shortly before it was read (a write in the same clock tick could leave its status as it was)', async () => {
    const digests = await FileDigests.open(dir);
    digests.remember('a.yaml', status('1:2:30:40:40', 5_000), 'digest-a', 5_000 + RECENT_CHANGE_MS);
    await digests.save();
    expect((await FileDigests.open(dir)).known('a.yaml', status('1:2:30:40:40', 5_000))).toBeUndefined();
  });

  it('keeps only the files of the last load, and ignores a damaged record', async () => {
    const first = await FileDigests.open(dir);
    for (const name of ['a', 'b']) first.remember(name, status(name, 0), `digest-${name}`, RECENT_CHANGE_MS + 1);
    await first.save();
    const second = await FileDigests.open(dir);
    expect(second.known('a', status('a', 0))).toBe('digest-a');
    await second.save();
    const third = await FileDigests.open(dir);
    expect([third.known('a', status('a', 0)), third.known('b', status('b', 0))]).toEqual(['digest-a', undefined]);
    await writeFile(path.join(dir, FILE_DIGESTS_FILE), '{ damaged');
    expect((await FileDigests.open(dir)).known('a', status('a', 0))).toBeUndefined();
  });

  it('reads a status that changes with every write, even one of the same size that restores the modification time', async () => {
    const file = path.join(dir, 'f.yaml');
    await writeFile(file, 'a: 1\n');
    const before = await readStatus(file);
    const { atime, mtime } = await stat(file);
    await new Promise((resolve) => setTimeout(resolve, 20));
    await writeFile(file, 'a: 2\n');
    await utimes(file, atime, mtime);
    expect((await readStatus(file)).key).not.toBe(before.key);
  });
});

describe('loadKnowledgeBase with file digests', () => {
  it('trusts the digests of files unchanged since the last load, and reads an edited one even when its size and time are restored', { timeout: 20_000 }, async () => {
    const kbDir = path.join(dir, 'kb');
    const cacheDir = path.join(dir, 'cache');
    await cp(FIXTURE_KB_DIR, kbDir, { recursive: true });
    // Files changed less than RECENT_CHANGE_MS before a load are not remembered.
    await new Promise((resolve) => setTimeout(resolve, RECENT_CHANGE_MS + 200));
    const parsed = await loadKnowledgeBase(kbDir);
    expect(await loadKnowledgeBase(kbDir, { cacheDir })).toEqual(parsed);
    const recorded = JSON.parse(await readFile(path.join(cacheDir, FILE_DIGESTS_FILE), 'utf8')) as { files: Record<string, unknown> };
    const files = [...new Set([...parsed.entries.map((entry) => entry.source.file), path.join(kbDir, 'taxonomy.yaml'), path.join(kbDir, 'synonyms.yaml')])];
    expect(Object.keys(recorded.files).sort()).toEqual(files.sort());
    expect(await loadKnowledgeBase(kbDir, { cacheDir })).toEqual(parsed);

    // The first file's cached answer is tampered with: it shows the first file was not parsed again.
    const [first, second] = [parsed.entries[0], parsed.entries.find((entry) => entry.source.file !== parsed.entries[0].source.file)];
    if (!second) throw new Error('the fixture KB needs two entry files');
    const cacheRoot = path.join(cacheDir, KB_CACHE_DIR);
    const [version] = await readdir(cacheRoot);
    const opening = JSON.stringify(first.answer).slice(1, 20);
    if (!/^[\x20-\x7e]+$/.test(opening)) throw new Error('the fixture\'s first answer must open in ASCII (the cache escapes the rest)');
    let tampered = 0;
    for (const name of await readdir(path.join(cacheRoot, version))) {
      const cached = path.join(cacheRoot, version, name);
      const content = await readFile(cached, 'latin1');
      if (!content.includes(opening)) continue;
      await writeFile(cached, content.replace(opening, 'CACHED FIRST '));
      tampered++;
    }
    expect(tampered).toBe(1);
    // The second file is edited in place: same size, modification time set back.
    const file = second.source.file;
    const { atime, mtime } = await stat(file);
    const text = await readFile(file, 'utf8');
    const word = second.answer.split(' ').find((w) => /^[a-z]{4,}$/.test(w)) ?? '';
    await writeFile(file, text.replace(word, word.toUpperCase()));
    await utimes(file, atime, mtime);
    const reloaded = await loadKnowledgeBase(kbDir, { cacheDir });
    expect(reloaded.entries.find((entry) => entry.id === second.id)?.answer).toBe(second.answer.replace(word, word.toUpperCase()));
    expect(reloaded.entries.find((entry) => entry.id === first.id)?.answer).toMatch(/^CACHED FIRST /);
    expect(reloaded.taxonomy).toEqual(parsed.taxonomy);
    const after = JSON.parse(await readFile(path.join(cacheDir, FILE_DIGESTS_FILE), 'utf8')) as { files: Record<string, unknown> };
    expect(Object.keys(after.files).sort()).toEqual(files.filter((f) => f !== file).sort());

    // Damaged records of trusted files, and no whole-KB record: those files are read and parsed again.
    for (const name of await readdir(path.join(cacheRoot, version))) {
      const cached = path.join(cacheRoot, version, name);
      if (name.startsWith('version-')) await rm(cached);
      else await writeFile(cached, (await readFile(cached, 'latin1')).replace('"positions":[[', '"positions":[[0,'));
    }
    expect(await loadKnowledgeBase(kbDir, { cacheDir })).toEqual(await loadKnowledgeBase(kbDir));
  });
});
