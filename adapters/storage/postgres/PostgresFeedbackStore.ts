import type { FeedbackRecord, FeedbackStore } from '../../../bot/index.js';
import type { SqlValue } from './PostgresDatabase.js';
import { writeWithTurn, type TurnAwareDatabase } from './turnCommitWrites.js';

interface Row {
  kind: 'feedback' | 'unanswered';
  time: Date;
  channel: string;
  user_hash: string;
  conversation_hash: string;
  question: string;
  answer_id: string | null;
  score: number | null;
  rank: number | null;
  kb_version: string;
  helpful: boolean | null;
  comment: string | null;
}

const COLUMNS = 'kind, time, channel, user_hash, conversation_hash, question, answer_id, score, rank, kb_version, helpful, comment';
/** `toParams` as $1…$11, typed (an INSERT … SELECT gives its parameters no column to take a type from). */
const TYPED_PARAMS =
  '$1::timestamptz, $2::text, $3::text, $4::text, $5::text, $6::text, $7::double precision, $8::integer, $9::text, $10::boolean, $11::text';
/**
 * Joined into each write: turns `synchronous_commit` on until the end of the statement's own (implicit) transaction,
 * whose commit reads it, so that the write is acknowledged only once its WAL is flushed; one statement, one round
 * trip, no BEGIN / SET LOCAL / COMMIT. The connections default to off for conversation data (PostgresDatabase).
 */
const DURABLE = "(SELECT set_config('synchronous_commit', 'on', true)) AS durable";

/**
 * `FeedbackStore` in the shared PostgreSQL database (table `feedback_records`, created by
 * the migrations), with the SQLite store's rules: a vote is upserted by its `voteKey`, a
 * repeated vote without a comment keeps the one written, a flipped vote drops it. A vote
 * is acknowledged once its statement has committed with `synchronous_commit = on` (the
 * connections default to off for conversation data): an acknowledged vote is on disk.
 * Each write is one statement ({@link DURABLE}). During a turn of the PostgresTurnGate, a vote and an unanswered
 * question go with the turn's COMMIT ({@link writeWithTurn}), which DURABLE then makes synchronous: they are on disk
 * when the turn's request is answered, and a turn that fails records neither.
 */
export class PostgresFeedbackStore implements FeedbackStore {
  private closed = false;

  /** `onClose` releases what the store was opened with (the CLI's own database handle); the server's is shared. */
  constructor(
    private readonly db: TurnAwareDatabase,
    private readonly onClose: () => Promise<void> = async () => {},
  ) {}

  async recordFeedback(record: FeedbackRecord & { readonly kind: 'feedback'; readonly voteKey: string }): Promise<void> {
    await writeWithTurn(
      this.db,
      'PostgresFeedbackStore.recordFeedback',
      `INSERT INTO feedback_records (${COLUMNS}, vote_key)
       SELECT 'feedback', ${TYPED_PARAMS}, $12::text FROM ${DURABLE}
       ON CONFLICT (vote_key) DO UPDATE SET
         time = excluded.time, channel = excluded.channel, user_hash = excluded.user_hash,
         conversation_hash = excluded.conversation_hash, question = excluded.question, answer_id = excluded.answer_id,
         score = excluded.score, rank = excluded.rank, kb_version = excluded.kb_version, helpful = excluded.helpful,
         comment = COALESCE(excluded.comment, CASE WHEN excluded.helpful = feedback_records.helpful THEN feedback_records.comment END)`,
      [...toParams(record), record.voteKey],
    );
  }

  async addComment(voteKey: string, comment: string): Promise<void> {
    const updated = await this.db.query(
      'PostgresFeedbackStore.addComment',
      `UPDATE feedback_records SET comment = $2 FROM ${DURABLE} WHERE vote_key = $1 RETURNING seq`,
      [voteKey, comment],
    );
    if (updated.length === 0) throw new Error('PostgresFeedbackStore.addComment: no vote recorded under this key');
  }

  async recordUnanswered(record: FeedbackRecord & { readonly kind: 'unanswered' }): Promise<void> {
    await writeWithTurn(
      this.db,
      'PostgresFeedbackStore.recordUnanswered',
      `INSERT INTO feedback_records (${COLUMNS}) SELECT 'unanswered', ${TYPED_PARAMS} FROM ${DURABLE}`,
      toParams(record),
    );
  }

  async list(): Promise<FeedbackRecord[]> {
    const rows = await this.db.query<Row>('PostgresFeedbackStore.list', `SELECT ${COLUMNS} FROM feedback_records ORDER BY time, seq`);
    return rows.map(fromRow);
  }

  async purgeText(before: string): Promise<number> {
    const purged = await this.db.query(
      'PostgresFeedbackStore.purgeText',
      "UPDATE feedback_records SET question = '', comment = NULL WHERE time < $1 AND (question <> '' OR comment IS NOT NULL) RETURNING seq",
      [before],
    );
    return purged.length;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.onClose();
  }
}

function toParams(record: FeedbackRecord): SqlValue[] {
  return [
    new Date(record.time), record.channel, record.userHash, record.conversationHash, record.question, record.answerId ?? null,
    record.score ?? null, record.rank ?? null, record.kbVersion, record.helpful ?? null, record.comment ?? null,
  ];
}

/** Absent optional fields stay absent (not null), as the SQLite store returns them. */
function fromRow(row: Row): FeedbackRecord {
  return {
    kind: row.kind,
    time: row.time.toISOString(),
    channel: row.channel,
    userHash: row.user_hash,
    conversationHash: row.conversation_hash,
    question: row.question,
    kbVersion: row.kb_version,
    ...(row.answer_id !== null && { answerId: row.answer_id }),
    ...(row.score !== null && { score: row.score }),
    ...(row.rank !== null && { rank: row.rank }),
    ...(row.helpful !== null && { helpful: row.helpful }),
    ...(row.comment !== null && { comment: row.comment }),
  };
}
