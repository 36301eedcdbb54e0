import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import Database from 'better-sqlite3';
import type {
  DailyCounts, EntryCounts, LoggedQuestion, PickCount, QuestionEvent, QuestionFilter, QuestionLogStore, QuestionRecord, TextCount,
} from '../../bot/index.js';
import { parisDay } from './parisDay.js';
import { assemblePage, type QuestionPage } from './questionPage.js';
import { rollupFilter } from './questionFilterSql.js';
import {
  eventParams, fromEventRow, fromQuestionRow, questionParams, QUESTION_LOG_SCHEMA, QUESTION_LOG_SCHEMA_VERSION, whereClause,
  type EventRow, type Params, type QuestionRow,
} from './questionLogSql.js';

/** How long a writer waits for another process's lock (the seed script or the console CLI may hold it). */
const BUSY_TIMEOUT_MS = 5_000;
/** Default number of questions `list` returns (and `scan` reads at a time). */
export const DEFAULT_LIST_LIMIT = 1_000;

/** Where a page of `scan` ends: the last question's time and insertion order. */
interface Cursor {
  readonly time: string;
  readonly seq: number;
}

/**
 * `QuestionLogStore` on a SQLite file (better-sqlite3, WAL). Counts come
 * from daily rollup tables kept by triggers (questionLogSql.ts), so the
 * overview stays fast at 100,000 questions (`npm run bench:console`). Synchronous = NORMAL: losing the last questions
 * on a power cut is acceptable for statistics, unlike votes.
 */
export class SqliteQuestionLogStore implements QuestionLogStore {
  private closed = false;
  private readonly statements = new Map<string, Database.Statement>();

  private constructor(private readonly db: Database.Database) {}

  /** Opens (or creates) the database at `file`; `:memory:` gives a throw-away store. */
  static async create(file: string): Promise<SqliteQuestionLogStore> {
    try {
      if (file !== ':memory:') await mkdir(path.dirname(path.resolve(file)), { recursive: true });
      const db = new Database(file);
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      db.pragma('foreign_keys = ON');
      db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
      const version = Number(db.pragma('user_version', { simple: true }));
      if (version > QUESTION_LOG_SCHEMA_VERSION) {
        db.close();
        throw new Error(`schema version ${version} is newer than this code (${QUESTION_LOG_SCHEMA_VERSION})`);
      }
      db.exec(QUESTION_LOG_SCHEMA);
      db.pragma(`user_version = ${QUESTION_LOG_SCHEMA_VERSION}`);
      return new SqliteQuestionLogStore(db);
    } catch (cause) {
      throw new Error(`SqliteQuestionLogStore.create: cannot open the question log "${file}"`, { cause });
    }
  }

  async recordQuestion(question: QuestionRecord): Promise<void> {
    this.write('recordQuestion', () => this.insertQuestion(question));
  }

  async recordBatch(questions: readonly QuestionRecord[], events: readonly QuestionEvent[]): Promise<void> {
    this.write('recordBatch', () => {
      this.db.transaction(() => {
        for (const question of questions) this.insertQuestion(question);
        for (const event of events) this.insertEvent(event);
      })();
    });
  }

  async recordEvent(event: QuestionEvent): Promise<void> {
    this.write('recordEvent', () => this.db.transaction(() => this.insertEvent(event))());
  }

  async dailyCounts(filter?: QuestionFilter): Promise<DailyCounts[]> {
    const where = whereClause(rollupFilter(filter));
    return this.read('dailyCounts', () =>
      this.db
        .prepare<[Params], DailyCounts>(
          `SELECT day, channel, kb_version AS kbVersion, questions, answered, clarified, declined, up, down
           FROM question_days q ${where.sql} ORDER BY day, channel, kb_version`,
        )
        .all(where.params),
    );
  }

  async entryCounts(filter?: QuestionFilter): Promise<EntryCounts[]> {
    const where = whereClause(rollupFilter(filter));
    return this.read('entryCounts', () =>
      this.db
        .prepare<[Params], EntryCounts>(
          `SELECT entry_id AS entryId, SUM(shown) AS shown, SUM(up) AS up, SUM(down) AS down, SUM(comments) AS comments
           FROM entry_days q ${where.sql} GROUP BY entry_id HAVING SUM(shown) + SUM(up) + SUM(down) + SUM(comments) > 0
           ORDER BY shown DESC, entryId`,
        )
        .all(where.params),
    );
  }

  async list(filter?: QuestionFilter, limit = DEFAULT_LIST_LIMIT): Promise<LoggedQuestion[]> {
    return this.read('list', () => this.page(filter, limit).questions);
  }

  async *scan(filter?: QuestionFilter, pageSize = DEFAULT_LIST_LIMIT): AsyncIterable<LoggedQuestion[]> {
    let after: Cursor | undefined;
    do {
      const page = this.read('scan', () => this.page(filter, pageSize, after));
      if (page.questions.length > 0) yield page.questions;
      after = page.next;
    } while (after !== undefined);
  }

  async textCounts(filter: QuestionFilter, limit: number): Promise<TextCount[]> {
    const where = whereClause(filter);
    return this.read('textCounts', () =>
      this.db
        .prepare<[Params], TextCount>(
          `SELECT q.text AS text, COUNT(*) AS count FROM questions q ${where.sql ? `${where.sql} AND` : 'WHERE'} q.text <> ''
           GROUP BY q.text ORDER BY count DESC, q.text LIMIT @limit`,
        )
        .all({ ...where.params, limit }),
    );
  }

