/**
 * The question log's SQLite schema and row mapping (SqliteQuestionLogStore runs them), and the
 * parameters of a question or event, which PostgresQuestionLogStore sends as they are.
 */
import type { DecisionKind, LoggedCandidate, QuestionEvent, QuestionEventKind, QuestionFilter, QuestionRecord, QuestionSource } from '../../bot/index.js';
import { filterWhere } from './questionFilterSql.js';

/** Bumped when the table layout changes; stored in SQLite's `user_version`. */
export const QUESTION_LOG_SCHEMA_VERSION = 1;

/*
 * `day` is the Europe/Paris day, written once at insert. The overview reads
 * daily rollups (question_days, entry_days) that triggers keep in step with
 * every write, so its cost does not grow with the number of questions.
 * `helpful` (the question's last vote) and `answer_entry` are denormalised
 * from the events for the same reason.
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
CREATE INDEX IF NOT EXISTS questions_time ON questions (time);
CREATE INDEX IF NOT EXISTS questions_decision ON questions (decision, time);
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
CREATE INDEX IF NOT EXISTS question_events_kind ON question_events (kind, question_id);
CREATE UNIQUE INDEX IF NOT EXISTS question_events_vote ON question_events (vote_key) WHERE kind = 'voted';
CREATE TABLE IF NOT EXISTS question_days (
  day TEXT NOT NULL, channel TEXT NOT NULL, kb_version TEXT NOT NULL,
  questions INTEGER NOT NULL, answered INTEGER NOT NULL, clarified INTEGER NOT NULL, declined INTEGER NOT NULL,
  up INTEGER NOT NULL, down INTEGER NOT NULL,
  PRIMARY KEY (day, channel, kb_version)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS entry_days (
  day TEXT NOT NULL, channel TEXT NOT NULL, kb_version TEXT NOT NULL, entry_id TEXT NOT NULL,
  shown INTEGER NOT NULL, up INTEGER NOT NULL, down INTEGER NOT NULL, comments INTEGER NOT NULL,
  PRIMARY KEY (day, channel, kb_version, entry_id)
) WITHOUT ROWID;
CREATE TRIGGER IF NOT EXISTS questions_rollup AFTER INSERT ON questions BEGIN
  INSERT INTO question_days VALUES (NEW.day, NEW.channel, NEW.kb_version, 1, NEW.decision = 'answer',
    NEW.decision IN ('clarify', 'list'), NEW.decision IN ('none', 'empty'), 0, 0)
  ON CONFLICT (day, channel, kb_version) DO UPDATE SET questions = questions + 1, answered = answered + excluded.answered,
    clarified = clarified + excluded.clarified, declined = declined + excluded.declined;
  INSERT INTO entry_days SELECT NEW.day, NEW.channel, NEW.kb_version, NEW.answer_entry, 1, 0, 0, 0 WHERE NEW.answer_entry IS NOT NULL
  ON CONFLICT (day, channel, kb_version, entry_id) DO UPDATE SET shown = shown + 1;
END;
CREATE TRIGGER IF NOT EXISTS questions_vote_rollup AFTER UPDATE OF helpful ON questions BEGIN
  UPDATE question_days SET up = up + (NEW.helpful IS 1) - (OLD.helpful IS 1), down = down + (NEW.helpful IS 0) - (OLD.helpful IS 0)
  WHERE day = NEW.day AND channel = NEW.channel AND kb_version = NEW.kb_version;
END;
CREATE TRIGGER IF NOT EXISTS events_rollup AFTER INSERT ON question_events
WHEN NEW.entry_id IS NOT NULL AND NEW.kind IN ('clicked', 'voted', 'commented') BEGIN
  INSERT INTO entry_days SELECT q.day, q.channel, q.kb_version, NEW.entry_id, NEW.kind = 'clicked', NEW.kind = 'voted' AND NEW.helpful = 1,
    NEW.kind = 'voted' AND NEW.helpful = 0, NEW.kind = 'commented' FROM questions q WHERE q.id = NEW.question_id
  ON CONFLICT (day, channel, kb_version, entry_id) DO UPDATE SET shown = shown + excluded.shown, up = up + excluded.up,
    down = down + excluded.down, comments = comments + excluded.comments;
END;
CREATE TRIGGER IF NOT EXISTS events_unroll AFTER DELETE ON question_events
WHEN OLD.entry_id IS NOT NULL AND OLD.kind IN ('clicked', 'voted', 'commented') BEGIN
  UPDATE entry_days SET shown = shown - (OLD.kind = 'clicked'), up = up - (OLD.kind = 'voted' AND OLD.helpful = 1),
    down = down - (OLD.kind = 'voted' AND OLD.helpful = 0), comments = comments - (OLD.kind = 'commented')
  WHERE entry_id = OLD.entry_id AND (day, channel, kb_version) = (SELECT day, channel, kb_version FROM questions WHERE id = OLD.question_id);
END;
`;

export type Params = Record<string, string | number | null>;

export interface QuestionRow {
  seq: number;
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

/** WHERE clause and named parameters for a filter on `questions` (aliased `q`). */
export function whereClause(filter: QuestionFilter = {}): { sql: string; params: Params } {
  const params: Params = {};
  const sql = filterWhere(filter, (value) => {
    const name = `p${Object.keys(params).length}`;
    params[name] = value;
    return `@${name}`;
  });
  return { sql, params };
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
