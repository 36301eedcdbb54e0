import { isRecord } from '../knowledge/index.js';
import { boundComment } from './userInput.js';

/** Name of the invoke Teams sends when a user clicks its native 👍 / 👎 on a bot message. */
export const SUBMIT_ACTION_INVOKE = 'message/submitAction';

/** The `channelData` that turns on Teams' native feedback buttons on a message. */
export const TEAMS_FEEDBACK_LOOP = { feedbackLoop: { type: 'default' } } as const;

/** A native Teams vote: the reaction and the optional text typed in Teams' feedback form. */
export interface TeamsVote {
  readonly helpful: boolean;
  readonly comment?: string;
}

/** Result of reading a `message/submitAction` value: a vote, another submit action, or malformed feedback with the reason. */
export type TeamsFeedbackParse =
  | { readonly kind: 'vote'; readonly vote: TeamsVote }
  | { readonly kind: 'notFeedback' }
  | { readonly kind: 'invalid'; readonly reason: string };

/**
 * Reads a `message/submitAction` invoke value:
 * `{ actionName: 'feedback', actionValue: { reaction: 'like'|'dislike', feedback?: '{"feedbackText":"…"}' } }`.
 * `feedback` is a JSON string in practice; an object is accepted too (the SDKs type it as either).
 */
export function parseTeamsFeedback(value: unknown): TeamsFeedbackParse {
  if (!isRecord(value) || value.actionName !== 'feedback') return { kind: 'notFeedback' };
  const actionValue = value.actionValue;
  if (!isRecord(actionValue)) return { kind: 'invalid', reason: 'actionValue is not an object' };
  const reaction = actionValue.reaction;
  if (reaction !== 'like' && reaction !== 'dislike') return { kind: 'invalid', reason: 'reaction is not like or dislike' };
  const comment = feedbackText(actionValue.feedback);
  return { kind: 'vote', vote: { helpful: reaction === 'like', ...(comment && { comment }) } };
}

function feedbackText(feedback: unknown): string | undefined {
  let form: unknown = feedback;
  if (typeof feedback === 'string') {
    try {
      form = JSON.parse(feedback);
    } catch {
      // Not JSON: Teams sent the text itself; keep it as the comment.
      form = { feedbackText: feedback };
    }
  }
  if (!isRecord(form) || typeof form.feedbackText !== 'string') return undefined;
  const text = boundComment(form.feedbackText);
  return text === '' ? undefined : text;
}
