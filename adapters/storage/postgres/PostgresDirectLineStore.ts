import { randomBytes } from 'node:crypto';
import { ActivityTypes, type Activity } from 'botbuilder';
import {
  type ActivityListener, type ActivitySet, type AppendResult, type ConversationLimits, type PostResult, type DirectLineStore, type DirectLineStoreFactory, type StartResult,
} from '../../directline/index.js';
import type { PostgresDatabase } from './PostgresDatabase.js';
import { activityIdOf, ADMISSION_RESULT, admissionSql, APPEND_SQL, conversationPreloadSql, isEvicted, REPLACE_SQL, SEQ_DIGITS, seqOf, SINCE_EACH_SQL, SINCE_SQL } from './directLineSql.js';
import { carries, ephemeralNotification, readNotification } from './directLineNotifications.js';
import { LiveWatchers, type StreamRead } from './LiveWatchers.js';
import type { TurnHandle } from './TurnTransaction.js';
import { TurnAppends, type TurnAppendsContext } from './TurnAppends.js';

/** Longest activity id suffix counted when checking an activity's size before its sequence number is known. */
const MAX_SEQ_DIGITS = 20;
/**
 * Direct Line conversations in PostgreSQL (tables `dl_conversations`, `dl_activities`),
 * so that any instance serves any request. The watermark is the activity's sequence
 * number. An append notifies every instance on one channel with the activity itself when it
 * fits well below NOTIFY's 8,000-byte payload limit, so that the instance streaming the
 * conversation hands it over without reading it back (most do: a question, a vote, a short
 * answer); otherwise with ids only, and each instance then reads the new rows for the streams
 * it holds, from each stream's own watermark ({@link LiveWatchers}), as it does after a gap.
 * The open-conversation cap, idle expiry and the per-conversation bounds are SQL.
 *
 * During a turn of the PostgresTurnGate on a conversation, that conversation's appends (the visitor's post, the
 * bot's replies) go with the turn's COMMIT ({@link TurnAppends}); other appends are one statement each.
 */
export class PostgresDirectLineStore implements DirectLineStore {
  private stats = { size: 0, bytes: 0 };
  /** Names this store's notifications: its own appends reach its streams directly ({@link LiveWatchers.offer}). */
  private readonly origin = randomBytes(6).toString('base64url');
  private readonly watchers: LiveWatchers;
  private stopListening: () => void = () => undefined;
  private stopReconnect: () => void = () => undefined;
  private readonly turnAppends = new WeakMap<TurnHandle, TurnAppends>();
  private readonly appendsContext: TurnAppendsContext;

  private constructor(
    private readonly db: PostgresDatabase,
    private readonly limits: ConversationLimits,
    private readonly onExpired: (conversationId: string, userId: string) => void,
  ) {
    this.watchers = new LiveWatchers((reads) => this.sinceEach(reads));
    this.appendsContext = {
      limits, channel: this.channel, origin: this.origin,
      offer: (conversationId, seq, activity) => this.watchers.offer(conversationId, seq, activity),
    };
  }

  /** The statement a turn of `conversationId` sends with its BEGIN, so that its appends go with its COMMIT ({@link TurnAppends}). */
  static preload(conversationId: string): string {
    return conversationPreloadSql(conversationId);
  }

  /** The appends of the turn under way when it holds `conversationId` (it preloaded it with its BEGIN); undefined otherwise. */
  private inTurn(conversationId: string): TurnAppends | undefined {
    const turn = this.db.turn;
    if (turn === undefined) return undefined;
    let appends = this.turnAppends.get(turn);
    if (appends === undefined) {
      appends = TurnAppends.of(turn, this.appendsContext);
      if (appends === undefined) return undefined;
      this.turnAppends.set(turn, appends);
    }
    return appends.conversationId === conversationId ? appends : undefined;
  }

  /** The factory the server's storage hands to the Direct Line endpoint. */
  static factory(db: PostgresDatabase): DirectLineStoreFactory {
    return async (limits, onExpired) => {
      const store = new PostgresDirectLineStore(db, limits, onExpired);
      store.stopListening = await db.listen(store.channel, (payload) => store.notified(payload));
      // Notifications sent while this instance was disconnected are lost: re-read every open stream.
      store.stopReconnect = db.onReconnect(() => store.watchers.wakeAll());
      await store.refreshStats();
      return store;
    };
  }

  private notified(payload: string): void {
    const read = readNotification(payload, this.origin, (conversationId) => this.watchers.count(conversationId) > 0);
    if (read.kind === 'wake') this.watchers.wake(read.conversationId, read.seq);
    else if (read.kind === 'offer') this.watchers.offer(read.conversationId, read.seq, read.activity);
    else if (read.kind === 'ephemeral') this.watchers.broadcast(read.conversationId, read.activity);
  }

  /** One channel per schema: deployments sharing a server do not wake each other. */
  private get channel(): string {
    return `dl_${this.db.schema}`.slice(0, 63);
  }

