import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cosineSimilarity } from '../../../embeddings/dense/exactSearch.js';
import {
  DEFAULT_TRANSFORMERS_MODEL,
  E5_PREFIXES,
  TRANSFORMERS_BATCH_SIZE,
  TransformersEmbeddingProvider,
  type FeatureExtractor,
  type TransformersLoadRequest,
} from '../../../embeddings/dense/TransformersEmbeddingProvider.js';
import { TINY_HIDDEN_SIZE, writeTinyBertModel } from './support/tinyBertModel.js';

function norm(vector: Float32Array): number {
  return Math.sqrt(vector.reduce((sum, value) => sum + value * value, 0));
}

/** Records what it is asked to load and embed; each text becomes [length, 1, 1] (not normalised). */
function recordingLoader(options: { dims?: (batch: string[]) => number[] } = {}) {
  const requests: TransformersLoadRequest[] = [];
  const batches: string[][] = [];
  let disposed = false;
  const loader = async (request: TransformersLoadRequest): Promise<FeatureExtractor> => {
    requests.push(request);
    return {
      async extract(texts) {
        batches.push(texts);
        return { data: texts.flatMap((text) => [text.length, 1, 1]), dims: options.dims?.(texts) ?? [texts.length, 3] };
      },
      async dispose() {
        disposed = true;
      },
    };
  };
  return { loader, requests, batches, isDisposed: () => disposed };
}

describe('TransformersEmbeddingProvider with a recording loader', () => {
  it('loads a hub model offline by default, quantized, and probes the dimension', async () => {
    const { loader, requests, batches } = recordingLoader();
    const provider = await TransformersEmbeddingProvider.create({ loader, cacheDir: '/tmp/models' });
    expect(requests).toEqual([
      { modelId: DEFAULT_TRANSFORMERS_MODEL, localModelPath: undefined, allowRemote: false, cacheDir: '/tmp/models', quantized: true },
    ]);
    expect(batches).toHaveLength(1);
    expect([provider.name, provider.model, provider.dimension]).toEqual(['transformers', DEFAULT_TRANSFORMERS_MODEL, 3]);
  });

  it('maps modelDir onto a local model path and never allows downloads for it', async () => {
    const { loader, requests } = recordingLoader();
    const provider = await TransformersEmbeddingProvider.create({ loader, modelDir: '/srv/models/my-model', allowRemote: true, quantized: false });
    expect(requests[0]).toMatchObject({ modelId: 'my-model', localModelPath: '/srv/models', allowRemote: false, quantized: false });
    expect(provider.model).toBe('/srv/models/my-model (fp32)');
  });

  it('adds e5 prefixes for e5 models only, unless told otherwise', async () => {
    const e5 = recordingLoader();
    const e5Provider = await TransformersEmbeddingProvider.create({ loader: e5.loader, model: 'Xenova/multilingual-e5-small' });
    await e5Provider.embed(['Mon espace santé'], 'query');
    await e5Provider.embed(['Les données'], 'passage');
    expect(e5.batches.slice(1)).toEqual([['query: Mon espace santé'], ['passage: Les données']]);

    const plain = recordingLoader();
    const plainProvider = await TransformersEmbeddingProvider.create({ loader: plain.loader, model: 'Xenova/paraphrase-multilingual-MiniLM-L12-v2' });
    await plainProvider.embed(['Mon espace santé'], 'query');
    expect(plain.batches[1]).toEqual(['Mon espace santé']);

    const forced = recordingLoader();
    const forcedProvider = await TransformersEmbeddingProvider.create({ loader: forced.loader, model: 'x/e5-base', prefixes: null });
    await forcedProvider.embed(['a'], 'passage');
    expect(forced.batches[1]).toEqual(['a']);
    expect(E5_PREFIXES).toEqual({ query: 'query: ', passage: 'passage: ' });
  });

  it('embeds in bounded batches and L2-normalises every vector', async () => {
    const { loader, batches } = recordingLoader();
    const provider = await TransformersEmbeddingProvider.create({ loader, model: 'm' });
    const texts = Array.from({ length: 40 }, (_, i) => 'x'.repeat(i));
    const vectors = await provider.embed(texts, 'passage');
    expect(batches.slice(1).map((batch) => batch.length)).toEqual([TRANSFORMERS_BATCH_SIZE, TRANSFORMERS_BATCH_SIZE, 8]);
    expect(vectors).toHaveLength(40);
    for (const vector of vectors) expect(norm(vector)).toBeCloseTo(1, 5);
    expect(vectors[39][0]).toBeGreaterThan(vectors[1][0]);
    expect(await provider.embed([], 'query')).toEqual([]);
  });

  it('says how to fix a model that cannot be loaded, keeping the cause', async () => {
    const offline = new Error('file was not found locally');
    const failing = async (): Promise<never> => {
      throw offline;
    };
    await expect(TransformersEmbeddingProvider.create({ loader: failing })).rejects.toMatchObject({
      message: expect.stringMatching(/^TransformersEmbeddingProvider.create: cannot load model .*not found locally.*set EMBEDDINGS_MODEL_DIR/),
      cause: offline,
    });
    await expect(TransformersEmbeddingProvider.create({ loader: failing, modelDir: '/nowhere/m' })).rejects.toThrow(
      /check that \/nowhere\/m holds config.json, tokenizer.json, tokenizer_config.json and onnx\/model_quantized.onnx/,
    );
  });

  it('rejects extractor failures and malformed output', async () => {
    const { loader } = recordingLoader({ dims: (batch) => (batch[0] === 'bad' ? [batch.length, 2] : [batch.length, 3]) });
    const provider = await TransformersEmbeddingProvider.create({ loader, model: 'm' });
    await expect(provider.embed(['bad'], 'query')).rejects.toThrow(/expected 1 × 3 values, got dims \[1, 2\]/);

    const crash = new Error('session crashed');
    const crashing = await TransformersEmbeddingProvider.create({
      loader: async () => ({
        extract: async (texts: string[]) => {
          if (texts[0] !== 'Mon espace santé') throw crash;
          return { data: [1, 0], dims: [1, 2] };
        },
        dispose: async () => undefined,
      }),
      model: 'm',
    });
    await expect(crashing.embed(['x'], 'query')).rejects.toMatchObject({ message: /TransformersEmbeddingProvider.embed/, cause: crash });
  });

  it('releases the extractor on dispose', async () => {
    const recording = recordingLoader();
    const provider = await TransformersEmbeddingProvider.create({ loader: recording.loader, model: 'm' });
    await provider.dispose();
    expect(recording.isDisposed()).toBe(true);
  });
});

