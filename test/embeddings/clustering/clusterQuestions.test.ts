import { beforeAll, describe, expect, it } from 'vitest';
import { clusterQuestions, clusterUnanswered, createKbRetriever, kbDocuments, type QuestionCluster, type QuestionSample, type Retriever } from '../../../embeddings/index.js';
import { createFrenchAnalyzer, type TextAnalyzer } from '../../../embeddings/lexical/frenchAnalyzer.js';
import { loadKnowledgeBase, type KnowledgeBase } from '../../../knowledge/index.js';
import { FakeRetriever } from '../../fakes/FakeRetriever.js';
import { REAL_KB_DIR } from '../../fixtures/kb.js';
import { CONFUSABLE_TOPICS, UNANSWERED_TOPICS } from './unansweredQuestions.js';

let kb: KnowledgeBase;
let analyzer: TextAnalyzer;
let retriever: Retriever;
let background: string[];
beforeAll(async () => {
  kb = await loadKnowledgeBase(REAL_KB_DIR);
  analyzer = createFrenchAnalyzer(kb.synonyms);
  background = kbDocuments(kb.entries).map((document) => document.text);
  retriever = (await createKbRetriever({ kb, mode: 'lexical' })).retriever;
});

type Topics = Readonly<Record<string, readonly (readonly [string, number])[]>>;
const samplesOf = (topics: Topics): QuestionSample[] =>
  Object.entries(topics).flatMap(([topic, questions]) => questions.map(([text, count], index) => ({ id: `${topic}-${index}`, text, count })));
const topicOf = (id: string): string => id.replace(/-\d+$/, '');
const ids = (clusters: readonly QuestionCluster[]): string[][] => clusters.map((cluster) => cluster.members.map((member) => member.id));

/** A deterministic shuffle (linear congruential), so the order-independence test is reproducible. */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  const copy = [...items];
  let state = seed;
  for (let i = copy.length - 1; i > 0; i -= 1) {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    const j = state % (i + 1);
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
}

describe('clusterQuestions', () => {
  it('never mixes two subjects, even when they share the KB’s words', () => {
    const clusters = clusterQuestions(samplesOf({ ...UNANSWERED_TOPICS, ...CONFUSABLE_TOPICS }), analyzer, { background });
    for (const members of ids(clusters)) expect(new Set(members.map(topicOf)), members.join(', ')).toHaveProperty('size', 1);
  });

  it('groups the paraphrases of a subject despite accents, elisions, synonyms (MES) and inflections', () => {
    const clusters = ids(clusterQuestions(samplesOf({ ...UNANSWERED_TOPICS, ...CONFUSABLE_TOPICS }), analyzer, { background }));
    const whole = ['hds', 'proSanteConnect', 'ins', 'mesDelai', 'segurFinancement', 'support', 'appelAProjets', 'dmp', 'mssante', 'rgpd', 'logo', 'api'];
    for (const topic of whole) {
      const holding = clusters.filter((members) => members.some((id) => topicOf(id) === topic));
      expect(holding, topic).toHaveLength(1);
    }
    // « Les services payants sont-ils acceptés au catalogue… » shares one word with its topic: two clusters at most.
    expect(clusters.filter((members) => members.some((id) => topicOf(id) === 'mesPayant')).length).toBeLessThanOrEqual(2);
  });

  it('counts questions, orders clusters and members by how often they were asked', () => {
    const clusters = clusterQuestions(samplesOf(UNANSWERED_TOPICS), analyzer, { background });
    const hds = clusters.find((cluster) => cluster.members.some((member) => member.id === 'hds-0'));
    expect(hds).toMatchObject({ count: 8, key: 'faut-il etre certifie hds pour heberger des donnees de sante?' });
    expect(hds?.members.map((member) => member.count)).toEqual([4, 2, 1, 1]);
    expect(clusters[0]).toBe(hds);
    const counts = clusters.map((cluster) => cluster.count);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    expect(clusters.reduce((sum, cluster) => sum + cluster.count, 0)).toBe(samplesOf(UNANSWERED_TOPICS).reduce((sum, s) => sum + (s.count ?? 1), 0));
  });

  it('gives the same clusters whatever the input order', () => {
    const samples = samplesOf({ ...UNANSWERED_TOPICS, ...CONFUSABLE_TOPICS });
    const expected = clusterQuestions(samples, analyzer, { background });
    for (const seed of [1, 7, 42]) expect(clusterQuestions(shuffled(samples, seed), analyzer, { background })).toEqual(expected);
    expect(clusterQuestions([...samples].reverse(), analyzer, { background })).toEqual(expected);
  });

  it('merges identical texts (case, accents, spaces) under the smallest id, and keeps wordless texts apart', () => {
    const clusters = clusterQuestions(
      [
        { id: 'b', text: 'Délai de référencement MES ?', count: 2 },
        { id: 'a', text: '  delai de REFERENCEMENT mes ? ' },
        { id: 'c', text: '???' },
        { id: 'd', text: '!!!' },
      ],
      analyzer,
    );
    expect(clusters.map((cluster) => [cluster.count, cluster.members])).toEqual([
      [3, [{ id: 'a', text: 'delai de REFERENCEMENT mes ?', count: 3 }]],
      [1, [{ id: 'd', text: '!!!', count: 1 }]],
      [1, [{ id: 'c', text: '???', count: 1 }]],
    ]);
  });

  it('rejects a count that is not a positive integer', () => {
    expect(() => clusterQuestions([{ id: 'x', text: 'Question ?', count: 0 }], analyzer)).toThrow('count of "x" must be a positive integer (got 0)');
  });
});

