import type { Activity } from 'botbuilder';
import type { ActivityListener, ActivitySet } from '../../directline/index.js';

/** Pause before reading again after a failed read (the database may be restarting). */
export const RETRY_READ_MS = 1_000;

interface Watcher {
  cursor: number;
  readonly listener: ActivityListener;
  running: boolean;
  again: boolean;
  closed: boolean;
}

/**
 * The streams this instance holds open, each with its own watermark. An activity this
 * instance appended goes straight to the streams whose watermark it is ({@link offer});
 * another instance's notification (or a reconnection, or a gap) makes a stream read from
 * its watermark ({@link wake}). Reads of one stream never overlap and a stream's watermark
 * only moves forward, so every activity is delivered once and in order.
 */
export class LiveWatchers {
  private readonly byConversation = new Map<string, Set<Watcher>>();

  constructor(private readonly read: (conversationId: string, watermark: number) => Promise<ActivitySet>) {}

  /** Starts delivering from `watermark` (the backlog at once); returns the function that stops it. */
  add(conversationId: string, watermark: number, listener: ActivityListener): () => void {
    const watcher: Watcher = { cursor: watermark, listener, running: false, again: false, closed: false };
    let set = this.byConversation.get(conversationId);
    if (!set) {
      set = new Set();
      this.byConversation.set(conversationId, set);
    }
    set.add(watcher);
    void this.pump(conversationId, watcher);
    return () => {
      watcher.closed = true;
      set.delete(watcher);
      if (set.size === 0 && this.byConversation.get(conversationId) === set) this.byConversation.delete(conversationId);
    };
  }

  /**
   * An activity this instance has just stored at `seq`: delivered without reading it back to
   * every stream waiting for exactly that one; a stream behind it (an activity of another
   * instance, or one still being stored, comes first) reads from its watermark instead.
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
      void this.pump(conversationId, watcher);
    }
  }

  /** Another instance appended at `seq` (undefined: anything may have been appended): streams not past it read from their watermark. */
  wake(conversationId: string, seq?: number): void {
    for (const watcher of this.byConversation.get(conversationId) ?? []) {
      if (seq === undefined || watcher.cursor <= seq) void this.pump(conversationId, watcher);
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

  private async pump(conversationId: string, watcher: Watcher): Promise<void> {
    if (watcher.running) {
      watcher.again = true;
      return;
    }
    watcher.running = true;
    try {
      do {
        watcher.again = false;
        const set = await this.read(conversationId, watcher.cursor);
        if (watcher.closed) return;
        if (set.activities.length > 0) watcher.listener(set);
        watcher.cursor = Math.max(watcher.cursor, Number(set.watermark));
      } while (watcher.again && !watcher.closed);
    } catch {
      // The database is unreachable or the conversation expired: try again shortly while the stream is open
      // (the reconnection also wakes every stream).
      if (!watcher.closed) setTimeout(() => void this.pump(conversationId, watcher), RETRY_READ_MS).unref();
    } finally {
      watcher.running = false;
    }
  }
}
