/** The statements of PostgresDirectLineStore that are more than one line. */
import pg from 'pg';
import type { ConversationLimits } from '../../directline/index.js';

/** Activity ids carry the sequence number zero-padded to this many digits (as the memory store writes them). */
export const SEQ_DIGITS = 7;

/** The Direct Line id of an activity: `<conversation>|<seq>`, seq zero-padded as the memory store writes it. */
export function activityIdOf(conversationId: string, seq: number): string {
  return `${conversationId}|${String(seq).padStart(SEQ_DIGITS, '0')}`;
}

/** The sequence number of an activity id of `conversationId`; undefined when it is not one. */
export function seqOf(conversationId: string, id: string | undefined): number | undefined {
  const prefix = `${conversationId}|`;
  if (id === undefined || !id.startsWith(prefix) || !/^\d+$/.test(id.slice(prefix.length))) return undefined;
  return Number(id.slice(prefix.length));
}

/**
 * The CTEs of an append that drop a conversation's oldest activities beyond its bounds, once `numbered` (`seq`: the
 * newest sequence number appended, `bytes`: the bytes appended, `may_be_over`: whether `kept_bytes` is over the byte
 * bound) is stored; the rows they see are those stored before the statement. $1 conversation, $5 byte bound, $6
 * count bound.
 */
const TRIM_BEYOND_BOUNDS = `kept AS (
    SELECT a.seq, sum(a.bytes) OVER (ORDER BY a.seq DESC) AS newer_bytes FROM dl_activities a, numbered n
    WHERE a.conversation_id = $1 AND n.may_be_over
  ), dropped AS (
    DELETE FROM dl_activities d USING kept, numbered
    WHERE d.conversation_id = $1 AND d.seq = kept.seq AND (kept.newer_bytes + numbered.bytes > $5 OR kept.seq <= numbered.seq - $6)
    RETURNING d.bytes
  ), aged AS (
    -- Within the byte bound: the count bound alone, a range of the primary key.
    DELETE FROM dl_activities d USING numbered
    WHERE d.conversation_id = $1 AND NOT numbered.may_be_over AND d.seq <= numbered.seq - $6
    RETURNING d.bytes
  )`;

/**
 * An append in one statement, so one round trip and no explicit transaction: take the next
 * sequence number (the conversation row's lock orders concurrent appends) and add the activity's
 * bytes to the conversation's `kept_bytes` (migration 009), store the activity with its id, drop
 * the oldest beyond the conversation's bounds counting the new one, and wake every instance with
 * `<origin> <seq> <conversation>` (ids only), or, when `$10` says the activity fits well below NOTIFY's
 * 8,000-byte limit, `<origin>+ <seq> <activity as sent, $3>\n<conversation>` (the activity itself, so that
 * the other instances need not read it back; `JSON.stringify` writes no raw line break, so the first one
 * ends it); returns the bytes dropped, which the caller subtracts from `kept_bytes`.
 * The count bound is sequence arithmetic, exact under concurrency. The byte bound sums the rows
 * this statement's snapshot sees, only when `kept_bytes` (an upper bound) is over it; so two
 * appends racing on one conversation (a visitor's post and the bot's reply) may leave it over by
 * one activity until its next append.
 * $1 conversation, $2 now, $3 activity with a 7-digit id, $4 its bytes, $5 byte bound, $6 count bound, $7 channel, $8 origin,
 * $9 the user the conversation must belong to (null: any), $10 whether the notification carries the activity.
 */
export const APPEND_SQL = `
  WITH bumped AS (
    UPDATE dl_conversations SET next_seq = next_seq + 1, last_active = GREATEST(last_active, $2),
      kept_bytes = kept_bytes + $4::int + greatest(length(next_seq::text) - ${SEQ_DIGITS}, 0)
    WHERE id = $1 AND ($9::text IS NULL OR user_id = $9) RETURNING next_seq - 1 AS seq, kept_bytes
  ), numbered AS (
    SELECT seq, $1 || '|' || lpad(seq::text, greatest(${SEQ_DIGITS}, length(seq::text)), '0') AS id,
           $4::int + greatest(length(seq::text) - ${SEQ_DIGITS}, 0) AS bytes, kept_bytes IS NULL OR kept_bytes > $5 AS may_be_over
    FROM bumped
  ), added AS (
    INSERT INTO dl_activities (conversation_id, seq, activity, bytes)
    SELECT $1, seq, $3::text::jsonb || jsonb_build_object('id', id), bytes FROM numbered
  ), ${TRIM_BEYOND_BOUNDS}
  SELECT seq::text AS seq,
         pg_notify($7, CASE WHEN $10::boolean THEN $8 || '+ ' || seq || ' ' || $3::text || chr(10) || $1 ELSE $8 || ' ' || seq || ' ' || $1 END),
         ((SELECT coalesce(sum(bytes), 0) FROM dropped) + (SELECT coalesce(sum(bytes), 0) FROM aged))::text AS dropped_bytes
  FROM numbered`;

