/** The question log's SQLite schema and row mapping (SqliteQuestionLogStore runs them). */
import type { DecisionKind, LoggedCandidate, QuestionEvent, QuestionEventKind, QuestionFilter, QuestionRecord, QuestionSource } from '../../bot/index.js';

/** Bumped when the table layout changes; stored in SQLite's `user_version`. */
export const QUESTION_LOG_SCHEMA_VERSION = 1;

/*
 * `day` is the Europe/Paris day, written once at insert so that per-day counts
 * are an index-only scan of questions_overview. `helpful` (the question's last
 * vote) and `answer_entry` are denormalised from the events for the same reason.
 */
export const QUESTION_LOG_SCHEMA = `
CREATE TABLE IF NOT EXISTS questions (
  seq               INTEGER PRIMARY KEY AUTOINCREMENT,
  id                TEXT    NOT NULL UNIQUE,
  time              TEXT    NOT NULL,
  day               TEXT    NOT NULL,
  channel           TEXT    NOT NULL,
  kb_version        TEXT    NOT NULL,
  conversation_hash TEXT    NOT NULL,
  source            TEXT    NOT NULL CHECK (source IN ('typed', 'triage')),
  text              TEXT    NOT NULL,
  facets            TEXT    NOT NULL,
  decision          TEXT    NOT NULL CHECK (decision IN ('answer', 'clarify', 'none', 'list', 'empty')),
  candidates        TEXT    NOT NULL,
  answer_entry      TEXT,
  helpful           INTEGER CHECK (helpful IN (0, 1))
);
CREATE INDEX IF NOT EXISTS questions_overview ON questions (day, channel, kb_version, decision, helpful);
CREATE INDEX IF NOT EXISTS questions_time ON questions (time);
CREATE TABLE IF NOT EXISTS question_events (
  seq         INTEGER PRIMARY KEY AUTOINCREMENT,
  question_id TEXT    NOT NULL REFERENCES questions (id) ON DELETE CASCADE,
  time        TEXT    NOT NULL,
  kind        TEXT    NOT NULL CHECK (kind IN ('clicked', 'voted', 'commented', 'rejected', 'rephrased')),
  entry_id    TEXT,
  helpful     INTEGER CHECK (helpful IN (0, 1)),
  vote_key    TEXT,
  comment     TEXT
);
CREATE INDEX IF NOT EXISTS question_events_question ON question_events (question_id, seq);
CREATE UNIQUE INDEX IF NOT EXISTS question_events_vote ON question_events (vote_key) WHERE kind = 'voted';
CREATE INDEX IF NOT EXISTS question_events_kind ON question_events (kind, entry_id);
`;

export type Params = Record<string, string | number | null>;

export interface QuestionRow {
  id: string;
  time: string;
  channel: string;
  kb_version: string;
  conversation_hash: string;
  source: QuestionSource;
  text: string;
  facets: string;
  decision: DecisionKind;
  candidates: string;
}

export interface EventRow {
  question_id: string;
  time: string;
  kind: QuestionEventKind;
  entry_id: string | null;
  helpful: number | null;
  vote_key: string | null;
  comment: string | null;
}

/** WHERE clause and parameters for a filter on `questions` (aliased `q`). */
export function whereClause(filter: QuestionFilter = {}): { sql: string; params: Params } {
  const parts: string[] = [];
  const params: Params = {};
  if (filter.fromDay !== undefined) {
    parts.push('q.day >= @fromDay');
    params.fromDay = filter.fromDay;
  }
  if (filter.toDay !== undefined) {
    parts.push('q.day <= @toDay');
    params.toDay = filter.toDay;
  }
  if (filter.channel !== undefined) {
    parts.push('q.channel = @channel');
    params.channel = filter.channel;
  }
  if (filter.kbVersion !== undefined) {
    parts.push('q.kb_version = @kbVersion');
    params.kbVersion = filter.kbVersion;
  }
  if (filter.decisions !== undefined) {
    const names = filter.decisions.map((decision, i) => {
      params[`decision${i}`] = decision;
      return `@decision${i}`;
    });
    parts.push(names.length > 0 ? `q.decision IN (${names.join(', ')})` : '0');
  }
  return { sql: parts.length > 0 ? `WHERE ${parts.join(' AND ')}` : '', params };
}

export function questionParams(question: QuestionRecord, day: string): Params {
  return {
    id: question.id,
    time: question.time,
    day,
    channel: question.channel,
    kbVersion: question.kbVersion,
    conversationHash: question.conversationHash,
    source: question.source,
    text: question.text,
    facets: JSON.stringify(question.facets),
    decision: question.decision,
    candidates: JSON.stringify(question.candidates.map(({ id, score }) => (score === undefined ? { id } : { id, score }))),
    answerEntry: question.decision === 'answer' ? (question.candidates[0]?.id ?? null) : null,
  };
}

export function eventParams(event: QuestionEvent): Params {
  return {
    questionId: event.questionId ?? null,
    time: event.time,
    kind: event.kind,
    entryId: event.entryId ?? null,
    helpful: event.helpful === undefined ? null : event.helpful ? 1 : 0,
    voteKey: event.voteKey ?? null,
    comment: event.comment ?? null,
  };
}

export function fromQuestionRow(row: QuestionRow): QuestionRecord {
  return {
    id: row.id,
    time: row.time,
    channel: row.channel,
    kbVersion: row.kb_version,
    conversationHash: row.conversation_hash,
    source: row.source,
    text: row.text,
    facets: JSON.parse(row.facets) as Record<string, string>,
    decision: row.decision,
    candidates: JSON.parse(row.candidates) as LoggedCandidate[],
  };
}

/** Absent optional fields stay absent (not null). */
export function fromEventRow(row: EventRow): QuestionEvent {
  return {
    questionId: row.question_id,
    time: row.time,
    kind: row.kind,
    ...(row.entry_id !== null && { entryId: row.entry_id }),
    ...(row.helpful !== null && { helpful: row.helpful === 1 }),
    ...(row.vote_key !== null && { voteKey: row.vote_key }),
    ...(row.comment !== null && { comment: row.comment }),
  };
}
