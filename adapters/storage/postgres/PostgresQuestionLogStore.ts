import type {
  DailyCounts, EntryCounts, LoggedQuestion, PickCount, QuestionEvent, QuestionFilter, QuestionLogStore, QuestionRecord, TextCount,
} from '../../../bot/index.js';
import { assemblePage, type QuestionPage } from '../questionPage.js';
import { rollupFilter } from '../questionFilterSql.js';
import { eventParams } from '../questionLogSql.js';
import type { DatabaseLog, SqlValue } from './PostgresDatabase.js';
import { writeWithTurn, type TurnAwareDatabase } from './turnCommitWrites.js';
import {
  bindWhere, ENTRY_DAYS, fromEventRow, fromQuestionRow, INSERT_QUESTIONS, QUESTION_COLUMNS, QUESTION_DAYS, questionBatch, RECORD_EVENTS,
  type EventRow, type QuestionRow,
} from './questionLogRows.js';

/** Default number of questions `list` returns (as the SQLite store). */
const DEFAULT_LIST_LIMIT = 1_000;

/**
 * Deltas folded per table by one compaction (migration 007): a console read after a quiet spell folds at most this
 * many before it sums the rest, so no read pays for a whole day's backlog at once.
 */
export const COMPACT_BATCH = 20_000;

/** Count reads fold deltas at most this often per store (folding an empty table still scans what vacuum has not freed). */
export const READ_COMPACT_INTERVAL_MS = 5_000;

/** Where a page of `scan` ends: the last question's time and insertion order. */
interface Cursor {
  readonly time: Date;
  readonly seq: string;
}

/**
 * `QuestionLogStore` in the shared PostgreSQL database (tables of migrations 004 and 007),
 * with the SQLite store's rules and figures: counts come from daily rollups, so the
 * console's overview does not grow with the log. Triggers append each write's deltas
 * (no row shared by concurrent turns), folded into the rollups by {@link compact};
 * reads sum both. Statistics, not votes: it keeps the connections'
 * `synchronous_commit = off`.
 */
export class PostgresQuestionLogStore implements QuestionLogStore {
  private closed = false;
  private lastReadCompaction = 0;

  /** `onClose` releases what the store was opened with (a CLI's own database handle); the server's is shared. */
  constructor(
    private readonly db: TurnAwareDatabase,
    private readonly onClose: () => Promise<void> = async () => {},
  ) {}

  /** During a turn of the PostgresTurnGate, the question goes with the turn's COMMIT ({@link writeWithTurn}). */
  async recordQuestion(question: QuestionRecord): Promise<void> {
    await writeWithTurn(this.db, 'PostgresQuestionLogStore.recordQuestion', INSERT_QUESTIONS, [questionBatch([question])]);
  }

  async recordBatch(questions: readonly QuestionRecord[], events: readonly QuestionEvent[]): Promise<void> {
    const method = 'PostgresQuestionLogStore.recordBatch';
    await this.db.transaction(method, async (tx) => {
      if (questions.length > 0) await tx.query(method, INSERT_QUESTIONS, [questionBatch(questions)]);
      if (events.length > 0) await tx.query(method, RECORD_EVENTS, [JSON.stringify(events.map(eventParams))]);
    });
    // Batches come from the seed script and imports, never from a turn: they fold what they wrote (a batch of votes is a
    // delta per vote), so that the console's first reads after them do not sum tens of thousands of deltas.
    while ((await this.compact()) >= COMPACT_BATCH);
  }

  /**
   * During a turn of the PostgresTurnGate, the event goes with the turn's COMMIT ({@link writeWithTurn}): a vote's
   * event shares the round trip (and the synchronous commit) of the vote itself.
   */
  async recordEvent(event: QuestionEvent): Promise<void> {
    await writeWithTurn(this.db, 'PostgresQuestionLogStore.recordEvent', RECORD_EVENTS, [JSON.stringify([eventParams(event)])]);
  }

