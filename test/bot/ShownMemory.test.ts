import { describe, expect, it } from 'vitest';
import { MAX_REMEMBERED_ANSWERS, MAX_REMEMBERED_OFFERS, ShownMemory, type ShownAnswer, type ShownData } from '../../bot/ShownMemory.js';

function memory(data: ShownData = { offers: [], answers: [] }): { shown: ShownMemory; data: ShownData } {
  let last = 0;
  return { shown: new ShownMemory(data, () => (last += 1)), data };
}

function answerOf(shown: ShownMemory, answerId: string): ShownAnswer {
  const answer: ShownAnswer = {
    turn: shown.newAnswerTurn(), answerId, question: `question for ${answerId}`, score: 0.8, rank: 1, questionId: `q-${answerId}`,
    alternatives: [{ id: 'b', score: 0.5 }, { id: 'c', score: 0.4 }],
  };
  shown.rememberAnswer(answer);
  return answer;
}

describe('ShownMemory', () => {
  it('stores the next best answers after a 👎 as a reference to their answer, and reads them as the full list', () => {
    const { shown, data } = memory();
    const answer = answerOf(shown, 'a');
    const turn = shown.rememberNextBest(answer, answer.alternatives);
    expect(data.offers).toEqual([{ turn, source: 'nextBest', answerTurn: answer.turn }]);
    expect(shown.offer(turn)).toEqual({ turn, source: 'nextBest', question: 'question for a', candidates: answer.alternatives, questionId: 'q-a' });
  });

  it('stores the list in full when it is not all of the runner-ups (an entry gone from the KB)', () => {
    const { shown, data } = memory();
    const answer = answerOf(shown, 'a');
    const turn = shown.rememberNextBest(answer, [{ id: 'c', score: 0.4 }]);
    const full = { turn, source: 'nextBest', question: 'question for a', candidates: [{ id: 'c', score: 0.4 }], questionId: 'q-a' };
    expect(data.offers).toEqual([full]);
    expect(shown.offer(turn)).toEqual(full);
  });

  it('forgets a next best list with its answer, and reads lists stored in full before references existed', () => {
    const stored = { turn: 1, source: 'nextBest' as const, question: 'older', candidates: [{ id: 'b', score: 0.5 }], questionId: 'q-old' };
    const { shown, data } = memory({ offers: [stored], answers: [] });
    expect(shown.offer(1)).toEqual(stored);
    const first = answerOf(shown, 'a');
    const turn = shown.rememberNextBest(first, first.alternatives);
    for (let i = 0; i < MAX_REMEMBERED_ANSWERS; i++) answerOf(shown, `e${i}`);
    expect(shown.answerAt(first.turn)).toBeUndefined();
    expect(shown.offer(turn)).toBeUndefined();
    expect(data.offers).toEqual([stored]);
  });

  it('remembers at most MAX_REMEMBERED_ANSWERS answers and MAX_REMEMBERED_OFFERS lists, the latest ones', () => {
    const { shown, data } = memory();
    const answers = Array.from({ length: 3 * MAX_REMEMBERED_ANSWERS }, (_, i) => answerOf(shown, `e${i}`));
    const offers = Array.from({ length: 3 * MAX_REMEMBERED_OFFERS }, (_, i) => shown.rememberOffer({ source: 'clarify', question: `q${i}`, candidates: [{ id: 'a' }] }));
    expect(data.answers.map((answer) => answer.answerId)).toEqual(answers.slice(-MAX_REMEMBERED_ANSWERS).map((answer) => answer.answerId));
    expect(data.offers.map((offer) => offer.turn)).toEqual(offers.slice(-MAX_REMEMBERED_OFFERS));
    expect(shown.answerAt(answers[answers.length - MAX_REMEMBERED_ANSWERS - 1].turn)).toBeUndefined();
    expect(shown.offer(offers[offers.length - MAX_REMEMBERED_OFFERS - 1])).toBeUndefined();
  });
});