/**
 * Replaces a kept activity within the per-activity bound, adding what it grew to the conversation's `kept_bytes`.
 * $1 conversation, $2 seq, $3 the activity's new fields, $4 the per-activity bound.
 */
export const REPLACE_SQL = `
  WITH replaced AS (
    UPDATE dl_activities a SET activity = a.activity || $3::jsonb, bytes = octet_length((a.activity || $3::jsonb)::text)
    FROM dl_activities old
    WHERE a.conversation_id = $1 AND a.seq = $2 AND old.conversation_id = $1 AND old.seq = $2 AND octet_length((a.activity || $3::jsonb)::text) <= $4
    RETURNING a.seq, a.bytes - old.bytes AS grown
  ), counted AS (
    UPDATE dl_conversations SET kept_bytes = kept_bytes + replaced.grown FROM replaced WHERE id = $1 AND replaced.grown > 0
  )
  SELECT seq FROM replaced`;
/** Index of the admission statement's result in its round trip (BEGIN, lock, admission, COMMIT). */
export const ADMISSION_RESULT = 2;

/**
 * Starting a conversation that is not there, in one round trip ({@link PostgresDatabase.script}): admissions
 * run one at a time across instances (a transaction-scoped advisory lock, taken before the admission statement's
 * snapshot, so the count it sees includes every earlier admission), then one statement finds the conversation
 * (created meanwhile), or makes room by evicting the least recently active conversation quiet for long enough when
 * the cap is reached, and inserts it; nothing inserted and nothing found: the endpoint is full.
 */
export function admissionSql(schema: string, conversationId: string, userId: string, firstSeq: number, nowMs: number, limits: ConversationLimits): string {
  const id = pg.escapeLiteral(conversationId);
  const cap = Math.trunc(limits.maxConversations);
  const room = `((SELECT n FROM open) < ${cap} OR EXISTS (SELECT 1 FROM evicted))`;
  return `SELECT pg_advisory_xact_lock(hashtext(${pg.escapeLiteral(`${schema} dl admission`)}));
    WITH again AS (SELECT user_id FROM dl_conversations WHERE id = ${id}),
    open AS (SELECT count(*) AS n FROM dl_conversations),
    evicted AS (
      DELETE FROM dl_conversations WHERE id = (
        SELECT id FROM dl_conversations WHERE last_active < ${timestamp(nowMs - limits.evictableIdleMs)} ORDER BY last_active LIMIT 1 FOR UPDATE SKIP LOCKED
      ) AND NOT EXISTS (SELECT 1 FROM again) AND (SELECT n FROM open) >= ${cap}
      RETURNING id, user_id
    ),
    inserted AS (
      INSERT INTO dl_conversations (id, user_id, next_seq, last_active, kept_bytes)
      SELECT ${id}, ${pg.escapeLiteral(userId)}, ${Math.trunc(firstSeq)}, ${timestamp(nowMs)}, 0
      WHERE NOT EXISTS (SELECT 1 FROM again) AND ${room}
      RETURNING id
    )
    SELECT (SELECT user_id FROM again) AS existing, EXISTS (SELECT 1 FROM inserted) AS created,
           (SELECT coalesce(json_agg(json_build_object('id', id, 'user_id', user_id)), '[]') FROM evicted) AS evicted`;
}

function timestamp(ms: number): string {
  return `${pg.escapeLiteral(new Date(ms).toISOString())}::timestamptz`;
}

export function isEvicted(value: unknown): value is { id: string; user_id: string } {
  return typeof value === 'object' && value !== null && typeof Reflect.get(value, 'id') === 'string' && typeof Reflect.get(value, 'user_id') === 'string';
}

/** The activities of a conversation from a watermark, and its next sequence number; no row when it is not there. $1 conversation, $2 watermark. */
export const SINCE_SQL = `SELECT c.next_seq::text AS next_seq, a.activity FROM dl_conversations c
  LEFT JOIN dl_activities a ON a.conversation_id = c.id AND a.seq >= $2
  WHERE c.id = $1 ORDER BY a.seq`;

