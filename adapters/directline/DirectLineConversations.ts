import { randomBytes } from 'node:crypto';
import type { Activity } from 'botbuilder';

/** Activities kept per conversation; older ones are dropped (a client far behind resumes at the oldest kept). */
export const MAX_ACTIVITIES_PER_CONVERSATION = 500;
/** Live conversations at once; beyond this, starting a new one is refused (503) rather than exhausting memory. */
export const MAX_CONVERSATIONS = 10_000;
/** A conversation with no traffic for this long is forgotten. */
export const CONVERSATION_IDLE_MS = 60 * 60 * 1000;
/**
 * When the endpoint is full, the conversation idle the longest (and watched by
 * no stream) gives way to a new one if it has been quiet at least this long:
 * someone opening many conversations then pushes out abandoned ones instead of
 * locking every new visitor out until the idle sweep.
 */
export const EVICTABLE_IDLE_MS = 5 * 60 * 1000;

/** What polling and the WebSocket stream deliver: Direct Line 3.0's ActivitySet. */
export interface ActivitySet {
  readonly activities: readonly Partial<Activity>[];
  readonly watermark: string;
}

export type ActivityListener = (set: ActivitySet) => void;

interface Conversation {
  readonly id: string;
  readonly userId: string;
  lastActiveMs: number;
  /** Absolute sequence number of `activities[0]`. */
  firstSeq: number;
  readonly activities: Partial<Activity>[];
  readonly listeners: Set<ActivityListener>;
}

export type StartResult =
  | { readonly kind: 'created' }
  | { readonly kind: 'existing' }
  | { readonly kind: 'full' }
  | { readonly kind: 'other-user' };

/**
 * In-memory activity logs of the built-in Direct Line endpoint. The watermark is the
 * absolute count of activities ever appended, so it survives trimming of old ones.
 */
export class DirectLineConversations {
  private readonly conversations = new Map<string, Conversation>();

  constructor(
    private readonly onExpired: (conversationId: string, userId: string) => void = () => {},
    private readonly limits = {
      maxActivities: MAX_ACTIVITIES_PER_CONVERSATION,
      maxConversations: MAX_CONVERSATIONS,
      idleMs: CONVERSATION_IDLE_MS,
      evictableIdleMs: EVICTABLE_IDLE_MS,
    },
  ) {}

  /** A fresh unguessable conversation id. */
  static newConversationId(): string {
    return randomBytes(16).toString('base64url');
  }

  start(conversationId: string, userId: string, nowMs: number = Date.now()): StartResult {
    const existing = this.conversations.get(conversationId);
    if (existing) {
      if (existing.userId !== userId) return { kind: 'other-user' };
      existing.lastActiveMs = nowMs;
      return { kind: 'existing' };
    }
    if (this.conversations.size >= this.limits.maxConversations && !this.evictOldestIdle(nowMs)) return { kind: 'full' };
    this.conversations.set(conversationId, {
      id: conversationId, userId, lastActiveMs: nowMs, firstSeq: 0, activities: [], listeners: new Set(),
    });
    return { kind: 'created' };
  }

  has(conversationId: string): boolean {
    return this.conversations.has(conversationId);
  }

  /** Appends an activity, gives it its Direct Line id (`<conversation>|<seq>`) and pushes it to live streams. */
  append(conversationId: string, activity: Partial<Activity>, nowMs: number = Date.now()): Partial<Activity> {
    const conversation = this.require('append', conversationId);
    const seq = conversation.firstSeq + conversation.activities.length;
    const stored: Partial<Activity> = { ...activity, id: `${conversationId}|${String(seq).padStart(7, '0')}` };
    conversation.activities.push(stored);
    conversation.lastActiveMs = nowMs;
    if (conversation.activities.length > this.limits.maxActivities) {
      conversation.activities.shift();
      conversation.firstSeq += 1;
    }
    this.notify(conversation, [stored]);
    return stored;
  }

  /** Replaces a kept activity (botbuilder's updateActivity) and pushes the new version to live streams. */
  replace(conversationId: string, activity: Partial<Activity>): boolean {
    const conversation = this.require('replace', conversationId);
    const index = conversation.activities.findIndex((kept) => kept.id === activity.id);
    if (index < 0) return false;
    conversation.activities[index] = { ...conversation.activities[index], ...activity };
    this.notify(conversation, [conversation.activities[index]]);
    return true;
  }

  /** Forgets a kept activity so that later polls no longer return it. */
  remove(conversationId: string, activityId: string): boolean {
    const conversation = this.require('remove', conversationId);
    const index = conversation.activities.findIndex((kept) => kept.id === activityId);
    if (index < 0) return false;
    conversation.activities[index] = { type: 'messageDelete', id: activityId };
    return true;
  }

  /** Activities at or after `watermark` (absolute), for polling and stream catch-up. */
  since(conversationId: string, watermark = 0, nowMs: number = Date.now()): ActivitySet {
    const conversation = this.require('since', conversationId);
    conversation.lastActiveMs = nowMs;
    const from = Math.max(0, watermark - conversation.firstSeq);
    return { activities: conversation.activities.slice(from), watermark: this.watermarkOf(conversation) };
  }

  /** Subscribes a live stream; returns the unsubscribe function. */
  subscribe(conversationId: string, listener: ActivityListener): () => void {
    const conversation = this.require('subscribe', conversationId);
    conversation.listeners.add(listener);
    return () => conversation.listeners.delete(listener);
  }

  listenerCount(conversationId: string): number {
    return this.conversations.get(conversationId)?.listeners.size ?? 0;
  }

  /** Forgets conversations idle for too long that no stream is watching. */
  sweep(nowMs: number = Date.now()): number {
    let removed = 0;
    for (const conversation of this.conversations.values()) {
      if (nowMs - conversation.lastActiveMs < this.limits.idleMs || conversation.listeners.size > 0) continue;
      this.conversations.delete(conversation.id);
      this.onExpired(conversation.id, conversation.userId);
      removed += 1;
    }
    return removed;
  }

  /** Forgets the conversation idle the longest, if no stream watches it and it is evictable; whether one went. */
  private evictOldestIdle(nowMs: number): boolean {
    let oldest: Conversation | undefined;
    for (const conversation of this.conversations.values()) {
      if (conversation.listeners.size > 0) continue;
      if (!oldest || conversation.lastActiveMs < oldest.lastActiveMs) oldest = conversation;
    }
    if (!oldest || nowMs - oldest.lastActiveMs < this.limits.evictableIdleMs) return false;
    this.conversations.delete(oldest.id);
    this.onExpired(oldest.id, oldest.userId);
    return true;
  }

  get size(): number {
    return this.conversations.size;
  }

  private watermarkOf(conversation: Conversation): string {
    return String(conversation.firstSeq + conversation.activities.length);
  }

  private notify(conversation: Conversation, activities: Partial<Activity>[]): void {
    const set: ActivitySet = { activities, watermark: this.watermarkOf(conversation) };
    for (const listener of conversation.listeners) listener(set);
  }

  private require(method: string, conversationId: string): Conversation {
    const conversation = this.conversations.get(conversationId);
    if (!conversation) throw new Error(`DirectLineConversations.${method}: unknown conversation`);
    return conversation;
  }
}
