import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cosineSimilarity } from '../../../embeddings/dense/exactSearch.js';
import { USE_LITE_DIMENSION, UseEmbeddingProvider, type UseModel } from '../../../embeddings/dense/UseEmbeddingProvider.js';

function norm(vector: Float32Array): number {
  return Math.sqrt(vector.reduce((sum, value) => sum + value * value, 0));
}

/** A scripted model: returns `dimension`-long vectors whose first value is the text length. */
function scriptedModel(options: { dimension?: number; dropEmpty?: boolean; fail?: Error } = {}): UseModel & { calls: string[][] } {
  const calls: string[][] = [];
  return {
    calls,
    async embed(texts: string[]): Promise<number[][]> {
      calls.push(texts);
      if (options.fail) throw options.fail;
      const kept = options.dropEmpty ? texts.filter((text) => text.length > 0) : texts;
      return kept.map((text) => Array.from({ length: options.dimension ?? USE_LITE_DIMENSION }, (_, i) => (i === 0 ? text.length + 1 : 1)));
    },
  };
}

describe('UseEmbeddingProvider with a scripted model', () => {
  it('normalises vectors, warms up once, and names the model', async () => {
    const model = scriptedModel();
    const provider = await UseEmbeddingProvider.create({ loader: async () => ({ model, modelId: 'scripted@1' }) });
    expect(model.calls).toHaveLength(1);
    const [vector] = await provider.embed(['abc'], 'query');
    expect(norm(vector)).toBeCloseTo(1, 5);
    expect(vector[0]).toBeGreaterThan(vector[1]);
    expect([provider.name, provider.model, provider.dimension]).toEqual(['use-lite', 'scripted@1', 512]);
  });

  it('sends a blank instead of an empty string so the model keeps one row per text', async () => {
    const model = scriptedModel({ dropEmpty: true });
    const provider = await UseEmbeddingProvider.create({ loader: async () => ({ model, modelId: 'x' }), warmUp: false });
    const vectors = await provider.embed(['a', '', 'b'], 'passage');
    expect(vectors).toHaveLength(3);
    expect(model.calls[0]).toEqual(['a', ' ', 'b']);
    expect(await provider.embed([], 'query')).toEqual([]);
    expect(model.calls).toHaveLength(1);
  });

  it('throws with the method name and cause when loading or embedding fails', async () => {
    const broken = new Error('wasm missing');
    const loadError = await UseEmbeddingProvider.create({
      loader: async () => {
        throw broken;
      },
    }).catch((error: unknown) => error);
    expect(loadError).toBeInstanceOf(Error);
    expect((loadError as Error).message).toMatch(/UseEmbeddingProvider.create: .*wasm missing.*EMBEDDINGS_PROVIDER=transformers/);
    expect((loadError as Error).cause).toBe(broken);

    const provider = await UseEmbeddingProvider.create({
      loader: async () => ({ model: scriptedModel({ fail: broken }), modelId: 'x' }),
      warmUp: false,
    });
    await expect(provider.embed(['a'], 'query')).rejects.toMatchObject({ message: /UseEmbeddingProvider.embed/, cause: broken });
  });

  it('rejects output of the wrong shape', async () => {
    const provider = await UseEmbeddingProvider.create({
      loader: async () => ({ model: scriptedModel({ dimension: 3 }), modelId: 'x' }),
      warmUp: false,
    });
    await expect(provider.embed(['a'], 'query')).rejects.toThrow(/expected 1 vector\(s\) of 512 values, got 1 of 3/);
  });
});

describe('UseEmbeddingProvider with the real offline model', () => {
  let provider: UseEmbeddingProvider;
  beforeAll(async () => {
    provider = await UseEmbeddingProvider.create();
  });
  afterAll(async () => {
    await provider.dispose();
  });

  it('loads from the installed package and embeds French text into unit 512-d vectors', async () => {
    expect(provider.model).toMatch(/^@energetic-ai\/model-embeddings-en@\d/);
    const texts = ['Comment référencer mon application dans Mon espace santé ?', 'Qu’est-ce que le MOS ?', ''];
    const vectors = await provider.embed(texts, 'passage');
    expect(vectors).toHaveLength(texts.length);
    for (const vector of vectors) {
      expect(vector).toHaveLength(USE_LITE_DIMENSION);
      expect(norm(vector)).toBeCloseTo(1, 4);
    }
    const [again] = await provider.embed([texts[0]], 'query');
    expect(cosineSimilarity(again, vectors[0])).toBeCloseTo(1, 5);
    expect(cosineSimilarity(vectors[0], vectors[1])).toBeLessThan(0.99);
  });

  it('finds the matching passage of the agency’s text for each question', async () => {
    const questions = ['Quelles données sont dans Mon espace santé ?', 'Comment contacter l’équipe innovation ?', 'Qu’est-ce que le MOS ?'];
    const passages = [
      'Les données qui figurent dans Mon espace de santé sont les suivantes',
      'vous pouvez nous contacter à l’adresse innovation@esante.gouv.fr',
      'un vocabulaire de base, tel que le MOS et les NOS',
    ];
    const queryVectors = await provider.embed(questions, 'query');
    const passageVectors = await provider.embed(passages, 'passage');
    const nearest = queryVectors.map((query) => {
      const similarities = passageVectors.map((passage) => cosineSimilarity(query, passage));
      return similarities.indexOf(Math.max(...similarities));
    });
    expect(nearest).toEqual([0, 1, 2]);
  });
});