  async dailyCounts(filter?: QuestionFilter): Promise<DailyCounts[]> {
    const method = 'PostgresQuestionLogStore.dailyCounts';
    await this.compactBeforeRead(method);
    const where = bindWhere(rollupFilter(filter));
    return this.db.query<DailyCounts>(
      method,
      `SELECT day, channel, kb_version AS "kbVersion", SUM(questions)::int AS questions, SUM(answered)::int AS answered,
              SUM(clarified)::int AS clarified, SUM(declined)::int AS declined, SUM(up)::int AS up, SUM(down)::int AS down
       FROM (${QUESTION_DAYS}) q ${where.sql} GROUP BY day, channel, kb_version ORDER BY day, channel, kb_version`,
      where.params,
    );
  }

  async entryCounts(filter?: QuestionFilter): Promise<EntryCounts[]> {
    const method = 'PostgresQuestionLogStore.entryCounts';
    await this.compactBeforeRead(method);
    const where = bindWhere(rollupFilter(filter));
    return this.db.query<EntryCounts>(
      method,
      `SELECT entry_id AS "entryId", SUM(shown)::int AS shown, SUM(up)::int AS up, SUM(down)::int AS down, SUM(comments)::int AS comments
       FROM (${ENTRY_DAYS}) q ${where.sql} GROUP BY entry_id HAVING SUM(shown) + SUM(up) + SUM(down) + SUM(comments) > 0
       ORDER BY shown DESC, entry_id`,
      where.params,
    );
  }

  /**
   * Folds up to `limit` deltas of each rollup into its daily row (migration 007); returns how many it folded. The
   * server calls it periodically and every count read first folds a bounded batch, so reads sum few deltas.
   */
  async compact(limit = COMPACT_BATCH): Promise<number> {
    const [row] = await this.db.query<{ folded: number }>('PostgresQuestionLogStore.compact', 'SELECT compact_question_rollups($1) AS folded', [limit]);
    return row.folded;
  }

  /**
   * Compacts every `intervalMs` (timer unref'd) until the returned function is called, so deltas stay few even when
   * nobody opens the console; several instances doing it at once fold disjoint deltas. A failure is logged, with its
   * cause, and the next tick tries again (the database may be restarting).
   */
  compactEvery(intervalMs: number, log: Pick<DatabaseLog, 'warn'>): () => void {
    let running = false;
    const timer = setInterval(() => {
      if (running) return;
      running = true;
      this.compact()
        .catch((err: unknown) => log.warn({ err }, 'PostgresQuestionLogStore.compactEvery: folding the rollups\' deltas failed'))
        .finally(() => (running = false));
    }, intervalMs);
    timer.unref();
    return () => clearInterval(timer);
  }

  private async compactBeforeRead(method: string): Promise<void> {
    // A page reads several counts at once and pages come in bursts: one fold per interval is enough, the sums are
    // right without it.
    const now = Date.now();
    if (now - this.lastReadCompaction < READ_COMPACT_INTERVAL_MS) return;
    this.lastReadCompaction = now;
    try {
      await this.compact();
    } catch (cause) {
      throw new Error(`${method}: could not fold the rollups' deltas`, { cause });
    }
  }

  async list(filter?: QuestionFilter, limit = DEFAULT_LIST_LIMIT): Promise<LoggedQuestion[]> {
    return (await this.page('PostgresQuestionLogStore.list', filter, limit)).questions;
  }

  async *scan(filter?: QuestionFilter, pageSize = DEFAULT_LIST_LIMIT): AsyncIterable<LoggedQuestion[]> {
    let after: Cursor | undefined;
    do {
      const page = await this.page('PostgresQuestionLogStore.scan', filter, pageSize, after);
      if (page.questions.length > 0) yield page.questions;
      after = page.next;
    } while (after !== undefined);
  }

