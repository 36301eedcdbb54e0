import { describe, expect, it } from 'vitest';
import type { FaqEntry } from '../../../knowledge/index.js';
import { HybridRetriever, type VectorLabel } from '../../../embeddings/fusion/HybridRetriever.js';
import { createFrenchAnalyzer } from '../../../embeddings/lexical/frenchAnalyzer.js';
import type { Retrieval, RetrieveOptions } from '../../../embeddings/Retriever.js';
import { FakeEmbeddingProvider } from '../../fakes/FakeEmbeddingProvider.js';
import { InMemoryVectorIndex } from '../../fakes/InMemoryVectorIndex.js';

function entry(id: string, question: string, facets: Partial<FaqEntry> = {}): FaqEntry {
  return {
    id,
    question,
    alternates: [],
    answer: `Réponse de ${id}.`,
    offer: 'mon-espace-sante',
    theme: 'presentation',
    links: [],
    source: { file: 'test.yaml', line: 1 },
    ...facets,
  };
}

const ENTRIES: FaqEntry[] = [
  entry('obligatoire', 'Le référencement au catalogue est-il obligatoire ?', { theme: 'procedure', product: 'catalogue-de-services' }),
  entry('donnees', 'Quelles données figurent dans Mon espace santé ?', { theme: 'donnees', product: 'dossier-medical' }),
  entry('mos', 'Qu’est-ce que le MOS ?', { offer: 'mos-nos' }),
  entry('general', 'Quelles sont les fonctionnalités de Mon espace santé ?'),
];
const analyzer = createFrenchAnalyzer([{ canonical: 'mon espace santé', terms: ['MES'] }]);

/** Scores `query` and ranks it once (what `answerQuestion` does per ranking). */
async function retrieve(retriever: HybridRetriever, query: string, options?: RetrieveOptions): Promise<Retrieval> {
  return (await retriever.score(query)).rank(options);
}

async function denseRetriever(weights?: { dense: number; lexical: number }): Promise<HybridRetriever> {
  const provider = new FakeEmbeddingProvider();
  const index = new InMemoryVectorIndex(provider.dimension);
  const labels: VectorLabel[] = [];
  const texts = ENTRIES.map((e) => e.question);
  const vectors = await provider.embed(texts, 'passage');
  vectors.forEach((vector, i) => {
    index.add(i, vector);
    labels.push({ entryId: ENTRIES[i].id, kind: 'question' });
  });
  return HybridRetriever.create({ entries: ENTRIES, analyzer, dense: { provider, index, labels }, weights });
}

