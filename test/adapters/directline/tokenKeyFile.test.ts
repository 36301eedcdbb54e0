import { chmod, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { directLineTokenKey, TOKEN_KEY_FILE } from '../../../adapters/directline/index.js';

describe('directLineTokenKey', () => {
  let dir: string | undefined;
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
    dir = undefined;
  });
  const dataDir = async (): Promise<string> => {
    dir = await mkdtemp(join(tmpdir(), 'ans-faq-key-'));
    return join(dir, 'data');
  };

  it('generates a 32-byte key once into the data folder (mode 0600) and reads it back on the next start', async () => {
    const data = await dataDir();
    const first = await directLineTokenKey(undefined, data);
    expect(first).toHaveLength(32);
    const file = join(data, TOKEN_KEY_FILE);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect((await readFile(file, 'utf8')).trim()).toBe(first.toString('hex'));
    expect(await directLineTokenKey(undefined, data)).toEqual(first);
    expect(await readdir(data)).toEqual([TOKEN_KEY_FILE]);
  });

  it('gives every process starting at once the same key', async () => {
    const data = await dataDir();
    const keys = await Promise.all(Array.from({ length: 8 }, () => directLineTokenKey(undefined, data)));
    for (const key of keys) expect(key).toEqual(keys[0]);
    expect(await readdir(data)).toEqual([TOKEN_KEY_FILE]);
  });

  it('uses DIRECT_LINE_TOKEN_SECRET when set, and writes no file', async () => {
    const data = await dataDir();
    expect((await directLineTokenKey('s'.repeat(40), data)).toString('utf8')).toBe('s'.repeat(40));
    await expect(stat(data)).rejects.toThrow(/ENOENT/);
  });

  it('tightens a key file restored with loose permissions, and refuses a file it did not write', async () => {
    const data = await dataDir();
    const key = await directLineTokenKey(undefined, data);
    const file = join(data, TOKEN_KEY_FILE);
    await chmod(file, 0o644);
    expect(await directLineTokenKey(undefined, data)).toEqual(key);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    await writeFile(file, 'not a key\n');
    await expect(directLineTokenKey(undefined, data)).rejects.toThrow(/cannot read or create the token key/);
  });
});
