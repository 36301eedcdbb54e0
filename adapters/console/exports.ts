/** The console's CSV exports: the question log, the votes, the unanswered questions. */
import type { FeedbackStore, LoggedQuestion, QuestionLogStore } from '../../bot/index.js';
import { toCsv } from './csv.js';

/** Rows in one export at most (the log's newest). */
export const MAX_EXPORT_ROWS = 100_000;

const follow = (q: LoggedQuestion): string => q.events.map((e) => (e.kind === 'voted' ? `voted ${e.helpful ? '👍' : '👎'}` : e.kind)).join(', ');

export async function questionsCsv(log: QuestionLogStore): Promise<string> {
  const questions = await log.list({}, MAX_EXPORT_ROWS);
  return toCsv(
    ['date', 'canal', 'version FAQ', 'conversation (hachée)', 'source', 'question', 'décision', 'entrées', 'scores', 'suites'],
    questions.map((q) => [
      q.time, q.channel, q.kbVersion.slice(0, 12), q.conversationHash, q.source === 'typed' ? 'tapée' : 'boutons', q.text, q.decision,
      q.candidates.map((c) => c.id).join(' '), q.candidates.map((c) => (c.score === undefined ? '' : c.score.toFixed(3))).join(' '), follow(q),
    ]),
  );
}

export async function votesCsv(feedback: FeedbackStore): Promise<string> {
  const votes = (await feedback.list()).filter((r) => r.kind === 'feedback');
  return toCsv(
    ['date', 'canal', 'question', 'réponse', 'utile', 'commentaire', 'score', 'rang', 'version FAQ'],
    votes.map((v) => [v.time, v.channel, v.question, v.answerId, v.helpful ? 'oui' : 'non', v.comment, v.score, v.rank, v.kbVersion.slice(0, 12)]),
  );
}

/** Questions declined, dead ends, and lists answered with « aucune de ces questions ». */
export async function unansweredCsv(log: QuestionLogStore): Promise<string> {
  const questions = (await log.list({}, MAX_EXPORT_ROWS)).filter(isUnanswered);
  return toCsv(
    ['date', 'canal', 'question', 'décision', 'entrée la plus proche', 'suites'],
    questions.map((q) => [q.time, q.channel, q.text, q.decision, q.candidates[0]?.id, follow(q)]),
  );
}

export function isUnanswered(q: LoggedQuestion): boolean {
  return q.decision === 'none' || q.decision === 'empty' || q.events.some((e) => e.kind === 'rejected');
}
