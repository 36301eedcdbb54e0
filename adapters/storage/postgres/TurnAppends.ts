import type { Activity } from 'botbuilder';
import type { AppendResult, ConversationLimits } from '../../directline/index.js';
import { activityIdOf, APPEND_BATCH_IN_TURN_SQL, KEPT_BYTES_SQL } from './directLineSql.js';
import { carries } from './directLineNotifications.js';
import type { ScriptStatement } from './SessionStatements.js';
import type { TurnHandle } from './TurnTransaction.js';

/** The name of the conversation's preload among a turn's preloads (PostgresDirectLineStore.preload). */
export const CONVERSATION_PRELOAD = 'dlConversation';

/** What the appends of a turn need from their store. */
export interface TurnAppendsContext {
  readonly limits: ConversationLimits;
  /** The store's NOTIFY channel and origin. */
  readonly channel: string;
  readonly origin: string;
  /** Hands a committed activity to this instance's streams (its own notifications are not delivered to it). */
  offer(conversationId: string, seq: number, activity: Partial<Activity>): void;
}

interface Pending {
  readonly seq: number;
  activity: Partial<Activity>;
  json: string;
  bytes: number;
  readonly atMs: number;
}

/**
 * The Direct Line appends of one turn of the PostgresTurnGate to its own conversation: the turn's BEGIN read the
 * conversation's owner and next sequence number and locked its row (conversationPreloadSql), so the turn numbers its
 * activities itself (the visitor's post, then the bot's replies, each with its id at once) and sends them with its
 * COMMIT, in the round trip that already carries its bot state and votes: no round trip and no commit of their own.
 * They commit with the turn or not at all: a turn that fails takes its post with it, and the client's retry does not
 * store it twice. Streams get them once committed: other instances through NOTIFY, this one's directly.
 */
export class TurnAppends {
  private readonly pending: Pending[] = [];
  private next: number;

  private constructor(
    private readonly turn: TurnHandle,
    readonly conversationId: string,
    /** The conversation's owner; undefined when it is not there. */
    readonly userId: string | undefined,
    nextSeq: number,
    /** The conversation's `kept_bytes` when the turn began (undefined: not known). */
    private readonly keptBytes: number | undefined,
    private readonly context: TurnAppendsContext,
  ) {
    this.next = nextSeq;
  }

  /** The appends of `turn`, from its preload; undefined when the turn preloaded no conversation. */
  static of(turn: TurnHandle, context: TurnAppendsContext): TurnAppends | undefined {
    const row = turn.preloaded(CONVERSATION_PRELOAD)?.[0];
    if (row === undefined || typeof row.id !== 'string') return undefined;
    const owner = typeof row.user_id === 'string' ? row.user_id : undefined;
    const kept = typeof row.kept_bytes === 'string' ? Number(row.kept_bytes) : undefined;
    return new TurnAppends(turn, row.id, owner, Number(row.next_seq ?? 0), kept, context);
  }

  /** Numbers the activity and queues it for the turn's COMMIT; too large: not queued. */
  add(activity: Partial<Activity>, nowMs: number): AppendResult {
    const seq = this.next;
    const stored: Partial<Activity> = { ...activity, id: activityIdOf(this.conversationId, seq) };
    const { json, bytes } = encoded(stored);
    if (bytes > this.context.limits.maxActivityBytes) return { kind: 'too-large', bytes };
    if (this.pending.length === 0) {
      this.turn.beforeCommit(() => this.statements(), () => undefined, () => this.committed());
    }
    this.pending.push({ seq, activity: stored, json, bytes, atMs: nowMs });
    this.next += 1;
    return { kind: 'stored', activity: stored };
  }

  /**
   * botbuilder's updateActivity of an activity of this turn, not stored yet: merged as PostgreSQL would merge it.
   * Undefined when the activity is not one of this turn's.
   */
  replace(activity: Partial<Activity>): boolean | undefined {
    const pending = this.find(activity.id);
    if (pending === undefined) return undefined;
    const merged: Partial<Activity> = { ...pending.activity, ...activity };
    const serialized = encoded(merged);
    if (serialized.bytes > this.context.limits.maxActivityBytes) return false;
    Object.assign(pending, { activity: merged, ...serialized });
    return true;
  }

  /** deleteActivity of an activity of this turn: its tombstone goes instead. Undefined when it is not one of this turn's. */
  remove(activityId: string): boolean | undefined {
    const pending = this.find(activityId);
    if (pending === undefined) return undefined;
    const tombstone: Partial<Activity> = { type: 'messageDelete', id: activityId };
    Object.assign(pending, { activity: tombstone, ...encoded(tombstone) });
    return true;
  }

  private find(activityId: string | undefined): Pending | undefined {
    return this.pending.find((each) => activityIdOf(this.conversationId, each.seq) === activityId);
  }

  /**
   * The turn's activities in as few statements as the bounds allow (one, unless the turn alone goes over them: each
   * batch then trims what the ones before it stored), then `kept_bytes` made exact when the appends may have dropped
   * activities to stay within the byte bound.
   */
  private statements(): ScriptStatement[] {
    const { limits, channel, origin } = this.context;
    const statements = batchesWithin(this.pending, limits).map((batch): ScriptStatement => ({
      sql: APPEND_BATCH_IN_TURN_SQL,
      params: [
        this.conversationId, new Date(Math.max(...batch.map((each) => each.atMs))), batch.map((each) => each.json), batch.map((each) => String(each.bytes)),
        limits.maxConversationBytes, limits.maxActivities, channel, origin, batch[0].seq,
        batch.map((each) => String(carries(this.conversationId, each.bytes))),
      ],
    }));
    // Not known (a row older than migration 009): every append sums the activities, and the statement would do nothing.
    const added = this.pending.reduce((sum, each) => sum + each.bytes, 0);
    const overBound = this.keptBytes !== undefined && this.keptBytes + added > limits.maxConversationBytes;
    return overBound ? [...statements, { sql: KEPT_BYTES_SQL, params: [this.conversationId, limits.maxConversationBytes] }] : statements;
  }

  private committed(): void {
    for (const { seq, activity } of this.pending) this.context.offer(this.conversationId, seq, activity);
  }
}

/** The activity as stored, and its size in bytes. */
function encoded(activity: Partial<Activity>): { json: string; bytes: number } {
  const json = JSON.stringify(activity);
  return { json, bytes: Buffer.byteLength(json, 'utf8') };
}

/** `pending` cut, in order, into batches each within the conversation's count and byte bounds. */
function batchesWithin(pending: readonly Pending[], limits: ConversationLimits): Pending[][] {
  const batches: Pending[][] = [];
  let bytes = 0;
  for (const each of pending) {
    const last = batches.at(-1);
    if (last !== undefined && last.length < limits.maxActivities && bytes + each.bytes <= limits.maxConversationBytes) {
      last.push(each);
      bytes += each.bytes;
    } else {
      batches.push([each]);
      bytes = each.bytes;
    }
  }
  return batches;
}