describe('clusterUnanswered', () => {
  it('names the nearest entry of each cluster with the bot’s own retriever', async () => {
    const clusters = await clusterUnanswered(samplesOf(UNANSWERED_TOPICS), { retriever, kb });
    const payant = clusters.find((cluster) => cluster.members.some((member) => member.id === 'mesPayant-0'));
    expect(payant?.nearest).toMatchObject({ entryId: 'mes-referencement-eligibilite', question: kb.entries.find((e) => e.id === 'mes-referencement-eligibilite')?.question });
    expect(payant?.nearest?.score).toBeGreaterThan(0.5);
    // A subject no entry covers: at most a weak nearest entry (the questions vendors asked bring words such as
    // « abonnement » into the KB's phrasings, so « le prix de l’abonnement » is no longer entirely unknown).
    const prix = clusters.find((cluster) => cluster.members.some((member) => member.id === 'prix-0'));
    expect(prix).toBeDefined();
    expect(prix?.nearest?.score ?? 0).toBeLessThan(0.25);
  });

  it('weights members by count, breaks ties by entry id, and scores only the clusters asked for', async () => {
    const [first, second] = kb.entries;
    const fake = new FakeRetriever(kb.entries, [
      { contains: 'rare', ranked: { [first.id]: 0.9 } },
      { contains: 'frequent', ranked: { [second.id]: 0.6, [first.id]: 0.1 } },
    ]);
    const samples = [
      { id: 'q1', text: 'question rare sur le référencement', count: 1 },
      { id: 'q2', text: 'question frequent sur le référencement', count: 3 },
      { id: 'q3', text: 'tout autre chose : horaires', count: 1 },
    ];
    const clusters = await clusterUnanswered(samples, { analyzer, retriever: fake, kb }, { limit: 1 });
    expect(clusters).toHaveLength(1);
    expect(clusters[0].members.map((member) => member.id)).toEqual(['q2', 'q1']);
    // second: 0.6 × 3 = 1.8; first: 0.9 × 1 + 0.1 × 3 = 1.2; averaged over the 4 questions.
    expect(clusters[0].nearest).toMatchObject({ entryId: second.id, question: second.question });
    expect(clusters[0].nearest?.score).toBeCloseTo(1.8 / 4, 12);
    expect(new Set(fake.calls.map((call) => call.query))).toEqual(new Set(['question rare sur le référencement', 'question frequent sur le référencement']));
  });
});
