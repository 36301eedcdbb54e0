import { describe, expect, it } from 'vitest';
import { answerQuestion, FACET_OVERRIDE_MARGIN, MAX_NEXT_BEST, SEARCH_K } from '../../../embeddings/decision/answerQuestion.js';
import type { QueryScores, Retriever } from '../../../embeddings/Retriever.js';
import { createKbRetriever } from '../../../embeddings/index.js';
import { withAskedFiles, type FaqEntry } from '../../../knowledge/index.js';
import { FakeRetriever } from '../../fakes/FakeRetriever.js';
import { loadFixtureKnowledgeBase } from '../../fixtures/kb.js';

function entry(id: string, offer: string): FaqEntry {
  return { id, question: `Question ${id} ?`, alternates: [], answer: `Réponse ${id}.`, offer, theme: 'presentation', links: [], source: { file: 't.yaml', line: 1 } };
}

/** A question with a subject (a single letter such as « q » would be read as a message that names nothing). */
const Q = 'Le MOS est-il obligatoire ?';

const ENTRIES = [entry('mes-a', 'mon-espace-sante'), entry('mes-b', 'mon-espace-sante'), entry('mos-a', 'mos-nos'), entry('mos-b', 'mos-nos'), entry('inno', 'innovation')];

describe('answerQuestion', () => {
  it('without facets, ranks once over the whole FAQ and answers with the runner-ups as next best', async () => {
    const fake = new FakeRetriever(ENTRIES, [{ query: Q, ranked: { 'mes-a': 0.9, 'mes-b': 0.3, 'mos-a': 0.2, 'mos-b': 0.1, inno: 0.05 } }]);
    const answer = await answerQuestion(fake, Q);
    expect(fake.calls).toEqual([{ query: Q, k: SEARCH_K }]);
    expect(answer).toMatchObject({ kind: 'answer', question: Q, relaxed: false, rank: 1 });
    if (answer.kind !== 'answer') throw new Error('expected an answer');
    expect(answer.best.entry.id).toBe('mes-a');
    expect(answer.alternatives.map((r) => r.entry.id)).toEqual(['mes-b', 'mos-a', 'mos-b'].slice(0, MAX_NEXT_BEST));
    expect(answer.retrieval.ranked).toHaveLength(SEARCH_K);
  });

  it('keeps the decision inside the facets when it is usable and nothing outside is clearly better', async () => {
    const fake = new FakeRetriever(ENTRIES, [{ query: Q, ranked: { 'mos-a': 0.8, 'mes-a': 0.8 + FACET_OVERRIDE_MARGIN / 2 } }]);
    const answer = await answerQuestion(fake, Q, { offer: 'mos-nos' });
    expect(fake.calls.map((call) => call.filter ?? null)).toEqual([{ offer: 'mos-nos' }, null]);
    expect(answer).toMatchObject({ kind: 'answer', relaxed: false, best: { entry: { id: 'mos-a' } } });
  });

  it('sets the facets aside when an entry outside them is better by the margin', async () => {
    const fake = new FakeRetriever(ENTRIES, [{ query: Q, ranked: { 'mos-a': 0.5, 'mes-a': 0.5 + 2 * FACET_OVERRIDE_MARGIN } }]);
    expect(await answerQuestion(fake, Q, { offer: 'mos-nos' })).toMatchObject({ kind: 'answer', relaxed: true, best: { entry: { id: 'mes-a' } } });
  });

  it('sets the facets aside when nothing inside them is usable, but not when nothing outside is either', async () => {
    const fake = new FakeRetriever(ENTRIES, [
      { query: 'elsewhere', ranked: { 'mes-a': 0.9 } },
      { query: 'nowhere', ranked: { 'mes-a': 0.05 } },
    ]);
    expect(await answerQuestion(fake, 'elsewhere', { offer: 'innovation' })).toMatchObject({ kind: 'answer', relaxed: true });
    const none = await answerQuestion(fake, 'nowhere', { offer: 'innovation' });
    expect(none).toMatchObject({ kind: 'none', relaxed: false, nearby: [] });
    expect(none.retrieval.ranked).toEqual([]);
  });

  it('scores the question once, however many rankings the facets need', async () => {
    let scored = 0;
    const fake = new FakeRetriever(ENTRIES, [{ query: Q, ranked: { 'mos-a': 0.9 } }]);
    const counting: Retriever = {
      description: 'counting',
      score: (query: string): Promise<QueryScores> => {
        scored += 1;
        return fake.score(query);
      },
    };
    await answerQuestion(counting, Q, { offer: 'mos-nos' });
    expect(scored).toBe(1);
    expect(fake.calls).toHaveLength(2);
  });

  it('lets a retrieval failure propagate', async () => {
    const broken: Retriever = { description: 'broken', score: () => Promise.reject(new Error('HybridRetriever.score: boom')) };
    await expect(answerQuestion(broken, Q)).rejects.toThrow(/boom/);
  });
});

describe('answerQuestion: small talk beside the questions vendors asked', () => {
  const HUMAN = 'Je voudrais parler à un conseiller humain svp';

  it('checks the words beside small talk against the FAQ’s own texts, not the chatter of asked questions', async () => {
    const kb = await loadFixtureKnowledgeBase();
    const asked = withAskedFiles(kb, [
      { file: 'asked/a.yaml', inScope: [{ q: 'Notre conseiller humain en ressources humaines voudrait comprendre le MOS', id: 'mos-definition' }], outOfScope: [], smallTalk: [] },
    ]);
    const { retriever } = await createKbRetriever({ kb: asked, mode: 'lexical' });
    // The asked question makes « conseiller » and « humain » words of the KB's index…
    expect((await retriever.score('conseiller humain')).rank({ k: 1 }).evidence?.coverage).toBeGreaterThan(0);
    // …but not of the FAQ's own texts, which small talk is confirmed against.
    expect((await retriever.score('conseiller humain')).ownEvidence?.().coverage).toBe(0);
    expect(await answerQuestion(retriever, HUMAN)).toMatchObject({ kind: 'smallTalk', talk: 'human' });
  });

  it('gives no separate evidence when the KB has no asked question', async () => {
    const { retriever } = await createKbRetriever({ kb: await loadFixtureKnowledgeBase(), mode: 'lexical' });
    expect((await retriever.score(HUMAN)).ownEvidence).toBeUndefined();
    expect(await answerQuestion(retriever, HUMAN)).toMatchObject({ kind: 'smallTalk', talk: 'human' });
  });
});
