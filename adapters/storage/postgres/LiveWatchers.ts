import type { Activity } from 'botbuilder';
import type { ActivityListener, ActivitySet } from '../../directline/index.js';

/** Pause before reading again after a failed read (the database may be restarting). */
export const RETRY_READ_MS = 1_000;

/** One stream's read: the activities of `conversationId` from `watermark` on. */
export interface StreamRead {
  readonly conversationId: string;
  readonly watermark: number;
}

/** Reads for several streams at once: one set per read, in order, undefined for a conversation not there (any more). */
export type BatchReader = (reads: readonly StreamRead[]) => Promise<ReadonlyArray<ActivitySet | undefined>>;

interface Watcher {
  readonly conversationId: string;
  cursor: number;
  readonly listener: ActivityListener;
  running: boolean;
  again: boolean;
  closed: boolean;
}

/**
 * The streams this instance holds open, each with its own watermark. An activity this
 * instance appended, or that another instance's notification carried, goes straight to the
 * streams whose watermark it is ({@link offer}); a notification of ids only (or a reconnection,
 * or a gap) makes a stream read from its watermark ({@link wake}). Reads of one stream never overlap and a stream's watermark
 * only moves forward, so every activity is delivered once and in order. The reads asked for
 * in one turn of the event loop go to the database together, in one statement (under load,
 * the notifications of many conversations arrive together).
 */
export class LiveWatchers {
  private readonly byConversation = new Map<string, Set<Watcher>>();
  private batch: Watcher[] = [];

  constructor(private readonly read: BatchReader) {}

  /** Starts delivering from `watermark` (the backlog at once); returns the function that stops it. */
  add(conversationId: string, watermark: number, listener: ActivityListener): () => void {
    const watcher: Watcher = { conversationId, cursor: watermark, listener, running: false, again: false, closed: false };
    let set = this.byConversation.get(conversationId);
    if (!set) {
      set = new Set();
      this.byConversation.set(conversationId, set);
    }
    set.add(watcher);
    this.pump(watcher);
    return () => {
      watcher.closed = true;
      set.delete(watcher);
      if (set.size === 0 && this.byConversation.get(conversationId) === set) this.byConversation.delete(conversationId);
    };
  }

  /**
   * An activity stored at `seq`, by this instance or by another one whose notification carried it:
   * delivered without reading it back to every stream waiting for exactly that one; a stream behind
   * it (an activity it missed, or one still being stored, comes first) reads from its watermark instead.
   */
  offer(conversationId: string, seq: number, activity: Partial<Activity>): void {
    for (const watcher of this.byConversation.get(conversationId) ?? []) {
      if (watcher.cursor > seq) continue;
      // While a read is under way the watermark may move: the read runs again instead.
      if (watcher.cursor === seq && !watcher.running) {
        watcher.cursor = seq + 1;
        watcher.listener({ activities: [activity], watermark: String(seq + 1) });
        continue;
      }
      this.pump(watcher);
    }
  }

  /** An activity that is not stored (a typing indicator sent during a turn): to every stream of the conversation now, its watermark unchanged. */
  broadcast(conversationId: string, activity: Partial<Activity>): void {
    for (const watcher of this.byConversation.get(conversationId) ?? []) {
      watcher.listener({ activities: [activity], watermark: String(watcher.cursor) });
    }
  }

  /** Another instance appended at `seq` (undefined: anything may have been appended): streams not past it read from their watermark. */
  wake(conversationId: string, seq?: number): void {
    for (const watcher of this.byConversation.get(conversationId) ?? []) {
      if (seq === undefined || watcher.cursor <= seq) this.pump(watcher);
    }
  }

  wakeAll(): void {
    for (const conversationId of this.byConversation.keys()) this.wake(conversationId);
  }

  count(conversationId: string): number {
    return this.byConversation.get(conversationId)?.size ?? 0;
  }

  conversationIds(): string[] {
    return [...this.byConversation.keys()];
  }

  close(): void {
    for (const set of this.byConversation.values()) for (const watcher of set) watcher.closed = true;
    this.byConversation.clear();
  }

  /** Reads from the stream's watermark with the other reads asked for in this turn of the event loop (a read under way: once more after it). */
  private pump(watcher: Watcher): void {
    if (watcher.running) {
      watcher.again = true;
      return;
    }
    watcher.running = true;
    watcher.again = false;
    this.batch.push(watcher);
    if (this.batch.length === 1) setImmediate(() => void this.flush());
  }

  private async flush(): Promise<void> {
    const batch = this.batch;
    this.batch = [];
    let sets: ReadonlyArray<ActivitySet | undefined>;
    try {
      sets = await this.read(batch.map((watcher) => ({ conversationId: watcher.conversationId, watermark: watcher.cursor })));
    } catch {
      sets = [];
    }
    for (const [i, watcher] of batch.entries()) {
      watcher.running = false;
      if (watcher.closed) continue;
      const set = sets[i];
      if (set === undefined) {
        // The database is unreachable or the conversation expired: try again shortly while the stream is open
        // (the reconnection also wakes every stream).
        setTimeout(() => this.pump(watcher), RETRY_READ_MS).unref();
        continue;
      }
      if (set.activities.length > 0) watcher.listener(set);
      watcher.cursor = Math.max(watcher.cursor, Number(set.watermark));
      if (watcher.again) this.pump(watcher);
    }
  }
}
