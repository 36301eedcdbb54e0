import type { Activity } from 'botbuilder';
import type { ActivityListener, ActivitySet, AppendResult, PostResult, StartResult } from './DirectLineConversations.js';
import { DirectLineConversations } from './DirectLineConversations.js';
import type { ConversationLimits } from './limits.js';

/**
 * Where the built-in Direct Line endpoint keeps its conversations and activity logs: this
 * process's memory (one instance, {@link MemoryDirectLineStore}), or PostgreSQL tables
 * shared by every instance (`PostgresDirectLineStore`). The watermark is the sequence
 * number of the next activity, so a client resumes at its watermark on any instance.
 */
export interface DirectLineStore {
  /**
   * Starts a conversation, or finds it. `firstSeq` numbers the first activity of a conversation
   * recreated after it was lost, beyond any watermark its client holds. The open-conversation
   * cap is enforced here (idle conversations make room first).
   */
  start(conversationId: string, userId: string, nowMs: number, firstSeq?: number): Promise<StartResult>;
  /** Appends an activity and gives it its id (`<conversation>|<seq>`); live watchers on every instance get it. */
  append(conversationId: string, activity: Partial<Activity>, nowMs: number): Promise<AppendResult>;
  /**
   * Appends a visitor's activity to their conversation, which it marks active: a post's only
   * step when the conversation is there ('missing': the caller recreates it, then posts again).
   */
  post(conversationId: string, userId: string, activity: Partial<Activity>, nowMs: number): Promise<PostResult>;
  /** Replaces a kept activity (botbuilder's updateActivity); false when gone or too large. */
  replace(conversationId: string, activity: Partial<Activity>): Promise<boolean>;
  /** Replaces a kept activity with a deletion tombstone. */
  remove(conversationId: string, activityId: string): Promise<boolean>;
  /** Activities at or after `watermark`, and the watermark to ask from next. */
  since(conversationId: string, watermark: number, nowMs: number): Promise<ActivitySet>;
  /**
   * Delivers, in order and once each, the activities from `watermark` on: the backlog first,
   * then each new one as it is appended (on any instance). Returns the function that stops it.
   */
  watch(conversationId: string, watermark: number, nowMs: number, listener: ActivityListener): () => void;
  /** Streams this instance holds open on the conversation. */
  listenerCount(conversationId: string): number;
  /** Forgets conversations idle for too long; returns how many. */
  sweep(nowMs: number): Promise<number>;
  /** Open conversations and the bytes of their activities, as of the last sweep or change (for /healthz). */
  readonly size: number;
  readonly totalBytes: number;
  /** Stops listening for other instances' activities. */
  close(): Promise<void>;
}

/** Builds the store once the server knows its limits and what to do when a conversation expires. */
export type DirectLineStoreFactory = (limits: ConversationLimits, onExpired: (conversationId: string, userId: string) => void) => Promise<DirectLineStore>;

/** The embedded default: {@link DirectLineConversations} in this process's memory, bounded in count and bytes. */
export class MemoryDirectLineStore implements DirectLineStore {
  private readonly conversations: DirectLineConversations;

  constructor(limits: ConversationLimits, onExpired: (conversationId: string, userId: string) => void) {
    this.conversations = new DirectLineConversations(limits, onExpired);
  }

  static readonly factory: DirectLineStoreFactory = async (limits, onExpired) => new MemoryDirectLineStore(limits, onExpired);

  async start(conversationId: string, userId: string, nowMs: number, firstSeq?: number): Promise<StartResult> {
    return this.conversations.start(conversationId, userId, nowMs, firstSeq);
  }

  async append(conversationId: string, activity: Partial<Activity>, nowMs: number): Promise<AppendResult> {
    return this.conversations.append(conversationId, activity, nowMs);
  }

  async post(conversationId: string, userId: string, activity: Partial<Activity>, nowMs: number): Promise<PostResult> {
    const owner = this.conversations.userOf(conversationId);
    if (owner === undefined) return { kind: 'missing' };
    if (owner !== userId) return { kind: 'other-user' };
    return this.conversations.append(conversationId, activity, nowMs);
  }

  async replace(conversationId: string, activity: Partial<Activity>): Promise<boolean> {
    return this.conversations.has(conversationId) && this.conversations.replace(conversationId, activity);
  }

  async remove(conversationId: string, activityId: string): Promise<boolean> {
    return this.conversations.has(conversationId) && this.conversations.remove(conversationId, activityId);
  }

  async since(conversationId: string, watermark: number, nowMs: number): Promise<ActivitySet> {
    return this.conversations.since(conversationId, watermark, nowMs);
  }

  watch(conversationId: string, watermark: number, nowMs: number, listener: ActivityListener): () => void {
    // Subscribing and reading the backlog happen in the same tick, so no activity falls in between.
    const unsubscribe = this.conversations.subscribe(conversationId, listener);
    const backlog = this.conversations.since(conversationId, watermark, nowMs);
    if (backlog.activities.length > 0) listener(backlog);
    return unsubscribe;
  }

  listenerCount(conversationId: string): number {
    return this.conversations.listenerCount(conversationId);
  }

  async sweep(nowMs: number): Promise<number> {
    return this.conversations.sweep(nowMs);
  }

  get size(): number {
    return this.conversations.size;
  }

  get totalBytes(): number {
    return this.conversations.totalBytes;
  }

  async close(): Promise<void> {}
}
