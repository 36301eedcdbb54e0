import type {
  DecisionKind, LoggedCandidate, QuestionEvent, QuestionEventKind, QuestionFilter, QuestionRecord, QuestionSource,
} from '../../../bot/index.js';
import { parisDay } from '../parisDay.js';
import { filterWhere } from '../questionFilterSql.js';
import { questionParams } from '../questionLogSql.js';

/** The PostgreSQL question log's statements and row mappings (PostgresQuestionLogStore runs them). */

export interface QuestionRow {
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

export interface EventRow {
  question_id: string;
  time: Date;
  kind: QuestionEventKind;
  entry_id: string | null;
  helpful: boolean | null;
  vote_key: string | null;
  comment: string | null;
}

/** A batch travels as one JSON parameter (10,000 questions are one statement, one round trip), rows in array order. */
export const INSERT_QUESTIONS = `
  INSERT INTO questions (id, time, day, channel, kb_version, conversation_hash, source, text, facets, decision, candidates, answer_entry)
  SELECT q->>'id', (q->>'time')::timestamptz, q->>'day', q->>'channel', q->>'kbVersion', q->>'conversationHash', q->>'source',
         q->>'text', (q->>'facets')::json, q->>'decision', (q->>'candidates')::json, q->>'answerEntry'
  FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS batch (q, n) ORDER BY n`;

/** Each event through record_question_event (migration 004), in order: a later event may name an earlier vote. */
export const RECORD_EVENTS = `
  SELECT record_question_event(e->>'questionId', (e->>'time')::timestamptz, e->>'kind', e->>'entryId',
         (e->>'helpful')::int = 1, e->>'voteKey', e->>'comment') AS stored
  FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS batch (e, n) ORDER BY n`;

/** A day's counts: its rollup row plus the deltas not folded yet (summed by the reader). */
export const QUESTION_DAYS = `
  SELECT day, channel, kb_version, questions, answered, clarified, declined, up, down FROM question_days
  UNION ALL SELECT day, channel, kb_version, questions, answered, clarified, declined, up, down FROM question_day_deltas`;
export const ENTRY_DAYS = `
  SELECT day, channel, kb_version, entry_id, shown, up, down, comments FROM entry_days
  UNION ALL SELECT day, channel, kb_version, entry_id, shown, up, down, comments FROM entry_day_deltas`;

export const QUESTION_COLUMNS = 'q.seq, q.id, q.time, q.channel, q.kb_version, q.conversation_hash, q.source, q.text, q.facets, q.decision, q.candidates';

/** The questions as INSERT_QUESTIONS reads them: the SQLite store's parameters (same candidates, same answer entry). */
export function questionBatch(questions: readonly QuestionRecord[]): string {
  return JSON.stringify(questions.map((question) => questionParams(question, parisDay(question.time))));
}

export function bindWhere(filter: QuestionFilter = {}): { sql: string; params: string[] } {
  const params: string[] = [];
  const sql = filterWhere(filter, (value) => {
    params.push(value);
    return `$${params.length}`;
  });
  return { sql, params };
}

export function fromQuestionRow(row: QuestionRow): QuestionRecord {
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
export function fromEventRow(row: EventRow): QuestionEvent {
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
