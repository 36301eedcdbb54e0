import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_HNSW_PARAMS } from '../../../embeddings/dense/HnswVectorIndex.js';
import {
  EMBED_BATCH_SIZE,
  HNSW_FILE,
  INDEX_FORMAT_VERSION,
  IndexStore,
  LABELS_FILE,
  MANIFEST_FILE,
  type IndexDocument,
  type LoadOrBuildOptions,
} from '../../../embeddings/dense/IndexStore.js';
import { FakeEmbeddingProvider } from '../../fakes/FakeEmbeddingProvider.js';
import { InMemoryVectorIndex } from '../../fakes/InMemoryVectorIndex.js';

const TOPICS = ['référencement Mon espace santé', 'offre innovation de l’ANS', 'MOS et NOS', 'doctrine du numérique en santé', 'données de santé'];
/** 70 documents: three embedding batches (32 + 32 + 6). */
const DOCUMENTS: IndexDocument[] = Array.from({ length: 70 }, (_, i) => ({
  entryId: `entry-${i % TOPICS.length}`,
  text: `${TOPICS[i % TOPICS.length]} – formulation ${i}`,
  kind: i < TOPICS.length ? 'question' : i % 7 === 0 ? 'answer' : 'alternate',
}));

describe('IndexStore.loadOrBuild', () => {
  let dir: string;
  beforeEach(async () => {
    dir = join(await mkdtemp(join(tmpdir(), 'index-store-')), 'index');
  });
  afterEach(async () => {
    await rm(join(dir, '..'), { recursive: true, force: true });
  });

  const options = (overrides: Partial<LoadOrBuildOptions> = {}): LoadOrBuildOptions => ({
    dir,
    provider: new FakeEmbeddingProvider(),
    kbVersion: 'kb-v1',
    documents: DOCUMENTS,
    ...overrides,
  });

  const readManifest = async (): Promise<Record<string, unknown>> => JSON.parse(await readFile(join(dir, MANIFEST_FILE), 'utf8'));

  it('builds in batches with progress, then saves index, labels and manifest', async () => {
    const provider = new FakeEmbeddingProvider();
    const progress: Array<[number, number]> = [];
    const built = await IndexStore.loadOrBuild(options({ provider, onProgress: (done, total) => progress.push([done, total]) }));
    expect(built.rebuilt).toBe(true);
    expect(built.reason).toBe('no saved index');
    expect(provider.embedCalls).toBe(Math.ceil(DOCUMENTS.length / EMBED_BATCH_SIZE));
    expect(progress).toEqual([[32, 70], [64, 70], [70, 70]]);
    expect(built.index.size).toBe(DOCUMENTS.length);
    expect(built.labels).toEqual(DOCUMENTS);

    const manifest = await readManifest();
    expect(manifest).toMatchObject({
      formatVersion: INDEX_FORMAT_VERSION,
      provider: 'fake',
      model: provider.model,
      dimension: provider.dimension,
      kbVersion: 'kb-v1',
      hnsw: DEFAULT_HNSW_PARAMS,
      count: DOCUMENTS.length,
    });
    expect(Number.isNaN(Date.parse(String(manifest.createdAt)))).toBe(false);
    expect(JSON.parse(await readFile(join(dir, LABELS_FILE), 'utf8'))).toEqual(DOCUMENTS);

    const [query] = await provider.embed([DOCUMENTS[12].text], 'query');
    expect(built.index.search(query, 1)[0].label).toBe(12);
  });

  it('reloads a matching index without embedding anything', async () => {
    const first = await IndexStore.loadOrBuild(options());
    const provider = new FakeEmbeddingProvider();
    const second = await IndexStore.loadOrBuild(options({ provider }));
    expect(second.rebuilt).toBe(false);
    expect(second.reason).toMatch(/^manifest matches/);
    expect(provider.embedCalls).toBe(0);
    expect(second.labels).toEqual(DOCUMENTS);
    const [query] = await new FakeEmbeddingProvider().embed(['innovation ANS'], 'query');
    expect(second.index.search(query, 5)).toEqual(first.index.search(query, 5));
  });

  const mismatches: Array<[string, Partial<LoadOrBuildOptions>, RegExp]> = [
    ['provider', { provider: new FakeEmbeddingProvider({ name: 'other' }) }, /^provider changed \(fake → other\)/],
    ['model', { provider: new FakeEmbeddingProvider({ model: 'fake-v2' }) }, /^model changed/],
    ['dimension', { provider: new FakeEmbeddingProvider({ dimension: 32, model: 'fake-trigram-64' }) }, /^dimension changed \(64 → 32\)/],
    ['KB version', { kbVersion: 'kb-v2' }, /^kbVersion changed \(kb-v1 → kb-v2\)/],
    ['HNSW parameters', { params: { ...DEFAULT_HNSW_PARAMS, efSearch: 10 } }, /^HNSW parameters changed/],
    ['documents', { documents: DOCUMENTS.slice(1) }, /^indexed documents changed/],
  ];
  for (const [what, overrides, reason] of mismatches) {
    it(`rebuilds when the ${what} changes`, async () => {
      await IndexStore.loadOrBuild(options());
      const rebuilt = await IndexStore.loadOrBuild(options(overrides));
      expect(rebuilt.rebuilt).toBe(true);
      expect(rebuilt.reason).toMatch(reason);
      const again = await IndexStore.loadOrBuild(options(overrides));
      expect(again.rebuilt).toBe(false);
    });
  }

  it('rebuilds when the format version differs', async () => {
    await IndexStore.loadOrBuild(options());
    const manifest = await readManifest();
    await writeFile(join(dir, MANIFEST_FILE), JSON.stringify({ ...manifest, formatVersion: INDEX_FORMAT_VERSION - 1 }));
    const result = await IndexStore.loadOrBuild(options());
    expect(result).toMatchObject({ rebuilt: true, reason: expect.stringMatching(/^formatVersion changed/) });
  });

  const corruptions: Array<[string, (manifest: Record<string, unknown>) => Promise<void>, RegExp]> = [
    ['a manifest that is not JSON', () => writeFile(join(dir, MANIFEST_FILE), '{"formatVersion": 1,'), /not valid JSON/],
    ['a manifest with missing fields', () => writeFile(join(dir, MANIFEST_FILE), '{"formatVersion": 1}'), /missing or malformed/],
    ['a manifest that is an array', () => writeFile(join(dir, MANIFEST_FILE), '[]'), /missing or malformed/],
    [
      'a truncated index file',
      async () => writeFile(join(dir, HNSW_FILE), (await readFile(join(dir, HNSW_FILE))).subarray(0, 500)),
      /index file does not match its manifest/,
    ],
    ['a deleted index file', () => rm(join(dir, HNSW_FILE)), /saved index unreadable/],
    ['edited labels', () => writeFile(join(dir, LABELS_FILE), '[]'), /labels file does not match/],
  ];
  for (const [what, corrupt, reason] of corruptions) {
    it(`rebuilds instead of crashing on ${what}`, async () => {
      await IndexStore.loadOrBuild(options());
      await corrupt(await readManifest());
      const provider = new FakeEmbeddingProvider();
      const result = await IndexStore.loadOrBuild(options({ provider }));
      expect(result.rebuilt).toBe(true);
      expect(result.reason).toMatch(reason);
      expect(provider.embedCalls).toBeGreaterThan(0);
      expect(result.index.size).toBe(DOCUMENTS.length);
      expect((await IndexStore.loadOrBuild(options())).rebuilt).toBe(false);
    });
  }

  it('works with another backend (the exact in-memory index)', async () => {
    const backend = {
      create: async (dimension: number) => new InMemoryVectorIndex(dimension),
      load: (file: string) => InMemoryVectorIndex.load(file),
    };
    const built = await IndexStore.loadOrBuild(options({ backend }));
    const loaded = await IndexStore.loadOrBuild(options({ backend }));
    expect([built.rebuilt, loaded.rebuilt]).toEqual([true, false]);
    expect(loaded.index).toBeInstanceOf(InMemoryVectorIndex);
    expect(loaded.index.size).toBe(DOCUMENTS.length);
  });

  it('builds an empty index for an empty KB', async () => {
    const result = await IndexStore.loadOrBuild(options({ documents: [] }));
    expect(result.index.size).toBe(0);
    expect((await IndexStore.loadOrBuild(options({ documents: [] }))).rebuilt).toBe(false);
  });

  it('throws with the cause when embedding fails', async () => {
    const failure = new Error('model crashed');
    const provider = new FakeEmbeddingProvider();
    provider.embed = async () => {
      throw failure;
    };
    await expect(IndexStore.loadOrBuild(options({ provider }))).rejects.toMatchObject({
      message: /IndexStore.loadOrBuild: embedding documents 0–31 failed/,
      cause: failure,
    });
  });

  it('throws a clear error when the folder cannot be written', async () => {
    const file = join(dir, '..', 'a-file');
    await writeFile(file, 'x');
    await expect(IndexStore.loadOrBuild(options({ dir: join(file, 'index') }))).rejects.toThrow(
      /IndexStore.save: cannot write the index .* set INDEX_DIR to a writable folder/,
    );
  });
});
