import type {
  DailyCounts, DecisionKind, EntryCounts, LoggedCandidate, LoggedQuestion, PickCount, QuestionEvent, QuestionEventKind, QuestionFilter,
  QuestionLogStore, QuestionRecord, QuestionSource, TextCount,
} from '../../../bot/index.js';
import { parisDay } from '../parisDay.js';
import { assemblePage, type QuestionPage } from '../questionPage.js';
import { filterWhere, rollupFilter } from '../questionFilterSql.js';
import { eventParams, questionParams } from '../questionLogSql.js';
import type { SqlDatabase, SqlValue } from './PostgresDatabase.js';

/** Default number of questions `list` returns (as the SQLite store). */
const DEFAULT_LIST_LIMIT = 1_000;

interface QuestionRow {
  /** bigint, as text. */
  seq: string;
  id: string;
  time: Date;
  channel: string;
  kb_version: string;
  conversation_hash: string;
  source: QuestionSource;
  text: string;
  facets: Record<string, string>;
  decision: DecisionKind;
  candidates: LoggedCandidate[];
}

interface EventRow {
  question_id: string;
  time: Date;
  kind: QuestionEventKind;
  entry_id: string | null;
  helpful: boolean | null;
  vote_key: string | null;
  comment: string | null;
}

/** A batch travels as one JSON parameter (10,000 questions are one statement, one round trip), rows in array order. */
const INSERT_QUESTIONS = `
  INSERT INTO questions (id, time, day, channel, kb_version, conversation_hash, source, text, facets, decision, candidates, answer_entry)
  SELECT q->>'id', (q->>'time')::timestamptz, q->>'day', q->>'channel', q->>'kbVersion', q->>'conversationHash', q->>'source',
         q->>'text', (q->>'facets')::json, q->>'decision', (q->>'candidates')::json, q->>'answerEntry'
  FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS batch (q, n) ORDER BY n`;

/** Each event through record_question_event (migration 004), in order: a later event may name an earlier vote. */
const RECORD_EVENTS = `
  SELECT record_question_event(e->>'questionId', (e->>'time')::timestamptz, e->>'kind', e->>'entryId',
         (e->>'helpful')::int = 1, e->>'voteKey', e->>'comment') AS stored
  FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS batch (e, n) ORDER BY n`;

/** Where a page of `scan` ends: the last question's time and insertion order. */
interface Cursor {
  readonly time: Date;
  readonly seq: string;
}

const QUESTION_COLUMNS = 'q.seq, q.id, q.time, q.channel, q.kb_version, q.conversation_hash, q.source, q.text, q.facets, q.decision, q.candidates';

/**
 * `QuestionLogStore` in the shared PostgreSQL database (tables of migration 004), with the
 * SQLite store's rules and figures: counts come from daily rollups that triggers keep in
 * step, so the console's overview does not grow with the log. Statistics, not votes: it
 * keeps the connections' `synchronous_commit = off`.
 */
export class PostgresQuestionLogStore implements QuestionLogStore {
  private closed = false;

  /** `onClose` releases what the store was opened with (a CLI's own database handle); the server's is shared. */
  constructor(
    private readonly db: SqlDatabase,
    private readonly onClose: () => Promise<void> = async () => {},
  ) {}

  async recordQuestion(question: QuestionRecord): Promise<void> {
    await this.db.query('PostgresQuestionLogStore.recordQuestion', INSERT_QUESTIONS, [questionBatch([question])]);
  }

  async recordBatch(questions: readonly QuestionRecord[], events: readonly QuestionEvent[]): Promise<void> {
    const method = 'PostgresQuestionLogStore.recordBatch';
    await this.db.transaction(method, async (tx) => {
      if (questions.length > 0) await tx.query(method, INSERT_QUESTIONS, [questionBatch(questions)]);
      if (events.length > 0) await tx.query(method, RECORD_EVENTS, [JSON.stringify(events.map(eventParams))]);
    });
  }

  async recordEvent(event: QuestionEvent): Promise<boolean> {
    const [row] = await this.db.query<{ stored: boolean }>('PostgresQuestionLogStore.recordEvent', RECORD_EVENTS, [JSON.stringify([eventParams(event)])]);
    return row.stored;
  }

  async dailyCounts(filter?: QuestionFilter): Promise<DailyCounts[]> {
    const where = bindWhere(rollupFilter(filter));
    return this.db.query<DailyCounts>(
      'PostgresQuestionLogStore.dailyCounts',
      `SELECT day, channel, kb_version AS "kbVersion", questions, answered, clarified, declined, up, down
       FROM question_days q ${where.sql} ORDER BY day, channel, kb_version`,
      where.params,
    );
  }

  async entryCounts(filter?: QuestionFilter): Promise<EntryCounts[]> {
    const where = bindWhere(rollupFilter(filter));
    return this.db.query<EntryCounts>(
      'PostgresQuestionLogStore.entryCounts',
      `SELECT entry_id AS "entryId", SUM(shown)::int AS shown, SUM(up)::int AS up, SUM(down)::int AS down, SUM(comments)::int AS comments
       FROM entry_days q ${where.sql} GROUP BY entry_id HAVING SUM(shown) + SUM(up) + SUM(down) + SUM(comments) > 0
       ORDER BY shown DESC, entry_id`,
      where.params,
    );
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
      this.db.query<{ v: string }>(method, 'SELECT DISTINCT channel AS v FROM question_days ORDER BY v'),
      this.db.query<{ v: string }>(method, 'SELECT DISTINCT kb_version AS v FROM question_days ORDER BY v'),
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

/** The questions as INSERT_QUESTIONS reads them: the SQLite store's parameters (same candidates, same answer entry). */
function questionBatch(questions: readonly QuestionRecord[]): string {
  return JSON.stringify(questions.map((question) => questionParams(question, parisDay(question.time))));
}

function bindWhere(filter: QuestionFilter = {}): { sql: string; params: string[] } {
  const params: string[] = [];
  const sql = filterWhere(filter, (value) => {
    params.push(value);
    return `$${params.length}`;
  });
  return { sql, params };
}

function fromQuestionRow(row: QuestionRow): QuestionRecord {
  return {
    id: row.id,
    time: row.time.toISOString(),
    channel: row.channel,
    kbVersion: row.kb_version,
    conversationHash: row.conversation_hash,
    source: row.source,
    text: row.text,
    facets: row.facets,
    decision: row.decision,
    candidates: row.candidates,
  };
}

/** Absent optional fields stay absent (not null), as the SQLite store returns them. */
function fromEventRow(row: EventRow): QuestionEvent {
  return {
    questionId: row.question_id,
    time: row.time.toISOString(),
    kind: row.kind,
    ...(row.entry_id !== null && { entryId: row.entry_id }),
    ...(row.helpful !== null && { helpful: row.helpful }),
    ...(row.vote_key !== null && { voteKey: row.vote_key }),
    ...(row.comment !== null && { comment: row.comment }),
  };
}