  async textCounts(filter: QuestionFilter, limit: number): Promise<TextCount[]> {
    const where = bindWhere(filter);
    return this.db.query<TextCount>(
      'PostgresQuestionLogStore.textCounts',
      `SELECT q.text AS text, count(*)::int AS count FROM questions q ${where.sql ? `${where.sql} AND` : 'WHERE'} q.text <> ''
       GROUP BY q.text ORDER BY count DESC, q.text COLLATE "C" LIMIT $${where.params.length + 1}`,
      [...where.params, limit],
    );
  }

  async pickCounts(filter?: QuestionFilter): Promise<PickCount[]> {
    const where = bindWhere(filter);
    return this.db.query<PickCount>(
      'PostgresQuestionLogStore.pickCounts',
      `SELECT e.entry_id AS picked, c.value->>'id' AS offered, count(*)::int AS times
       FROM question_events e JOIN questions q ON q.id = e.question_id CROSS JOIN LATERAL json_array_elements(q.candidates) AS c (value)
       ${where.sql ? `${where.sql} AND` : 'WHERE'} e.kind = 'clicked' AND e.entry_id IS NOT NULL AND c.value->>'id' <> e.entry_id
       GROUP BY e.entry_id, c.value->>'id' ORDER BY e.entry_id COLLATE "C", (c.value->>'id') COLLATE "C"`,
      where.params,
    );
  }

  /** One page of `list`'s order after `after` (keyset on time then seq), and where the next one starts. */
  private async page(method: string, filter: QuestionFilter | undefined, limit: number, after?: Cursor): Promise<QuestionPage<Cursor>> {
    const where = bindWhere(filter);
    const params: SqlValue[] = [...where.params];
    const conditions = [where.sql.replace(/^WHERE /, '')].filter((part) => part !== '');
    if (after !== undefined) {
      params.push(after.time, after.seq);
      conditions.push(`(q.time, q.seq) < ($${params.length - 1}::timestamptz, $${params.length}::bigint)`);
    }
    params.push(limit);
    const rows = await this.db.query<QuestionRow>(
      method,
      `SELECT ${QUESTION_COLUMNS} FROM questions q ${conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : ''}
       ORDER BY q.time DESC, q.seq DESC LIMIT $${params.length}`,
      params,
    );
    if (rows.length === 0) return { questions: [] };
    // One query for the events of every picked question (not one per question: exports read tens of thousands).
    const eventRows = await this.db.query<EventRow>(
      method,
      'SELECT question_id, time, kind, entry_id, helpful, vote_key, comment FROM question_events WHERE question_id = ANY($1::text[]) ORDER BY seq',
      [rows.map((row) => row.id)],
    );
    return assemblePage(rows, eventRows, limit, { question: fromQuestionRow, event: fromEventRow, cursor: ({ time, seq }) => ({ time, seq }) });
  }

  async dimensions(): Promise<{ channels: string[]; kbVersions: string[] }> {
    const method = 'PostgresQuestionLogStore.dimensions';
    const [channels, kbVersions] = await Promise.all([
      this.db.query<{ v: string }>(method, 'SELECT channel AS v FROM question_days UNION SELECT channel FROM question_day_deltas ORDER BY v'),
      this.db.query<{ v: string }>(method, 'SELECT kb_version AS v FROM question_days UNION SELECT kb_version FROM question_day_deltas ORDER BY v'),
    ]);
    return { channels: channels.map((r) => r.v), kbVersions: kbVersions.map((r) => r.v) };
  }

  /** One statement (atomic without holding a pooled client across round trips). */
  async purgeText(before: string): Promise<number> {
    const [purged] = await this.db.query<{ n: number }>(
      'PostgresQuestionLogStore.purgeText',
      `WITH comments AS (
         UPDATE question_events SET comment = NULL
         WHERE comment IS NOT NULL AND question_id IN (SELECT id FROM questions WHERE time < $1) RETURNING 1
       ), texts AS (
         UPDATE questions SET text = '' WHERE time < $1 AND text <> '' RETURNING 1
       )
       SELECT count(*)::int AS n FROM texts`,
      [before],
    );
    return purged.n;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.onClose();
  }
}
