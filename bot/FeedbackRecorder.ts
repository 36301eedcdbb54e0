import type { Activity } from 'botbuilder';
import type { ShownAnswer } from './ConversationMemory.js';
import type { BotLogger } from './dependencies.js';
import type { FeedbackRecord, FeedbackStore } from './FeedbackStore.js';
import type { IdHasher } from './hashId.js';
import type { QuestionRecorder } from './QuestionRecorder.js';
import { boundComment } from './userInput.js';

/** What the recorder writes with: the store, the id hasher, the KB version the answers came from, and a clock. */
export interface FeedbackRecorderOptions {
  readonly store: FeedbackStore;
  readonly hashId: IdHasher;
  readonly kbVersion: string;
  readonly logger: BotLogger;
  /** Votes and comments are also follow-ups of the question the answer was shown for. */
  readonly questions: Pick<QuestionRecorder, 'voted' | 'commented'>;
  /** Clock for record times; tests pin it. */
  readonly clock?: () => Date;
}

/**
 * Everything the bot stores about its answers: votes from the card buttons
 * and from Teams' native feedback alike (same vote key, so the last choice
 * wins), comments after a 👎, and questions it could not answer. Ids are
 * stored hashed.
 */
export class FeedbackRecorder {
  private readonly clock: () => Date;

  constructor(private readonly options: FeedbackRecorderOptions) {
    this.clock = options.clock ?? (() => new Date());
  }

  /** Records a 👍 / 👎 (and Teams' optional text) on a shown answer; returns the vote's key, for a later comment. */
  async recordVote(activity: Partial<Activity>, answer: ShownAnswer, helpful: boolean, comment?: string): Promise<string> {
    const { hashId, logger } = this.options;
    const voteKey = voteKeyFor(hashId, activity.conversation?.id ?? 'unknown', answer);
    // The vote and its question-log event go to different stores: written at once (one wait, not two in a row), both
    // awaited before the turn replies. The log never throws (QuestionRecorder logs its failures); the vote's does.
    const [stored] = await Promise.allSettled([
      this.options.store.recordFeedback({
        ...this.recordBase(activity),
        kind: 'feedback',
        voteKey,
        question: answer.question,
        answerId: answer.answerId,
        ...(answer.score !== undefined && { score: answer.score }),
        ...(answer.rank !== undefined && { rank: answer.rank }),
        helpful,
        ...(comment !== undefined && { comment }),
      }),
      this.options.questions.voted(answer.questionId, { entryId: answer.answerId, helpful, voteKey, ...(comment !== undefined && { comment }) }),
    ]);
    if (stored.status === 'rejected') throw stored.reason;
    logger.info({ conversation: hashId(activity.conversation?.id ?? 'unknown'), answerId: answer.answerId, helpful }, 'vote stored');
    return voteKey;
  }

  /** Attaches the comment typed after a 👎 to its vote (cleaned and bounded). */
  async recordComment(voteKey: string, text: string): Promise<void> {
    await this.options.store.addComment(voteKey, boundComment(text));
    await this.options.questions.commented(voteKey, text);
  }

  /** A question the bot had no answer for, or the question a "none of these" click was about. */
  async recordUnanswered(activity: Partial<Activity>, question: string): Promise<void> {
    await this.options.store.recordUnanswered({ ...this.recordBase(activity), kind: 'unanswered', question });
  }

  /** The fields every stored record shares: when, where, who (hashed), which KB. */
  private recordBase(activity: Partial<Activity>): Pick<FeedbackRecord, 'time' | 'channel' | 'userHash' | 'conversationHash' | 'kbVersion'> {
    const { hashId, kbVersion } = this.options;
    return {
      time: this.clock().toISOString(),
      channel: activity.channelId ?? 'unknown',
      userHash: hashId(activity.from?.id ?? 'unknown'),
      conversationHash: hashId(activity.conversation?.id ?? 'unknown'),
      kbVersion,
    };
  }
}

/**
 * Identifies one vote: the same answer shown once in one conversation. Card
 * buttons and Teams' native feedback on that answer share the key, so the last
 * choice replaces the earlier one.
 */
export function voteKeyFor(hashId: IdHasher, conversationId: string, answer: Pick<ShownAnswer, 'answerId' | 'turn'>): string {
  return hashId(['vote', conversationId, answer.answerId, String(answer.turn)].join('\u0000'));
}
