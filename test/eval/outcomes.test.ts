import { describe, expect, it } from 'vitest';
import { byKind, inScopeOutcomes, rejection, smallTalkOutcomes, type InScopeRecord } from './outcomes.js';

describe('eval outcomes', () => {
  it('counts answered right (direct or first candidate), one click, confidently wrong and top-1', () => {
    const records: InScopeRecord[] = [
      { expectedId: 'a', decision: 'answer', firstId: 'a', shownIds: [], topId: 'a', kind: 'paraphrase' },
      { expectedId: 'a', decision: 'clarify', firstId: 'a', shownIds: ['a', 'b'], topId: 'a', kind: 'long' },
      // Second candidate: one click away, not answered right.
      { expectedId: 'b', decision: 'clarify', firstId: 'a', shownIds: ['a', 'b'], topId: 'a', kind: 'long' },
      // Declined, but shown among the nearby questions.
      { expectedId: 'c', decision: 'none', shownIds: ['c'], topId: 'c', kind: 'typo' },
      // A direct wrong answer.
      { expectedId: 'd', decision: 'answer', firstId: 'a', shownIds: [], topId: 'a', kind: 'typo' },
    ];
    expect(inScopeOutcomes(records)).toEqual({ n: 5, answeredRight: 2 / 5, oneClick: 4 / 5, confidentlyWrong: 1 / 5, top1: 3 / 5 });
    // A declined question whose entry ranked first is not "answered right".
    expect(inScopeOutcomes([{ expectedId: 'a', decision: 'none', firstId: 'a', shownIds: [], topId: 'a' }]).answeredRight).toBe(0);
    expect(byKind(records, ['paraphrase', 'typo', 'long', 'english']).map(([kind, group]) => [kind, group.length])).toEqual([
      ['all', 5],
      ['paraphrase', 1],
      ['typo', 2],
      ['long', 2],
    ]);
  });

  it('counts out-of-scope rejections and small talk replies', () => {
    expect(rejection([{ decision: 'none', shownIds: ['a'] }, { decision: 'clarify', shownIds: ['a'] }, { decision: 'none', shownIds: [] }])).toEqual({ n: 3, rejected: 2 / 3 });
    expect(rejection([])).toEqual({ n: 0, rejected: 0 });
    expect(smallTalkOutcomes([{ decision: 'smallTalk', shownIds: [] }, { decision: 'none', shownIds: [] }, { decision: 'answer', firstId: 'a', shownIds: [] }])).toEqual({
      n: 3,
      handled: 1,
      storedAsUnanswered: 1,
    });
  });
});