  async start(conversationId: string, userId: string, nowMs: number, firstSeq = 0): Promise<StartResult> {
    const found = await this.touch(conversationId, nowMs);
    if (found !== undefined) return found === userId ? { kind: 'existing' } : { kind: 'other-user' };
    const admission = await this.db.script('PostgresDirectLineStore.start', admissionSql(this.db.schema, conversationId, userId, firstSeq, nowMs, this.limits));
    const row: unknown = admission[ADMISSION_RESULT]?.rows[0];
    if (typeof row !== 'object' || row === null) throw new Error('PostgresDirectLineStore.start: the admission returned no row');
    const existing: unknown = Reflect.get(row, 'existing');
    if (typeof existing === 'string') return existing === userId ? { kind: 'existing' } : { kind: 'other-user' };
    const evicted: unknown = Reflect.get(row, 'evicted');
    const gone = Array.isArray(evicted) ? evicted.filter(isEvicted) : [];
    for (const each of gone) this.onExpired(each.id, each.user_id);
    if (Reflect.get(row, 'created') !== true) return { kind: 'full' };
    this.stats.size += 1 - gone.length;
    return { kind: 'created' };
  }

  async append(conversationId: string, activity: Partial<Activity>, nowMs: number): Promise<AppendResult> {
    const turn = this.inTurn(conversationId);
    if (turn !== undefined) {
      if (turn.userId === undefined) throw new Error('PostgresDirectLineStore.append: unknown conversation');
      // A typing indicator is for now, not for the turn's COMMIT (the reply it announces goes with it).
      return activity.type === ActivityTypes.Typing ? this.sendEphemeral(conversationId, activity) : turn.add(activity, nowMs);
    }
    const appended = await this.insert('PostgresDirectLineStore.append', conversationId, null, activity, nowMs);
    if (appended === undefined) throw new Error('PostgresDirectLineStore.append: unknown conversation');
    return appended;
  }

  async post(conversationId: string, userId: string, activity: Partial<Activity>, nowMs: number): Promise<PostResult> {
    const turn = this.inTurn(conversationId);
    if (turn !== undefined) {
      if (turn.userId === undefined) return { kind: 'missing' };
      return turn.userId === userId ? turn.add(activity, nowMs) : { kind: 'other-user' };
    }
    const appended = await this.insert('PostgresDirectLineStore.post', conversationId, userId, activity, nowMs);
    if (appended !== undefined) return appended;
    const [row] = await this.db.query<{ user_id: string }>('PostgresDirectLineStore.post', 'SELECT user_id FROM dl_conversations WHERE id = $1', [conversationId]);
    // Recreated by the user's own request meanwhile: 'missing' makes the caller find it and post again.
    return row === undefined || row.user_id === userId ? { kind: 'missing' } : { kind: 'other-user' };
  }

  /** One append statement ({@link APPEND_SQL}); undefined when the conversation is not there (or not `userId`'s). */
  private async insert(method: string, conversationId: string, userId: string | null, activity: Partial<Activity>, nowMs: number): Promise<AppendResult | undefined> {
    // Serialised once, with the shortest id; SQL writes the real one and adds the digits beyond seven.
    const draft = JSON.stringify({ ...activity, id: activityIdOf(conversationId, 0) });
    const bytes = Buffer.byteLength(draft, 'utf8');
    const largest = bytes + MAX_SEQ_DIGITS - SEQ_DIGITS;
    if (largest > this.limits.maxActivityBytes) return { kind: 'too-large', bytes: largest };
    const carry = carries(conversationId, bytes);
    const rows = await this.db.query<{ seq: string; dropped_bytes: string }>(method, APPEND_SQL, [
      conversationId, new Date(nowMs), draft, bytes, this.limits.maxConversationBytes, this.limits.maxActivities, this.channel, this.origin, userId, carry,
    ]);
    if (rows.length === 0) return undefined;
    const dropped = Number(rows[0].dropped_bytes);
    // Only once the bounds drop activities (long conversations): the conversation's upper bound comes back down.
    if (dropped > 0) await this.db.query(method, 'UPDATE dl_conversations SET kept_bytes = kept_bytes - $2 WHERE id = $1', [conversationId, dropped]);
    const seq = Number(rows[0].seq);
    const stored: Partial<Activity> = { ...activity, id: activityIdOf(conversationId, seq) };
    this.watchers.offer(conversationId, seq, stored);
    return { kind: 'stored', activity: stored };
  }

  /** Hands a typing indicator sent during a turn to every instance's streams at once, without storing it. */
  private async sendEphemeral(conversationId: string, activity: Partial<Activity>): Promise<AppendResult> {
    const sent: Partial<Activity> = { ...activity, id: `${conversationId}|typing-${randomBytes(4).toString('hex')}` };
    const payload = ephemeralNotification(this.origin, conversationId, sent);
    if (payload === undefined) return { kind: 'too-large', bytes: Buffer.byteLength(JSON.stringify(sent), 'utf8') };
    this.watchers.broadcast(conversationId, sent);
    await this.db.notify('PostgresDirectLineStore.append', this.channel, payload);
    return { kind: 'stored', activity: sent };
  }