describe('HybridRetriever', () => {
  it('ranks the entry whose phrasing matches, lexical only', async () => {
    const retriever = HybridRetriever.create({ entries: ENTRIES, analyzer });
    const { ranked } = await retrieve(retriever, 'est ce obligatoire le referencement ?');
    expect(retriever.description).toBe('lexical');
    expect(ranked[0].entry.id).toBe('obligatoire');
    expect(ranked[0].score).toBeGreaterThan(0);
    expect(ranked[0].score).toBeLessThanOrEqual(1);
  });

  it('caps the confidence at 1 but orders capped entries by their uncapped score, not by id', async () => {
    const entries = [
      entry('a-comite', 'Qui valide les évolutions du MOS au comité de validation mensuel ?', {
        answer: 'Le comité de validation du MOS se réunit chaque mois pour le MOS.',
      }),
      entry('b-definition', 'Le MOS ?', { answer: 'Le MOS est un ensemble de concepts.' }),
      entry('c-dossier', 'Quelles données dans le dossier médical partagé et la messagerie sécurisée ?', {
        answer: 'Les documents du dossier médical partagé, la messagerie sécurisée, l’agenda et le catalogue de services.',
      }),
      entry('d-innovation', 'Comment collaborer avec l’équipe innovation de l’agence ?', {
        answer: 'En écrivant à l’équipe innovation, qui publie une newsletter mensuelle sur les sujets de collaboration.',
      }),
    ];
    const { ranked } = await retrieve(HybridRetriever.create({ entries, analyzer }), 'MOS');
    expect(ranked.map((r) => [r.entry.id, r.score])).toEqual([
      ['b-definition', 1],
      ['a-comite', 1],
    ]);
    expect(ranked[0].lexical).toBeGreaterThan(ranked[1].lexical ?? Infinity);
  });

  it('folds acronyms through the analyser (MES = Mon espace santé)', async () => {
    const retriever = HybridRetriever.create({ entries: ENTRIES, analyzer });
    const { ranked } = await retrieve(retriever, 'quelles donnees dans MES');
    expect(ranked[0].entry.id).toBe('donnees');
  });

  it('restricts to entries matching the facets, a missing facet matching every value', async () => {
    const retriever = HybridRetriever.create({ entries: ENTRIES, analyzer });
    const { ranked } = await retrieve(retriever, 'mon espace santé', { filter: { product: 'dossier-medical' } });
    expect(ranked.map((r) => r.entry.id).sort()).toEqual(['donnees', 'general']);
  });

  it('returns nothing for an empty query or a branch without entries', async () => {
    const retriever = HybridRetriever.create({ entries: ENTRIES, analyzer });
    expect((await retrieve(retriever, '   ')).ranked).toEqual([]);
    expect((await retrieve(retriever, 'MOS', { filter: { offer: 'segur' } })).ranked).toEqual([]);
  });

  it('fuses dense and lexical scores in [0, 1] and names its mode', async () => {
    const retriever = await denseRetriever();
    expect(retriever.description).toBe('hybrid(fake:fake-trigram-64)');
    const { ranked } = await retrieve(retriever, 'Qu’est-ce que le MOS ?');
    expect(ranked[0].entry.id).toBe('mos');
    expect(ranked[0].dense).toBeGreaterThan(0.5);
    for (const r of ranked) {
      expect(r.score).toBeGreaterThanOrEqual(0);
      expect(r.score).toBeLessThanOrEqual(1);
    }
  });

  it('runs dense only when the lexical weight is zero', async () => {
    const retriever = await denseRetriever({ dense: 1, lexical: 0 });
    expect(retriever.description).toMatch(/^dense\(/);
    const { ranked } = await retrieve(retriever, 'Quelles sont les fonctionnalités de Mon espace santé ?');
    expect(ranked[0].entry.id).toBe('general');
    expect(ranked.every((r) => r.lexical === 0)).toBe(true);
  });

  it('refuses a dense weight without a dense component', () => {
    expect(() => HybridRetriever.create({ entries: ENTRIES, analyzer, weights: { dense: 0.5, lexical: 0.5 } })).toThrow(/dense/);
  });

  it('wraps embedding failures with the method name and cause', async () => {
    const provider = new FakeEmbeddingProvider();
    const failing = { ...provider, name: 'broken', model: 'x', dimension: provider.dimension, embed: async () => { throw new Error('boom'); } };
    const retriever = HybridRetriever.create({
      entries: ENTRIES,
      analyzer,
      dense: { provider: failing, index: new InMemoryVectorIndex(provider.dimension), labels: [] },
    });
    await expect(retriever.score('MOS')).rejects.toThrow(/HybridRetriever\.score.*broken/);
  });

  it('embeds a query once however many facet restrictions rank it, each the whole ranking restricted to the facets', async () => {
    const provider = new FakeEmbeddingProvider();
    const index = new InMemoryVectorIndex(provider.dimension);
    const vectors = await provider.embed(ENTRIES.map((e) => e.question), 'passage');
    vectors.forEach((vector, i) => index.add(i, vector));
    const labels = ENTRIES.map((e) => ({ entryId: e.id, kind: 'question' as const }));
    const retriever = HybridRetriever.create({ entries: ENTRIES, analyzer, dense: { provider, index, labels } });
    const before = provider.embedCalls;
    const scores = await retriever.score('Quelles données dans Mon espace santé ?');
    const inside = scores.rank({ filter: { product: 'dossier-medical' } });
    const whole = scores.rank({ k: ENTRIES.length });
    expect(provider.embedCalls - before).toBe(1);
    expect(inside.ranked.length).toBeGreaterThan(0);
    expect(inside.ranked).toEqual(whole.ranked.filter((r) => r.entry.product === undefined || r.entry.product === 'dossier-medical'));
  });

  it('keeps nothing from a failed query embedding: the next question embeds again', async () => {
    const provider = new FakeEmbeddingProvider();
    let failures = 1;
    const flaky = {
      name: 'flaky', model: 'x', dimension: provider.dimension,
      embed: async (texts: readonly string[], kind: 'query' | 'passage') => {
        if (failures-- > 0) throw new Error('busy');
        return provider.embed(texts, kind);
      },
    };
    const retriever = HybridRetriever.create({ entries: ENTRIES, analyzer, dense: { provider: flaky, index: new InMemoryVectorIndex(provider.dimension), labels: [] } });
    await expect(retriever.score('MOS')).rejects.toThrow(/flaky/);
    await expect(retrieve(retriever, 'MOS')).resolves.toMatchObject({ query: 'MOS' });
  });
});
