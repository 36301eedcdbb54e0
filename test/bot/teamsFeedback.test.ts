import { describe, expect, it } from 'vitest';
import { parseTeamsFeedback } from '../../bot/teamsFeedback.js';

describe('parseTeamsFeedback', () => {
  it('reads like / dislike and the feedback text Teams sends as a JSON string', () => {
    expect(parseTeamsFeedback({ actionName: 'feedback', actionValue: { reaction: 'like' } })).toEqual({ kind: 'vote', vote: { helpful: true } });
    expect(
      parseTeamsFeedback({ actionName: 'feedback', actionValue: { reaction: 'dislike', feedback: '{"feedbackText":" pas clair "}' } }),
    ).toEqual({ kind: 'vote', vote: { helpful: false, comment: 'pas clair' } });
  });

  it('accepts the feedback as an object or as raw text, and drops an empty text', () => {
    expect(parseTeamsFeedback({ actionName: 'feedback', actionValue: { reaction: 'like', feedback: { feedbackText: 'top' } } })).toEqual({
      kind: 'vote',
      vote: { helpful: true, comment: 'top' },
    });
    expect(parseTeamsFeedback({ actionName: 'feedback', actionValue: { reaction: 'like', feedback: 'merci' } })).toEqual({
      kind: 'vote',
      vote: { helpful: true, comment: 'merci' },
    });
    expect(parseTeamsFeedback({ actionName: 'feedback', actionValue: { reaction: 'like', feedback: '{"feedbackText":""}' } })).toEqual({
      kind: 'vote',
      vote: { helpful: true },
    });
  });

  it('tells other submit actions from malformed feedback', () => {
    expect(parseTeamsFeedback({ actionName: 'somethingElse' })).toEqual({ kind: 'notFeedback' });
    expect(parseTeamsFeedback(undefined)).toEqual({ kind: 'notFeedback' });
    expect(parseTeamsFeedback({ actionName: 'feedback', actionValue: { reaction: 'love' } })).toEqual({
      kind: 'invalid',
      reason: 'reaction is not like or dislike',
    });
    expect(parseTeamsFeedback({ actionName: 'feedback' })).toEqual({ kind: 'invalid', reason: 'actionValue is not an object' });
  });
});
