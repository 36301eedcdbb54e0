import type { LoggedQuestion, QuestionEvent, QuestionRecord } from '../../bot/index.js';

/** One page of the question log and where the next one starts (absent on the last page). */
export interface QuestionPage<C> {
  readonly questions: LoggedQuestion[];
  readonly next?: C;
}

/** How one engine's rows become records: its column types differ (SQLite text times, PostgreSQL dates). */
export interface PageRows<Q, E, C> {
  question(row: Q): QuestionRecord;
  event(row: E): QuestionEvent;
  cursor(row: Q): C;
}

/**
 * Joins a page of question rows with the rows of their events, read in one query by the
 * page's ids (both engines do so, rather than a query per question or a scan of every event).
 * A full page has a cursor after its last question, a short one ends the scan.
 */
export function assemblePage<Q extends { id: string }, E extends { question_id: string }, C>(
  rows: readonly Q[],
  eventRows: readonly E[],
  limit: number,
  map: PageRows<Q, E, C>,
): QuestionPage<C> {
  const events = new Map<string, QuestionEvent[]>();
  for (const row of eventRows) {
    const list = events.get(row.question_id) ?? [];
    list.push(map.event(row));
    events.set(row.question_id, list);
  }
  const last = rows.at(-1);
  return {
    questions: rows.map((row) => ({ ...map.question(row), events: events.get(row.id) ?? [] })),
    ...(last !== undefined && rows.length === limit && { next: map.cursor(last) }),
  };
}
