import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { FeedbackRecord, FeedbackStore } from '../../bot/index.js';

/** Bumped when the table layout changes; stored in SQLite's `user_version`. */
export const FEEDBACK_SCHEMA_VERSION = 1;
/** How long a writer waits for another process's lock before failing (the CLI may read while the bot writes). */
export const BUSY_TIMEOUT_MS = 5_000;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS feedback_records (
  seq               INTEGER PRIMARY KEY AUTOINCREMENT,
  kind              TEXT    NOT NULL CHECK (kind IN ('feedback', 'unanswered')),
  vote_key          TEXT    UNIQUE,
  time              TEXT    NOT NULL,
  channel           TEXT    NOT NULL,
  user_hash         TEXT    NOT NULL,
  conversation_hash TEXT    NOT NULL,
  question          TEXT    NOT NULL,
  answer_id         TEXT,
  score             REAL,
  rank              INTEGER,
  kb_version        TEXT    NOT NULL,
  helpful           INTEGER CHECK (helpful IN (0, 1)),
  comment           TEXT
);
CREATE INDEX IF NOT EXISTS feedback_records_time ON feedback_records (time, seq);
`;

interface Row {
  kind: 'feedback' | 'unanswered';
  time: string;
  channel: string;
  user_hash: string;
  conversation_hash: string;
  question: string;
  answer_id: string | null;
  score: number | null;
  rank: number | null;
  kb_version: string;
  helpful: number | null;
  comment: string | null;
}

type Params = Record<string, string | number | null>;

/**
 * `FeedbackStore` on a SQLite file (better-sqlite3, WAL journal so the
 * `feedback` CLI can read while the bot writes). The folder and the schema are
 * created on first use. A vote is upserted by its `voteKey`; a repeated vote
 * without a comment keeps the one already written (the user's words are not
 * lost to a double click), a flipped vote drops it (it explained the other choice).
 */
export class SqliteFeedbackStore implements FeedbackStore {
  private closed = false;

  private constructor(private readonly db: Database.Database) {}

  /** Opens (or creates) the database at `file`; `:memory:` gives a throw-away store. */
  static async create(file: string): Promise<SqliteFeedbackStore> {
    try {
      if (file !== ':memory:') await mkdir(path.dirname(path.resolve(file)), { recursive: true });
      const db = new Database(file);
      db.pragma('journal_mode = WAL');
      // WAL's default (NORMAL) can lose the last acknowledged votes on a power cut; FULL syncs each commit (cost: npm run bench).
      db.pragma('synchronous = FULL');
      db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
      const version = Number(db.pragma('user_version', { simple: true }));
      if (version > FEEDBACK_SCHEMA_VERSION) {
        db.close();
        throw new Error(`schema version ${version} is newer than this code (${FEEDBACK_SCHEMA_VERSION})`);
      }
      db.exec(SCHEMA);
      db.pragma(`user_version = ${FEEDBACK_SCHEMA_VERSION}`);
      return new SqliteFeedbackStore(db);
    } catch (cause) {
      throw new Error(`SqliteFeedbackStore.create: cannot open the feedback database "${file}"`, { cause });
    }
  }

  async recordFeedback(record: FeedbackRecord & { readonly kind: 'feedback'; readonly voteKey: string }): Promise<void> {
    this.run(
      'recordFeedback',
      `INSERT INTO feedback_records
         (kind, vote_key, time, channel, user_hash, conversation_hash, question, answer_id, score, rank, kb_version, helpful, comment)
       VALUES ('feedback', @voteKey, @time, @channel, @userHash, @conversationHash, @question, @answerId, @score, @rank,
               @kbVersion, @helpful, @comment)
       ON CONFLICT (vote_key) DO UPDATE SET
         time = excluded.time, channel = excluded.channel, user_hash = excluded.user_hash,
         conversation_hash = excluded.conversation_hash, question = excluded.question, answer_id = excluded.answer_id,
         score = excluded.score, rank = excluded.rank, kb_version = excluded.kb_version, helpful = excluded.helpful,
         comment = COALESCE(excluded.comment, CASE WHEN excluded.helpful = feedback_records.helpful THEN feedback_records.comment END)`,
      { ...toParams(record), voteKey: record.voteKey },
    );
  }

  async addComment(voteKey: string, comment: string): Promise<void> {
    const changes = this.run('addComment', 'UPDATE feedback_records SET comment = @comment WHERE vote_key = @voteKey', {
      voteKey,
      comment,
    });
    if (changes === 0) throw new Error('SqliteFeedbackStore.addComment: no vote recorded under this key');
  }

  async recordUnanswered(record: FeedbackRecord & { readonly kind: 'unanswered' }): Promise<void> {
    this.run(
      'recordUnanswered',
      `INSERT INTO feedback_records
         (kind, time, channel, user_hash, conversation_hash, question, answer_id, score, rank, kb_version, helpful, comment)
       VALUES ('unanswered', @time, @channel, @userHash, @conversationHash, @question, @answerId, @score, @rank,
               @kbVersion, @helpful, @comment)`,
      toParams(record),
    );
  }

  async list(): Promise<FeedbackRecord[]> {
    try {
      const rows = this.db.prepare<[], Row>('SELECT * FROM feedback_records ORDER BY time, seq').all();
      return rows.map(fromRow);
    } catch (cause) {
      throw new Error('SqliteFeedbackStore.list: query failed', { cause });
    }
  }

  async purgeText(before: string): Promise<number> {
    return this.run(
      'purgeText',
      "UPDATE feedback_records SET question = '', comment = NULL WHERE time < @before AND (question <> '' OR comment IS NOT NULL)",
      { before },
    );
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.db.close();
  }

  private run(method: string, sql: string, params: Params): number {
    try {
      return this.db.prepare<[Params]>(sql).run(params).changes;
    } catch (cause) {
      throw new Error(`SqliteFeedbackStore.${method}: write failed`, { cause });
    }
  }
}

function toParams(record: FeedbackRecord): Params {
  return {
    time: record.time,
    channel: record.channel,
    userHash: record.userHash,
    conversationHash: record.conversationHash,
    question: record.question,
    answerId: record.answerId ?? null,
    score: record.score ?? null,
    rank: record.rank ?? null,
    kbVersion: record.kbVersion,
    helpful: record.helpful === undefined ? null : record.helpful ? 1 : 0,
    comment: record.comment ?? null,
  };
}

/** Absent optional fields stay absent (not null) so JSON lines stay small and typed. */
function fromRow(row: Row): FeedbackRecord {
  return {
    kind: row.kind,
    time: row.time,
    channel: row.channel,
    userHash: row.user_hash,
    conversationHash: row.conversation_hash,
    question: row.question,
    kbVersion: row.kb_version,
    ...(row.answer_id !== null && { answerId: row.answer_id }),
    ...(row.score !== null && { score: row.score }),
    ...(row.rank !== null && { rank: row.rank }),
    ...(row.helpful !== null && { helpful: row.helpful === 1 }),
    ...(row.comment !== null && { comment: row.comment }),
  };
}
