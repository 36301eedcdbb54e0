import { randomUUID } from 'node:crypto';
import type { Activity } from 'botbuilder';
import type { FacetFilter } from '../knowledge/index.js';
import type { Conversation, ShownCandidate } from './ConversationMemory.js';
import type { BotLogger } from './dependencies.js';
import type { IdHasher } from './hashId.js';
import type { DecisionKind, QuestionEvent, QuestionLogStore, QuestionSource } from './QuestionLogStore.js';
import { boundComment } from './userInput.js';

/** What the recorder writes with. */
export interface QuestionRecorderOptions {
  readonly store: QuestionLogStore;
  readonly hashId: IdHasher;
  readonly kbVersion: string;
  readonly logger: BotLogger;
  /** Clock for record times; tests pin it. */
  readonly clock?: () => Date;
  /** Question ids; random UUIDs by default. */
  readonly newId?: () => string;
}

/** One question and what the bot decided, as the presenter knows it. */
export interface AskedQuestion {
  readonly source: QuestionSource;
  readonly text: string;
  readonly facets: FacetFilter;
  readonly decision: DecisionKind;
  readonly candidates: readonly ShownCandidate[];
}

/** A question being logged: its id now, `written` once stored (it never rejects: a failed write is logged). */
export interface RecordedQuestion {
  readonly id: string;
  readonly written: Promise<void>;
}

/** Decisions after which a new typed question means the user is asking again in other words. */
const UNSETTLED: readonly DecisionKind[] = ['clarify', 'none'];

/**
 * Writes the question log: every question with its decision, then what the
 * user did next. The log serves statistics, so a failed write is logged (at
 * warn, without text) and the conversation goes on; nothing here logs text.
 */
export class QuestionRecorder {
  private readonly clock: () => Date;
  private readonly newId: () => string;

  constructor(private readonly options: QuestionRecorderOptions) {
    this.clock = options.clock ?? (() => new Date());
    this.newId = options.newId ?? randomUUID;
  }

  /**
   * Records a question: its id at once (for the offers and answers shown from
   * it) and `written`, which settles once the log holds it. The caller sends
   * its reply meanwhile and awaits `written` before the turn ends: the write
   * overlaps the reply instead of delaying it, and is never left behind.
   * A typed question that follows an unsettled one (« Vouliez-vous dire… » or
   * no answer, nothing clicked since) marks that one `rephrased`.
   */
  question(activity: Partial<Activity>, conversation: Conversation, asked: AskedQuestion): RecordedQuestion {
    const id = this.newId();
    const time = this.clock().toISOString();
    const previous = conversation.shown.lastQuestion;
    const rephrased = asked.source === 'typed' && previous && UNSETTLED.includes(previous.decision) ? this.event({ questionId: previous.id, time, kind: 'rephrased' }) : undefined;
    conversation.shown.rememberQuestion({ id, decision: asked.decision });
    const recorded = this.safely('question', () =>
      this.options.store.recordQuestion({
        id,
        time,
        channel: activity.channelId ?? 'unknown',
        kbVersion: this.options.kbVersion,
        conversationHash: this.options.hashId(activity.conversation?.id ?? 'unknown'),
        source: asked.source,
        text: asked.text,
        facets: { ...asked.facets },
        decision: asked.decision,
        candidates: asked.candidates.map(({ id: entryId, score }) => (score === undefined ? { id: entryId } : { id: entryId, score })),
      }),
    );
    return { id, written: Promise.all([rephrased, recorded]).then(() => undefined) };
  }

  /** A candidate of the question's list was clicked: the question is settled. */
  async clicked(conversation: Conversation, questionId: string | undefined, entryId: string): Promise<void> {
    if (questionId === undefined) return;
    conversation.shown.settleQuestion(questionId);
    await this.event({ questionId, time: this.now(), kind: 'clicked', entryId });
  }

  /** « Aucune de ces questions » on the question's list. */
  async rejected(questionId: string | undefined): Promise<void> {
    if (questionId !== undefined) await this.event({ questionId, time: this.now(), kind: 'rejected' });
  }

  /** A 👍 / 👎 on an answer shown for the question (the vote key ties a later comment to it). */
  async voted(questionId: string | undefined, vote: { entryId: string; helpful: boolean; voteKey: string; comment?: string }): Promise<void> {
    if (questionId === undefined) return;
    const { entryId, helpful, voteKey, comment } = vote;
    await this.event({ questionId, time: this.now(), kind: 'voted', entryId, helpful, voteKey });
    if (comment !== undefined) await this.commented(voteKey, comment);
  }

  /** The comment typed after a 👎, on the vote `voteKey`. */
  async commented(voteKey: string, text: string): Promise<void> {
    await this.event({ time: this.now(), kind: 'commented', voteKey, comment: boundComment(text) });
  }

  private async event(event: QuestionEvent): Promise<void> {
    await this.safely(event.kind, () => this.options.store.recordEvent(event));
  }

  private now(): string {
    return this.clock().toISOString();
  }

  private async safely(what: string, write: () => Promise<unknown>): Promise<void> {
    try {
      await write();
    } catch (err) {
      this.options.logger.warn({ err, what }, 'question log write failed');
    }
  }
}
