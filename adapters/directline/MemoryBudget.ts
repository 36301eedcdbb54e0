import type { Activity } from 'botbuilder';
import type { ConversationLimits } from './limits.js';

/**
 * Bytes counted for each conversation besides its activities: its bookkeeping and a
 * share of the bot's state for it, so that empty conversations are not free.
 */
export const CONVERSATION_OVERHEAD_BYTES = 1024;

/** The part of a conversation the budget reads and trims. */
export interface BudgetedConversation {
  readonly id: string;
  readonly activities: Partial<Activity>[];
  /** Serialised size of each activity, in the same order. */
  readonly sizes: number[];
  bytes: number;
  /** Absolute sequence number of `activities[0]`: grows as the oldest are dropped. */
  firstSeq: number;
  lastActiveMs: number;
  readonly listeners: { readonly size: number };
}

/** Size of an activity as stored: its JSON in UTF-8 (strings dominate, and V8 holds them at about that size). */
export function storedBytes(activity: Partial<Activity>): number {
  return Buffer.byteLength(JSON.stringify(activity), 'utf8');
}

/**
 * Keeps the bytes of all conversations under `maxTotalBytes`, and each one under
 * `maxConversationBytes` and `maxActivities`. When a new activity or conversation
 * needs room, what gives way, in order:
 * 1. whole conversations quiet for `evictableIdleMs` that no stream watches, least recently active first
 *    (their visitors get them back, restarted, on their next request);
 * 2. the oldest activities of the least recently active conversations (their clients already have them);
 * 3. the oldest activities of the conversation that needs the room.
 */
export class MemoryBudget<C extends BudgetedConversation> {
  private total = 0;

  constructor(
    private readonly limits: ConversationLimits,
    /** The conversations, least recently active first. */
    private readonly conversations: () => Iterable<C>,
    /** Forgets a whole conversation (its owner removes it, then calls `release`). */
    private readonly evict: (conversation: C) => void,
  ) {}

  get totalBytes(): number {
    return this.total;
  }

  /** Counts a new conversation, making room when needed. */
  admit(conversation: C, nowMs: number): void {
    this.total += CONVERSATION_OVERHEAD_BYTES;
    this.reclaim(0, nowMs, conversation);
  }

  /** Stops counting a conversation that was forgotten. */
  release(conversation: C): void {
    this.total -= CONVERSATION_OVERHEAD_BYTES + conversation.bytes;
  }

  /** Makes room in `conversation`, then in the whole endpoint, for an activity of `incoming` bytes. */
  makeRoom(conversation: C, incoming: number, nowMs: number): void {
    while (
      conversation.activities.length > 0 &&
      (conversation.activities.length >= this.limits.maxActivities || conversation.bytes + incoming > this.limits.maxConversationBytes)
    ) {
      this.dropOldest(conversation);
    }
    this.reclaim(incoming, nowMs, conversation);
  }

  push(conversation: C, activity: Partial<Activity>, bytes: number): void {
    conversation.activities.push(activity);
    conversation.sizes.push(bytes);
    conversation.bytes += bytes;
    this.total += bytes;
  }

  set(conversation: C, index: number, activity: Partial<Activity>, bytes: number): void {
    const delta = bytes - conversation.sizes[index];
    conversation.activities[index] = activity;
    conversation.sizes[index] = bytes;
    conversation.bytes += delta;
    this.total += delta;
  }

  /** Evicts the least recently active conversation if it is evictable; whether one went. */
  evictOne(nowMs: number): boolean {
    for (const conversation of this.conversations()) {
      if (!this.isEvictable(conversation, nowMs)) continue;
      this.evict(conversation);
      return true;
    }
    return false;
  }

  private reclaim(incoming: number, nowMs: number, needy: C): void {
    const over = (): boolean => this.total + incoming > this.limits.maxTotalBytes;
    if (!over()) return;
    for (const conversation of this.conversations()) {
      if (!over()) return;
      if (conversation !== needy && this.isEvictable(conversation, nowMs)) this.evict(conversation);
    }
    for (const conversation of this.conversations()) {
      if (conversation === needy) continue;
      while (over() && conversation.activities.length > 0) this.dropOldest(conversation);
      if (!over()) return;
    }
    while (over() && needy.activities.length > 0) this.dropOldest(needy);
  }

  private isEvictable(conversation: C, nowMs: number): boolean {
    return conversation.listeners.size === 0 && nowMs - conversation.lastActiveMs >= this.limits.evictableIdleMs;
  }

  private dropOldest(conversation: C): void {
    conversation.activities.shift();
    const bytes = conversation.sizes.shift() ?? 0;
    conversation.bytes -= bytes;
    conversation.firstSeq += 1;
    this.total -= bytes;
  }
}
