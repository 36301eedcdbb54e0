/**
 * The console's CSV exports: the question log, the votes, the unanswered
 * questions. Each is a header and rows read page by page from the store, so
 * a 100,000-question log streams out without being held in memory.
 */
import type { FeedbackStore, LoggedQuestion, QuestionFilter, QuestionLogStore } from '../../bot/index.js';
import type { CsvValue } from './csv.js';

/** Questions read from the store at a time while exporting. */
export const EXPORT_PAGE_SIZE = 2_000;

/** A CSV file to stream: its header, then its rows in batches. */
export interface CsvExport {
  readonly header: readonly string[];
  readonly batches: AsyncIterable<readonly (readonly CsvValue[])[]>;
}

/** Questions declined, dead ends, and lists answered with « aucune de ces questions » (the store's `unanswered` filter). */
export const UNANSWERED: QuestionFilter = { unanswered: true };

const follow = (q: LoggedQuestion): string => q.events.map((e) => (e.kind === 'voted' ? `voted ${e.helpful ? '👍' : '👎'}` : e.kind)).join(', ');

async function* rowsOf(
  log: QuestionLogStore, filter: QuestionFilter, pageSize: number, row: (q: LoggedQuestion) => readonly CsvValue[],
): AsyncIterable<(readonly CsvValue[])[]> {
  for await (const page of log.scan(filter, pageSize)) yield page.map(row);
}

export function questionsExport(log: QuestionLogStore, pageSize = EXPORT_PAGE_SIZE): CsvExport {
  return {
    header: ['date', 'canal', 'version FAQ', 'conversation (hachée)', 'source', 'question', 'décision', 'entrées', 'scores', 'suites'],
    batches: rowsOf(log, {}, pageSize, (q) => [
      q.time, q.channel, q.kbVersion.slice(0, 12), q.conversationHash, q.source === 'typed' ? 'tapée' : 'boutons', q.text, q.decision,
      q.candidates.map((c) => c.id).join(' '), q.candidates.map((c) => (c.score === undefined ? '' : c.score.toFixed(3))).join(' '), follow(q),
    ]),
  };
}

export function unansweredExport(log: QuestionLogStore, pageSize = EXPORT_PAGE_SIZE): CsvExport {
  return {
    header: ['date', 'canal', 'question', 'décision', 'entrée la plus proche', 'suites'],
    batches: rowsOf(log, UNANSWERED, pageSize, (q) => [q.time, q.channel, q.text, q.decision, q.candidates[0]?.id, follow(q)]),
  };
}

/** The votes (the feedback store is read at once: it holds one row per vote, far fewer than questions). */
export function votesExport(feedback: FeedbackStore): CsvExport {
  async function* batches(): AsyncIterable<(readonly CsvValue[])[]> {
    const votes = (await feedback.list()).filter((r) => r.kind === 'feedback');
    yield votes.map((v) => [v.time, v.channel, v.question, v.answerId, v.helpful ? 'oui' : 'non', v.comment, v.score, v.rank, v.kbVersion.slice(0, 12)]);
  }
  return { header: ['date', 'canal', 'question', 'réponse', 'utile', 'commentaire', 'score', 'rang', 'version FAQ'], batches: batches() };
}
