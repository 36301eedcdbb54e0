import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildRetriever, chooseProvider, OFFLINE_DEFAULT, type ProviderFactories } from '../../adapters/buildRetriever.js';
import { loadConfig } from '../../adapters/config.js';
import { writeModelCalibration } from '../../embeddings/index.js';
import { loadFixtureKnowledgeBase } from '../fixtures/kb.js';
import { FakeEmbeddingProvider } from '../fakes/FakeEmbeddingProvider.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'build-retriever-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Factories whose transformers model either loads (a fake) or fails like an unreachable hub. */
function factories(transformers: 'loads' | 'fails'): ProviderFactories & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    transformers: async () => {
      calls.push('transformers');
      if (transformers === 'fails') throw new Error('TransformersEmbeddingProvider.create: cannot load model (fetch failed)');
      return new FakeEmbeddingProvider({ name: 'transformers', model: 'fake-e5' });
    },
    useLite: async () => {
      calls.push('use-lite');
      return new FakeEmbeddingProvider({ name: 'use-lite', model: 'fake-use' });
    },
  };
}

const config = (env: Record<string, string> = {}) => loadConfig({ INDEX_DIR: path.join(dir, 'index'), ...env });

describe('chooseProvider', () => {
  it('auto: uses the transformers model when it loads', async () => {
    const choice = await chooseProvider(config(), factories('loads'));
    expect(choice.provider?.name).toBe('transformers');
    expect(choice.reason).toMatch(/auto: transformers model Xenova\/multilingual-e5-small loaded/);
  });

  it('auto: falls back to the offline default and says why in one line', async () => {
    const made = factories('fails');
    const choice = await chooseProvider(config({ EMBEDDINGS_MODEL_DIR: '/opt/models/e5' }), made);
    expect(choice.provider?.name).toBe(OFFLINE_DEFAULT === 'none' ? undefined : OFFLINE_DEFAULT);
    expect(choice.reason).toMatch(/local folder \/opt\/models\/e5 unavailable \(.*fetch failed.*\); offline default/);
    expect(choice.reason).not.toContain('\n');
  });

  it('explicit choices are obeyed, and an explicit transformers failure is not hidden', async () => {
    expect((await chooseProvider(config({ EMBEDDINGS_PROVIDER: 'use-lite' }), factories('loads'))).provider?.name).toBe('use-lite');
    const none = factories('loads');
    expect((await chooseProvider(config({ EMBEDDINGS_PROVIDER: 'none' }), none)).provider).toBeUndefined();
    expect(none.calls).toEqual([]);
    await expect(chooseProvider(config({ EMBEDDINGS_PROVIDER: 'transformers' }), factories('fails'))).rejects.toThrow(/fetch failed/);
  });
});

/** Writes the calibration `npm run eval -- --tune` would write for the fake transformers model. */
async function calibrate(kbVersion: string, model = 'fake-e5'): Promise<void> {
  await writeModelCalibration(path.join(dir, 'index'), {
    provider: 'transformers',
    model,
    kbVersion,
    thresholds: { minScore: 0.3, confidentScore: 0.35, clearMargin: 0.04 },
    figures: { rightAnswers: 0.9 },
    tunedOn: 'test/eval/tuning-v2.yaml',
    createdAt: '2026-11-29T00:00:00.000Z',
  });
}

describe('a transformers model decides only once calibrated on this KB', () => {
  it('auto does not even load a model without a calibration of it on this KB version, and says so in one line', async () => {
    const made = factories('loads');
    const choice = await chooseProvider(config(), made, 'kb-version-1');
    expect(made.calls).toEqual([]);
    expect(choice.provider?.name).toBe(OFFLINE_DEFAULT === 'none' ? undefined : OFFLINE_DEFAULT);
    expect(choice.reason).toMatch(/auto: transformers model Xenova\/multilingual-e5-small not used, no calibration of Xenova\/multilingual-e5-small on this KB version \(npm run eval -- --tune/);
    expect(choice.reason).not.toContain('\n');
    // A calibration of that model, but for another KB version, does not count either.
    await calibrate('kb-version-0', 'Xenova/multilingual-e5-small');
    expect((await chooseProvider(config(), made, 'kb-version-1')).provider?.name).not.toBe('transformers');
    await calibrate('kb-version-1', 'Xenova/multilingual-e5-small');
    expect((await chooseProvider(config(), made, 'kb-version-1')).provider?.name).toBe('transformers');
  });

  it('an explicitly chosen model without calibration leaves the answers to the lexical default; with one, its thresholds decide', async () => {
    const kb = await loadFixtureKnowledgeBase();
    const uncalibrated = await buildRetriever(config({ EMBEDDINGS_PROVIDER: 'transformers' }), kb, { factories: factories('loads') });
    expect(uncalibrated.status).toMatchObject({ mode: 'lexical', provider: 'none' });
    expect(uncalibrated.status.reason).toMatch(/fake-e5 has no calibration on this KB version .*: lexical retrieval only/);
    await calibrate(kb.version);
    const calibrated = await buildRetriever(config({ EMBEDDINGS_PROVIDER: 'transformers' }), kb, { factories: factories('loads') });
    expect(calibrated.status).toMatchObject({ mode: 'hybrid', provider: 'transformers' });
    expect(calibrated.status.reason).toMatch(/calibrated on this KB \(2026-11-29\)/);
    const retrieval = (await calibrated.retriever.score('Le référencement au catalogue est-il obligatoire ?')).rank();
    expect(retrieval.thresholds).toEqual({ minScore: 0.3, confidentScore: 0.35, clearMargin: 0.04 });
  });
});

describe('buildRetriever', () => {
  it('builds a hybrid retriever over a persisted index, then reloads it', async () => {
    const kb = await loadFixtureKnowledgeBase();
    // The fake model is configured by its own name, as a real one would be.
    await calibrate(kb.version);
    const first = await buildRetriever(config({ EMBEDDINGS_MODEL: 'fake-e5' }), kb, { factories: factories('loads') });
    expect(first.status).toMatchObject({ provider: 'transformers', model: 'fake-e5', mode: 'hybrid' });
    expect(first.status.indexState).toMatch(/^rebuilt/);
    const again = await buildRetriever(config({ EMBEDDINGS_MODEL: 'fake-e5' }), kb, { factories: factories('loads') });
    expect(again.status.indexState).toBe('loaded');
    const { ranked } = (await again.retriever.score('Le référencement au catalogue est-il obligatoire ?')).rank();
    expect(ranked[0].entry.id).toBe('mes-referencement-obligatoire');
  });

  it('is lexical only, in memory, when no provider is chosen', async () => {
    const kb = await loadFixtureKnowledgeBase();
    const built = await buildRetriever(config({ EMBEDDINGS_PROVIDER: 'none' }), kb);
    expect(built.status).toMatchObject({ provider: 'none', model: 'bm25', mode: 'lexical', indexState: 'in-memory' });
    expect(built.retriever.description).toBe('lexical');
  });
});
