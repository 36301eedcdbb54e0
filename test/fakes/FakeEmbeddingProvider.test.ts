import { describe, expect, it } from 'vitest';
import { cosineSimilarity } from '../../embeddings/index.js';
import { FAKE_DIMENSION, FakeEmbeddingProvider } from './FakeEmbeddingProvider.js';

function norm(vector: Float32Array): number {
  return Math.sqrt(vector.reduce((sum, value) => sum + value * value, 0));
}

describe('FakeEmbeddingProvider', () => {
  it('returns one unit vector of the declared dimension per text', async () => {
    const provider = new FakeEmbeddingProvider();
    const vectors = await provider.embed(['Mon espace santé', 'Offre innovation', ''], 'passage');
    expect(provider.dimension).toBe(FAKE_DIMENSION);
    expect(vectors).toHaveLength(3);
    for (const vector of vectors) {
      expect(vector).toHaveLength(FAKE_DIMENSION);
      expect(norm(vector)).toBeCloseTo(1, 5);
    }
  });

  it('is deterministic across instances', async () => {
    const [a] = await new FakeEmbeddingProvider().embed(['référencement des services'], 'query');
    const [b] = await new FakeEmbeddingProvider().embed(['référencement des services'], 'passage');
    expect(Array.from(a)).toEqual(Array.from(b));
  });

  it('puts similar strings nearer than unrelated ones, ignoring accents and case', async () => {
    const provider = new FakeEmbeddingProvider();
    const [base, accentless, close, far] = await provider.embed(
      ['Référencement Mon espace santé', 'REFERENCEMENT mon espace sante', 'référencement dans mon espace de santé', 'contacter l’équipe innovation'],
      'query',
    );
    expect(cosineSimilarity(base, accentless)).toBeCloseTo(1, 5);
    expect(cosineSimilarity(base, close)).toBeGreaterThan(cosineSimilarity(base, far) + 0.2);
  });

  it('counts calls and records texts', async () => {
    const provider = new FakeEmbeddingProvider({ dimension: 16, name: 'fake-b', model: 'm' });
    await provider.embed(['a', 'b'], 'passage');
    await provider.embed(['c'], 'query');
    expect(provider.embedCalls).toBe(2);
    expect(provider.embeddedTexts).toEqual(['a', 'b', 'c']);
    expect([provider.name, provider.model, provider.dimension]).toEqual(['fake-b', 'm', 16]);
  });

  it('rejects a useless dimension', () => {
    expect(() => new FakeEmbeddingProvider({ dimension: 1 })).toThrow(/dimension/);
  });
});
