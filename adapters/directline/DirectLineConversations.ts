import { randomBytes } from 'node:crypto';
import type { Activity } from 'botbuilder';
import { DEFAULT_CONVERSATION_LIMITS, type ConversationLimits } from './limits.js';
import { MemoryBudget, storedBytes, type BudgetedConversation } from './MemoryBudget.js';

/** What polling and the WebSocket stream deliver: Direct Line 3.0's ActivitySet. */
export interface ActivitySet {
  readonly activities: readonly Partial<Activity>[];
  readonly watermark: string;
}

export type ActivityListener = (set: ActivitySet) => void;

interface Conversation extends BudgetedConversation {
  readonly userId: string;
  readonly listeners: Set<ActivityListener>;
}

export type StartResult =
  | { readonly kind: 'created' }
  | { readonly kind: 'existing' }
  | { readonly kind: 'full' }
  | { readonly kind: 'other-user' };

export type AppendResult =
  | { readonly kind: 'stored'; readonly activity: Partial<Activity> }
  | { readonly kind: 'too-large'; readonly bytes: number };

/** A visitor's post: stored (or too large), or refused because the conversation is gone or someone else's. */
export type PostResult = AppendResult | { readonly kind: 'missing' } | { readonly kind: 'other-user' };

/**
 * In-memory activity logs of the built-in Direct Line endpoint, bounded in count and
 * in bytes (per activity, per conversation, and in all: see {@link MemoryBudget}).
 * The watermark is the absolute count of activities appended, so it survives trimming.
 * The map's order is least recently active first: touching a conversation moves it last.
 */
export class DirectLineConversations {
  private readonly conversations = new Map<string, Conversation>();
  private readonly budget: MemoryBudget<Conversation>;

  constructor(
    private readonly limits: ConversationLimits = DEFAULT_CONVERSATION_LIMITS,
    private readonly onExpired: (conversationId: string, userId: string) => void = () => {},
  ) {
    this.budget = new MemoryBudget<Conversation>(limits, () => this.conversations.values(), (conversation) => this.forget(conversation));
  }

  /** A fresh unguessable conversation id. */
  static newConversationId(): string {
    return randomBytes(16).toString('base64url');
  }

  /**
   * Starts a conversation, or finds it. `firstSeq` numbers its first activity: a conversation
   * recreated after a restart starts beyond any watermark its client may hold, so the client
   * receives what follows and no new activity id repeats one it already has.
   */
  start(conversationId: string, userId: string, nowMs: number, firstSeq = 0): StartResult {
    const existing = this.conversations.get(conversationId);
    if (existing) {
      if (existing.userId !== userId) return { kind: 'other-user' };
      this.touch(existing, nowMs);
      return { kind: 'existing' };
    }
    if (this.conversations.size >= this.limits.maxConversations && !this.budget.evictOne(nowMs)) {
      return { kind: 'full' };
    }
    const conversation: Conversation = {
      id: conversationId, userId, lastActiveMs: nowMs, firstSeq, activities: [], sizes: [], bytes: 0, listeners: new Set(),
    };
    this.conversations.set(conversationId, conversation);
    this.budget.admit(conversation, nowMs);
    return { kind: 'created' };
  }

  has(conversationId: string): boolean {
    return this.conversations.has(conversationId);
  }

  /** The user a conversation belongs to; undefined when there is no such conversation. */
  userOf(conversationId: string): string | undefined {
    return this.conversations.get(conversationId)?.userId;
  }

  /**
   * Appends an activity, gives it its Direct Line id (`<conversation>|<seq>`) and pushes it to
   * live streams. Older activities make room when the conversation or the whole endpoint is
   * over its byte budget; an activity larger than the per-activity limit is not stored.
   */
  append(conversationId: string, activity: Partial<Activity>, nowMs: number): AppendResult {
    const conversation = this.require('append', conversationId);
    const seq = conversation.firstSeq + conversation.activities.length;
    const stored: Partial<Activity> = { ...activity, id: `${conversationId}|${String(seq).padStart(7, '0')}` };
    const bytes = storedBytes(stored);
    if (bytes > this.limits.maxActivityBytes) return { kind: 'too-large', bytes };
    this.budget.makeRoom(conversation, bytes, nowMs);
    // Dropping the oldest moves firstSeq on as much as it shortens the log: `seq` is still where the log ends.
    this.budget.push(conversation, stored, bytes);
    this.touch(conversation, nowMs);
    this.notify(conversation, [stored]);
    return { kind: 'stored', activity: stored };
  }

  /** Replaces a kept activity (botbuilder's updateActivity) and pushes the new version; false when gone or too large. */
  replace(conversationId: string, activity: Partial<Activity>): boolean {
    const conversation = this.require('replace', conversationId);
    const index = conversation.activities.findIndex((kept) => kept.id === activity.id);
    if (index < 0) return false;
    const updated = { ...conversation.activities[index], ...activity };
    const bytes = storedBytes(updated);
    if (bytes > this.limits.maxActivityBytes) return false;
    this.budget.set(conversation, index, updated, bytes);
    this.notify(conversation, [updated]);
    return true;
  }

  /** Forgets a kept activity so that later polls no longer return it. */
  remove(conversationId: string, activityId: string): boolean {
    const conversation = this.require('remove', conversationId);
    const index = conversation.activities.findIndex((kept) => kept.id === activityId);
    if (index < 0) return false;
    const tombstone: Partial<Activity> = { type: 'messageDelete', id: activityId };
    this.budget.set(conversation, index, tombstone, storedBytes(tombstone));
    return true;
  }

  /** Activities at or after `watermark` (absolute), for polling and stream catch-up. */
  since(conversationId: string, watermark: number, nowMs: number): ActivitySet {
    const conversation = this.require('since', conversationId);
    this.touch(conversation, nowMs);
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
  sweep(nowMs: number): number {
    let removed = 0;
    for (const conversation of this.conversations.values()) {
      if (nowMs - conversation.lastActiveMs < this.limits.idleMs || conversation.listeners.size > 0) continue;
      this.forget(conversation);
      removed += 1;
    }
    return removed;
  }

  get size(): number {
    return this.conversations.size;
  }

  /** Bytes held by all conversations, as the budget counts them (serialised activities plus a fixed overhead each). */
  get totalBytes(): number {
    return this.budget.totalBytes;
  }

  private forget(conversation: Conversation): void {
    this.conversations.delete(conversation.id);
    this.budget.release(conversation);
    this.onExpired(conversation.id, conversation.userId);
  }

  private touch(conversation: Conversation, nowMs: number): void {
    conversation.lastActiveMs = nowMs;
    this.conversations.delete(conversation.id);
    this.conversations.set(conversation.id, conversation);
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
