import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFrenchAnalyzer } from '../../../embeddings/lexical/frenchAnalyzer.js';
import { LEXICAL_STATE_FILE, LexicalStore } from '../../../embeddings/lexical/LexicalStore.js';
import { buildLexicalIndex } from '../../../embeddings/lexical/lexicalViews.js';
import { loadFixtureKnowledgeBase } from '../../fixtures/kb.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'lexical-store-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function options() {
  const kb = await loadFixtureKnowledgeBase();
  return { dir, kbVersion: kb.version, entries: kb.entries, analyzer: createFrenchAnalyzer(kb.synonyms) };
}

const QUERY = ['référencement', 'catalogue', 'obligatoir', 'referencemnt'];

describe('LexicalStore', () => {
  it('builds and saves on the first start, then loads the same index without analysing', async () => {
    const first = await LexicalStore.loadOrBuild(await options());
    expect(first).toMatchObject({ rebuilt: true, reason: 'no saved lexical state' });
    const second = await LexicalStore.loadOrBuild(await options());
    expect(second).toMatchObject({ rebuilt: false });
    expect(second.index.state).toEqual(first.index.state);
    // Restored arrays are views of the bytes read, not copies (the file aligns them).
    const buffers = new Set(second.index.state.views.flatMap((view) => [view.docs.buffer, view.offsets.buffer, view.firstSeen.buffer]));
    expect(buffers.size).toBe(1);
    const [before, after] = [first.index.query(QUERY, [1, 1, 1]), second.index.query(QUERY, [1, 1, 1])];
    for (let entry = 0; entry < first.index.state.entryCount; entry++) expect(after.scoreEntry(entry)).toBe(before.scoreEntry(entry));
  });

  it('reads a prefetched state as it reads the file, once: a second read reads the file again', async () => {
    const first = await LexicalStore.loadOrBuild(await options());
    const file = path.join(dir, LEXICAL_STATE_FILE);
    await LexicalStore.prefetch(dir);
    // Damaged after it was prefetched: the read uses the bytes prefetched (then intact), once.
    const intact = await readFile(file);
    const bytes = Buffer.from(intact);
    bytes[bytes.length - 3] ^= 0xff;
    await writeFile(file, bytes);
    const prefetched = await LexicalStore.loadOrBuild(await options());
    expect(prefetched).toMatchObject({ rebuilt: false });
    expect(prefetched.index.state).toEqual(first.index.state);
    expect(await LexicalStore.loadOrBuild(await options())).toMatchObject({ rebuilt: true, reason: 'lexical state file is damaged' });
  });

  it('reports a missing file prefetched as missing, and a damaged one as damaged', async () => {
    await LexicalStore.prefetch(dir);
    expect(await LexicalStore.loadOrBuild(await options())).toMatchObject({ rebuilt: true, reason: 'no saved lexical state' });
    const file = path.join(dir, LEXICAL_STATE_FILE);
    const bytes = await readFile(file);
    bytes[bytes.length - 3] ^= 0xff;
    await writeFile(file, bytes);
    await LexicalStore.prefetch(dir);
    expect(await LexicalStore.loadOrBuild(await options())).toMatchObject({ rebuilt: true, reason: 'lexical state file is damaged' });
  });

  it('rebuilds when the KB version or the entry count differs', async () => {
    await LexicalStore.loadOrBuild(await options());
    const changed = await LexicalStore.loadOrBuild({ ...(await options()), kbVersion: 'another' });
    expect(changed).toMatchObject({ rebuilt: true, reason: 'KB changed since the lexical state was saved' });
    const fewer = await options();
    const read = await LexicalStore.read(path.join(dir, LEXICAL_STATE_FILE), 'another', 'key', fewer.entries.length - 1);
    expect(read.ok).toBe(false);
  });

  it('rebuilds a damaged or truncated file, never trusting it', async () => {
    const built = await LexicalStore.loadOrBuild(await options());
    const file = path.join(dir, LEXICAL_STATE_FILE);
    const bytes = await readFile(file);
    bytes[bytes.length - 3] ^= 0xff;
    await writeFile(file, bytes);
    expect(await LexicalStore.loadOrBuild(await options())).toMatchObject({ rebuilt: true, reason: 'lexical state file is damaged' });
    await writeFile(file, bytes.subarray(0, 20));
    const truncated = await LexicalStore.loadOrBuild(await options());
    expect(truncated.rebuilt).toBe(true);
    expect(truncated.reason).toMatch(/lexical state unreadable/);
    expect(truncated.index.state).toEqual(built.index.state);
    await writeFile(file, 'nonsense');
    expect((await LexicalStore.loadOrBuild(await options())).rebuilt).toBe(true);
  });

  it('still answers when the folder cannot be written, and says so', async () => {
    const blocked = path.join(dir, 'file-not-folder');
    await writeFile(blocked, '');
    const result = await LexicalStore.loadOrBuild({ ...(await options()), dir: path.join(blocked, 'lexical') });
    expect(result.rebuilt).toBe(true);
    expect(result.reason).toMatch(/not saved/);
    const { entries, analyzer } = await options();
    expect(result.index.state).toEqual(buildLexicalIndex(entries, analyzer).state);
  });
});