describe('TransformersEmbeddingProvider with a real (tiny, generated) ONNX model', () => {
  let root: string;
  let modelDir: string;
  let provider: TransformersEmbeddingProvider;

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'tiny-bert-'));
    modelDir = await writeTinyBertModel(join(root, 'tiny-bert'));
    provider = await TransformersEmbeddingProvider.create({ modelDir });
  });
  afterAll(async () => {
    await provider?.dispose();
    await rm(root, { recursive: true, force: true });
  });

  it('loads the local folder and embeds into unit vectors of the model’s width', async () => {
    expect(provider.dimension).toBe(TINY_HIDDEN_SIZE);
    expect(provider.model).toBe(modelDir);
    const vectors = await provider.embed(['Comment référencer mon service ?', 'Offre innovation de l’ANS'], 'passage');
    expect(vectors).toHaveLength(2);
    for (const vector of vectors) {
      expect(vector).toHaveLength(TINY_HIDDEN_SIZE);
      expect(norm(vector)).toBeCloseTo(1, 5);
    }
    expect(cosineSimilarity(vectors[0], vectors[1])).toBeLessThan(0.999);
  });

  it('is deterministic, whatever else is in the batch (padding is masked)', async () => {
    const text = 'Quelles données figurent dans Mon espace santé ?';
    const [alone] = await provider.embed([text], 'query');
    const [again] = await provider.embed([text], 'query');
    const [, inBatch] = await provider.embed(['Un texte nettement plus long que l’autre pour forcer du remplissage', text], 'query');
    expect(Array.from(again)).toEqual(Array.from(alone));
    for (let i = 0; i < alone.length; i++) expect(inBatch[i]).toBeCloseTo(alone[i], 5);
  });

  it('loads onnx/model.onnx instead of the quantized file when asked', async () => {
    const fp32 = await TransformersEmbeddingProvider.create({ modelDir, quantized: false });
    try {
      expect(fp32.model).toBe(`${modelDir} (fp32)`);
      const [a] = await provider.embed(['offre innovation'], 'query');
      const [b] = await fp32.embed(['offre innovation'], 'query');
      expect(cosineSimilarity(a, b)).toBeLessThan(0.999);
    } finally {
      await fp32.dispose();
    }
  });

  it('prefixes queries and passages differently when prefixes are set', async () => {
    const prefixed = await TransformersEmbeddingProvider.create({ modelDir, prefixes: E5_PREFIXES });
    try {
      const [query] = await prefixed.embed(['mon espace santé'], 'query');
      const [passage] = await prefixed.embed(['mon espace santé'], 'passage');
      const [bare] = await provider.embed(['mon espace santé'], 'passage');
      expect(cosineSimilarity(query, passage)).toBeLessThan(0.999);
      expect(cosineSimilarity(passage, bare)).toBeLessThan(0.999);
    } finally {
      await prefixed.dispose();
    }
  });

  it('fails clearly on a folder without model files', async () => {
    const empty = join(root, 'empty-model');
    await mkdir(empty);
    await expect(TransformersEmbeddingProvider.create({ modelDir: empty })).rejects.toThrow(
      /TransformersEmbeddingProvider.create: cannot load model .*empty-model.*check that .*empty-model holds config.json/,
    );
  });
});