/**
 * The activities of several streams from their watermarks, in one snapshot: rows by read (`i`, from 1) then sequence
 * number, the conversation's next sequence number on each; no row for a read whose conversation is not there.
 * $1 conversations, $2 watermarks.
 */
export const SINCE_EACH_SQL = `
  SELECT r.i::text AS i, c.next_seq::text AS next_seq, a.activity
  FROM unnest($1::text[], $2::bigint[]) WITH ORDINALITY AS r(conversation_id, watermark, i)
  JOIN dl_conversations c ON c.id = r.conversation_id
  LEFT JOIN dl_activities a ON a.conversation_id = c.id AND a.seq >= r.watermark
  ORDER BY r.i, a.seq`;

/**
 * The statement a turn of the PostgresTurnGate sends with its BEGIN to hold its own conversation for its appends
 * (TurnAppends): the conversation's owner, next sequence number and `kept_bytes`, its row locked until the turn commits, so that
 * no other append takes a sequence number meanwhile; no owner when the conversation is not there.
 */
export function conversationPreloadSql(conversationId: string): string {
  return `SELECT k.id, c.user_id, c.next_seq::text AS next_seq, c.kept_bytes::text AS kept_bytes FROM (SELECT ${pg.escapeLiteral(conversationId)}::text AS id) k
    LEFT JOIN LATERAL (SELECT user_id, next_seq, kept_bytes FROM dl_conversations WHERE id = k.id FOR NO KEY UPDATE) c ON true`;
}

/**
 * {@link APPEND_SQL} for the activities a turn sends with its COMMIT, all in one statement, numbered by the turn from
 * its locked conversation row ({@link conversationPreloadSql}): they come with their final ids and exact bytes, and
 * the insert does not depend on the row's update, so a sequence number taken twice or a conversation gone fails the
 * statement (primary or foreign key), and the turn with it, instead of losing an activity. The bounds count the
 * batch as one append: the caller sends a batch within them (the rows trimmed are those already stored).
 * One notification per activity, in order. Arrays go as text[] (the only arrays a script's literals write).
 * $1 conversation, $2 now, $3 activities, $4 their bytes, $5 byte bound, $6 count bound, $7 channel, $8 origin,
 * $9 the first one's sequence number, $10 whether each notification carries its activity ('true'/'false').
 */
export const APPEND_BATCH_IN_TURN_SQL = `
  WITH batch AS (
    SELECT $9::bigint + t.i - 1 AS seq, t.activity, t.bytes::int AS bytes, t.carry::boolean AS carry
    FROM unnest($3::text[], $4::text[], $10::text[]) WITH ORDINALITY AS t(activity, bytes, carry, i)
  ), total AS (
    SELECT sum(bytes)::int AS bytes, max(seq) AS last FROM batch
  ), bumped AS (
    UPDATE dl_conversations SET next_seq = GREATEST(next_seq, (SELECT last FROM total) + 1), last_active = GREATEST(last_active, $2),
      kept_bytes = kept_bytes + (SELECT bytes FROM total)
    WHERE id = $1 RETURNING kept_bytes IS NULL OR kept_bytes > $5 AS may_be_over
  ), numbered AS (
    SELECT total.last AS seq, total.bytes, bumped.may_be_over FROM total, bumped
  ), added AS (
    INSERT INTO dl_activities (conversation_id, seq, activity, bytes) SELECT $1, seq, activity::jsonb, bytes FROM batch
  ), ${TRIM_BEYOND_BOUNDS}
  SELECT pg_notify($7, CASE WHEN b.carry THEN $8 || '+ ' || b.seq || ' ' || b.activity || chr(10) || $1 ELSE $8 || ' ' || b.seq || ' ' || $1 END)
  FROM batch b, bumped ORDER BY b.seq`;

/**
 * After a turn's appends: the conversation's `kept_bytes` back to the exact sum of its activities' bytes, when it is
 * over the byte bound (the appends dropped activities to stay within it). $1 conversation, $2 byte bound.
 */
export const KEPT_BYTES_SQL = `UPDATE dl_conversations SET kept_bytes = (SELECT coalesce(sum(bytes), 0) FROM dl_activities WHERE conversation_id = $1)
  WHERE id = $1 AND kept_bytes > $2`;
