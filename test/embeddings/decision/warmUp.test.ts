import { describe, expect, it } from 'vitest';
import { answerQuestion, type Answer } from '../../../embeddings/decision/answerQuestion.js';
import { WARM_UP_TEXTS, warmUpAnswering, warmUpTexts } from '../../../embeddings/decision/warmUp.js';
import { createKbRetriever } from '../../../embeddings/fusion/createKbRetriever.js';
import { isEnglish } from '../../../embeddings/lexical/englishGlossary.js';
import { entryPhrasings } from '../../../knowledge/index.js';
import { loadRealKnowledgeBase } from '../../fixtures/kb.js';
import { FakeRetriever } from '../../fakes/FakeRetriever.js';

const summary = (answer: Answer): string =>
  `${answer.kind}|${'confidence' in answer ? answer.confidence : ''}|${answer.retrieval.ranked.map((r) => `${r.entry.id}=${r.score}/${r.match?.question}`).join(',')}`;

describe('warmUpTexts', () => {
  it('takes the KB phrasings as typed, with a typo, two in one message, as in a chat, in English, with small talk, and answers\' words', async () => {
    const kb = await loadRealKnowledgeBase();
    const texts = warmUpTexts(kb.entries);
    const phrasings = new Set(kb.entries.flatMap((entry) => entryPhrasings(entry)));
    // 17 entries are visited again and again, a different phrasing each time, until the count is reached.
    expect(texts).toHaveLength(WARM_UP_TEXTS);
    expect(new Set(texts).size).toBeGreaterThan(WARM_UP_TEXTS * 0.9);
    expect(phrasings.has(texts[0])).toBe(true);
    // A letter dropped: not a phrasing, one letter shorter.
    expect(phrasings.has(texts[1])).toBe(false);
    expect([...phrasings].some((phrasing) => phrasing.length === texts[1].length + 1)).toBe(true);
    expect(texts[2].length).toBeGreaterThan(texts[0].length);
    expect(texts[3]).toMatch(/^[a-z0-9 ]+$/u);
    expect(isEnglish(texts[4])).toBe(true);
    expect(texts[5]).toMatch(/^bonjour [a-z0-9 ]+ mercii$/u);
    expect(kb.entries.some((entry) => entry.answer.startsWith(texts[6]))).toBe(true);
    expect(warmUpTexts(kb.entries, 5)).toHaveLength(5);
  });
});

describe('warmUpAnswering', () => {
  it('answers every text after yielding to the caller, and leaves every later answer as a fresh retriever gives it', async () => {
    const kb = await loadRealKnowledgeBase();
    const [warmed, fresh] = await Promise.all([0, 1].map(async () => (await createKbRetriever({ kb, mode: 'lexical' })).retriever));
    const texts = warmUpTexts(kb.entries);
    let score = 0;
    const counting = { description: warmed.description, score: (query: string) => (score++, warmed.score(query)) };
    const running = warmUpAnswering(counting, texts);
    // Nothing was answered before the caller went on (a server's start-up is never blocked).
    expect(score).toBe(0);
    const report = await running;
    expect(report).toMatchObject({ answered: texts.length, ending: 'done' });
    expect(score).toBeGreaterThanOrEqual(texts.length);
    expect(report.cpuMs).toBeGreaterThan(0);
    expect(report.wallMs).toBeGreaterThanOrEqual(report.cpuMs / 4);
    const questions = [...texts, 'referencemnt obligatoir', 'Is listing mandatory?', 'zzz'];
    for (const question of questions) expect(summary(await answerQuestion(warmed, question)), question).toBe(summary(await answerQuestion(fresh, question)));
  });

  it('waits for idleness before each text, and stops when out of budget or aborted', async () => {
    // Texts with a subject: a lone letter is read as a message that names nothing, before any search.
    const retriever = new FakeRetriever([], []);
    let release: () => void = () => undefined;
    let idle = new Promise<void>((resolve) => (release = resolve));
    const waiting = warmUpAnswering(retriever, ['DMP ?', 'INS ?'], { idle: () => idle });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(retriever.calls).toHaveLength(0);
    release();
    expect(await waiting).toMatchObject({ answered: 2, ending: 'done' });
    expect(retriever.calls.map((call) => call.query)).toEqual(['DMP ?', 'INS ?']);

    expect(await warmUpAnswering(retriever, ['MOS ?'], { budgetMs: 0 })).toMatchObject({ answered: 0, ending: 'budget' });
    const stop = new AbortController();
    idle = Promise.resolve();
    const aborted = warmUpAnswering(retriever, ['NOS ?', 'TRE ?'], {
      idle: () => {
        if (retriever.calls.length === 3) stop.abort();
        return idle;
      },
      signal: stop.signal,
    });
    expect(await aborted).toMatchObject({ answered: 1, ending: 'aborted' });
    expect(retriever.calls.map((call) => call.query)).toEqual(['DMP ?', 'INS ?', 'NOS ?']);
  });
});
