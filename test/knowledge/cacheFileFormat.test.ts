import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CacheFileReader, cacheFileText } from '../../knowledge/cacheFileFormat.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'cache-format-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function roundTrip(reader: CacheFileReader, name: string, content: unknown): Promise<unknown> {
  const file = path.join(dir, name);
  await writeFile(file, cacheFileText(content));
  return reader.read(file);
}

describe('cacheFileText and CacheFileReader', () => {
  it('writes an entries record one entry per line, in ASCII, and reads back every character', async () => {
    const record = {
      file: 'entries/a.yaml',
      positions: [[1, 3]],
      entries: [{ id: 'a', answer: 'L’« été » 🙂\nligne\u2028séparée', alternates: [] }, { id: 'b', answer: 'simple', alternates: ['x'] }],
    };
    const file = path.join(dir, 'rows.json');
    await writeFile(file, cacheFileText(record));
    const text = await readFile(file, 'latin1');
    expect(text).toMatch(/^[\x20-\x7e\n]*$/);
    expect(text.trimEnd().split('\n')).toHaveLength(3);
    expect(await new CacheFileReader().read(file)).toEqual(record);
  });

  it('reads records without rows, and an entries record with none', async () => {
    const reader = new CacheFileReader();
    expect(await roundTrip(reader, 'whole.json', { version: 'v1', valid: true, synonyms: [] })).toEqual({ version: 'v1', valid: true, synonyms: [] });
    expect(await roundTrip(reader, 'empty.json', { file: 'f', positions: [], entries: [] })).toEqual({ file: 'f', positions: [], entries: [] });
  });

  it('reuses its buffer without reading a larger file’s bytes into a smaller one', async () => {
    const reader = new CacheFileReader();
    const large = { file: 'big', positions: [], entries: Array.from({ length: 2000 }, (_, i) => ({ id: `entry-${i}`, answer: 'é'.repeat(40) })) };
    expect(await roundTrip(reader, 'large.json', large)).toEqual(large);
    expect(await roundTrip(reader, 'small.json', { file: 'small', positions: [], entries: [{ id: 'x' }] })).toEqual({ file: 'small', positions: [], entries: [{ id: 'x' }] });
  });

  it('reads UTF-8 written by hand as well as ASCII', async () => {
    const file = path.join(dir, 'utf8.json');
    await writeFile(file, '{"file":"f","positions":[],"rowCount":1}\n{"id":"é"}\n', 'utf8');
    expect(await new CacheFileReader().read(file)).toEqual({ file: 'f', positions: [], entries: [{ id: 'é' }] });
  });

  it('refuses a file missing rows, or with lines after a record without rows', async () => {
    const reader = new CacheFileReader();
    const truncated = path.join(dir, 'truncated.json');
    await writeFile(truncated, '{"file":"f","positions":[],"rowCount":2}\n{"id":"a"}\n');
    await expect(reader.read(truncated)).rejects.toThrow(/1 rows, 2 written/);
    const extra = path.join(dir, 'extra.json');
    await writeFile(extra, '{"version":"v"}\n{"id":"a"}\n');
    await expect(reader.read(extra)).rejects.toThrow(/lines after a record without rows/);
    await expect(reader.read(path.join(dir, 'missing.json'))).rejects.toThrow(/ENOENT/);
  });
});