  async pickCounts(filter?: QuestionFilter): Promise<PickCount[]> {
    const where = whereClause(filter);
    return this.read('pickCounts', () =>
      this.db
        .prepare<[Params], PickCount>(
          `SELECT e.entry_id AS picked, c.value ->> 'id' AS offered, COUNT(*) AS times
           FROM question_events e JOIN questions q ON q.id = e.question_id JOIN json_each(q.candidates) c
           ${where.sql ? `${where.sql} AND` : 'WHERE'} e.kind = 'clicked' AND e.entry_id IS NOT NULL AND c.value ->> 'id' <> e.entry_id
           GROUP BY e.entry_id, offered ORDER BY e.entry_id, offered`,
        )
        .all(where.params),
    );
  }

  /** One page of `list`'s order after `after` (keyset on time then seq), and where the next one starts. */
  private page(filter: QuestionFilter | undefined, limit: number, after?: Cursor): QuestionPage<Cursor> {
    const where = whereClause(filter);
    const conditions = [where.sql.replace(/^WHERE /, ''), after && '(q.time, q.seq) < (@afterTime, @afterSeq)'].filter(Boolean);
    const picked = `SELECT q.* FROM questions q ${conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : ''}
      ORDER BY q.time DESC, q.seq DESC LIMIT @limit`;
    const params = { ...where.params, limit, ...(after && { afterTime: after.time, afterSeq: after.seq }) };
    const rows = this.db.prepare<[Params], QuestionRow>(picked).all(params);
    const eventRows = this.db
      .prepare<[string], EventRow>('SELECT e.* FROM question_events e WHERE e.question_id IN (SELECT value FROM json_each(?)) ORDER BY e.seq')
      .all(JSON.stringify(rows.map((row) => row.id)));
    return assemblePage(rows, eventRows, limit, { question: fromQuestionRow, event: fromEventRow, cursor: ({ time, seq }) => ({ time, seq }) });
  }

  async dimensions(): Promise<{ channels: string[]; kbVersions: string[] }> {
    return this.read('dimensions', () => ({
      channels: this.db.prepare<[], { v: string }>('SELECT DISTINCT channel AS v FROM question_days ORDER BY v').all().map((r) => r.v),
      kbVersions: this.db.prepare<[], { v: string }>('SELECT DISTINCT kb_version AS v FROM question_days ORDER BY v').all().map((r) => r.v),
    }));
  }

  async purgeText(before: string): Promise<number> {
    return this.write('purgeText', () =>
      this.db.transaction(() => {
        this.db
          .prepare(
            `UPDATE question_events SET comment = NULL
             WHERE comment IS NOT NULL AND question_id IN (SELECT id FROM questions WHERE time < ?)`,
          )
          .run(before);
        return this.db.prepare("UPDATE questions SET text = '' WHERE time < ? AND text <> ''").run(before).changes;
      })(),
    );
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.db.close();
  }

  private insertQuestion(question: QuestionRecord): void {
    this.statement(
      `INSERT INTO questions (id, time, day, channel, kb_version, conversation_hash, source, text, facets, decision, candidates, answer_entry)
       VALUES (@id, @time, @day, @channel, @kbVersion, @conversationHash, @source, @text, @facets, @decision, @candidates, @answerEntry)`,
    ).run(questionParams(question, parisDay(question.time)));
  }

  /** Prepared once per connection: the seed script writes 100,000 questions through these. */
  private statement(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  /** Runs inside a transaction: the event, then the question's denormalised last vote. */
  private insertEvent(event: QuestionEvent): void {
    let { questionId, entryId } = event;
    if (event.kind === 'commented' && questionId === undefined && event.voteKey !== undefined) {
      const vote = this.statement("SELECT question_id, entry_id FROM question_events WHERE kind = 'voted' AND vote_key = ?").get(event.voteKey) as
        | { question_id: string; entry_id: string | null }
        | undefined;
      questionId = vote?.question_id;
      entryId ??= vote?.entry_id ?? undefined;
    }
    if (questionId === undefined || !this.statement('SELECT 1 FROM questions WHERE id = ?').get(questionId)) return;
    const params = eventParams({ ...event, questionId, ...(entryId !== undefined && { entryId }) });
    if (event.kind === 'voted' && event.voteKey !== undefined) {
      this.statement("DELETE FROM question_events WHERE kind = 'voted' AND vote_key = ?").run(event.voteKey);
    }
    this.statement(
      `INSERT INTO question_events (question_id, time, kind, entry_id, helpful, vote_key, comment)
       VALUES (@questionId, @time, @kind, @entryId, @helpful, @voteKey, @comment)`,
    ).run(params);
    if (event.kind === 'voted') this.statement('UPDATE questions SET helpful = ? WHERE id = ?').run(params.helpful, questionId);
  }

  private write<T>(method: string, work: () => T): T {
    try {
      return work();
    } catch (cause) {
      throw new Error(`SqliteQuestionLogStore.${method}: write failed`, { cause });
    }
  }

  private read<T>(method: string, work: () => T): T {
    try {
      return work();
    } catch (cause) {
      throw new Error(`SqliteQuestionLogStore.${method}: query failed`, { cause });
    }
  }
}