  async replace(conversationId: string, activity: Partial<Activity>): Promise<boolean> {
    const seq = seqOf(conversationId, activity.id);
    if (seq === undefined) return false;
    const inTurn = this.inTurn(conversationId)?.replace(activity);
    if (inTurn !== undefined) return inTurn;
    // On the turn's connection during a turn: its transaction holds the conversation's row, which this updates.
    const updated = await this.db.turnScoped.query('PostgresDirectLineStore.replace', REPLACE_SQL, [conversationId, seq, JSON.stringify(activity), this.limits.maxActivityBytes]);
    return updated.length > 0;
  }

  async remove(conversationId: string, activityId: string): Promise<boolean> {
    const seq = seqOf(conversationId, activityId);
    if (seq === undefined) return false;
    const inTurn = this.inTurn(conversationId)?.remove(activityId);
    if (inTurn !== undefined) return inTurn;
    const tombstone = JSON.stringify({ type: 'messageDelete', id: activityId });
    const updated = await this.db.turnScoped.query('PostgresDirectLineStore.remove', 'UPDATE dl_activities SET activity = $3::jsonb, bytes = $4 WHERE conversation_id = $1 AND seq = $2 RETURNING seq', [
      conversationId, seq, tombstone, Buffer.byteLength(tombstone),
    ]);
    return updated.length > 0;
  }

  /** One statement, one snapshot: the watermark returned is exactly past the activities returned. */
  async since(conversationId: string, watermark: number): Promise<ActivitySet> {
    const rows = await this.db.query<{ next_seq: string; activity: Partial<Activity> | null }>('PostgresDirectLineStore.since', SINCE_SQL, [conversationId, watermark]);
    if (rows.length === 0) throw new Error('PostgresDirectLineStore.since: unknown conversation');
    const activities = rows.flatMap((row) => (row.activity === null ? [] : [row.activity]));
    return { activities, watermark: rows[0].next_seq };
  }

  /** {@link since} for several streams in one statement (one snapshot); undefined for a conversation not there. */
  private async sinceEach(reads: readonly StreamRead[]): Promise<Array<ActivitySet | undefined>> {
    const rows = await this.db.query<{ i: string; next_seq: string; activity: Partial<Activity> | null }>('PostgresDirectLineStore.watch', SINCE_EACH_SQL, [
      reads.map((read) => read.conversationId), reads.map((read) => String(read.watermark)),
    ]);
    const sets: Array<{ activities: Array<Partial<Activity>>; watermark: string } | undefined> = reads.map(() => undefined);
    for (const row of rows) {
      const index = Number(row.i) - 1;
      const set = sets[index] ?? { activities: [], watermark: row.next_seq };
      if (row.activity !== null) set.activities.push(row.activity);
      sets[index] = set;
    }
    return sets;
  }

  watch(conversationId: string, watermark: number, _nowMs: number, listener: ActivityListener): () => void {
    return this.watchers.add(conversationId, watermark, listener);
  }

  listenerCount(conversationId: string): number {
    return this.watchers.count(conversationId);
  }

  async sweep(nowMs: number): Promise<number> {
    // Conversations this instance streams stay alive, as in memory; other instances touch theirs in their own sweep.
    const watched = this.watchers.conversationIds();
    if (watched.length > 0) {
      await this.db.query('PostgresDirectLineStore.sweep', 'UPDATE dl_conversations SET last_active = GREATEST(last_active, $2) WHERE id = ANY($1)', [watched, new Date(nowMs)]);
    }
    const expired = await this.db.query<{ id: string; user_id: string }>(
      'PostgresDirectLineStore.sweep',
      'DELETE FROM dl_conversations WHERE last_active < $1 RETURNING id, user_id',
      [new Date(nowMs - this.limits.idleMs)],
    );
    for (const gone of expired) this.onExpired(gone.id, gone.user_id);
    await this.refreshStats();
    return expired.length;
  }

  get size(): number {
    return this.stats.size;
  }

  get totalBytes(): number {
    return this.stats.bytes;
  }

  async close(): Promise<void> {
    this.stopListening();
    this.stopReconnect();
    this.watchers.close();
  }

  /** Marks the conversation active; its user id, or undefined when it does not exist. */
  private async touch(conversationId: string, nowMs: number): Promise<string | undefined> {
    const rows = await this.db.query<{ user_id: string }>(
      'PostgresDirectLineStore.start',
      'UPDATE dl_conversations SET last_active = GREATEST(last_active, $2) WHERE id = $1 RETURNING user_id',
      [conversationId, new Date(nowMs)],
    );
    return rows[0]?.user_id;
  }

  private async refreshStats(): Promise<void> {
    const [row] = await this.db.query<{ size: number; bytes: string }>(
      'PostgresDirectLineStore.stats',
      'SELECT (SELECT count(*)::int FROM dl_conversations) AS size, (SELECT coalesce(sum(bytes), 0)::text FROM dl_activities) AS bytes',
    );
    this.stats = { size: row.size, bytes: Number(row.bytes) };
  }
}
