import type { Activity } from 'botbuilder';
import type { ShownAnswer } from './conversationData.js';
import type { FeedbackRecord } from './FeedbackStore.js';
import type { IdHasher } from './hashId.js';

/** The fields every stored record shares: when, where, who (hashed), which KB. */
export type RecordBase = Pick<FeedbackRecord, 'time' | 'channel' | 'userHash' | 'conversationHash' | 'kbVersion'>;

export function recordBase(activity: Partial<Activity>, hashId: IdHasher, kbVersion: string, now: Date): RecordBase {
  return {
    time: now.toISOString(),
    channel: activity.channelId ?? 'unknown',
    userHash: hashId(activity.from?.id ?? 'unknown'),
    conversationHash: hashId(activity.conversation?.id ?? 'unknown'),
    kbVersion,
  };
}

/**
 * Identifies one vote: the same answer shown once in one conversation. Card
 * buttons and Teams' native feedback on that answer share the key, so the last
 * choice replaces the earlier one.
 */
export function voteKeyFor(hashId: IdHasher, conversationId: string, answer: Pick<ShownAnswer, 'answerId' | 'turn'>): string {
  return hashId(['vote', conversationId, answer.answerId, String(answer.turn)].join('\u0000'));
}
