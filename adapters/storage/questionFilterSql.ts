import type { QuestionFilter } from '../../bot/index.js';

/** Binds one value and returns its placeholder: `@name` for better-sqlite3, `$n` for node-postgres. */
export type Bind = (value: string) => string;

/**
 * The WHERE clause of a question-log filter on `questions` (aliased `q`), the same on every engine (days
 * are `YYYY-MM-DD` text, so they compare as strings); empty when nothing is filtered. `unanswered` and
 * `followedBy` read `question_events` through an uncorrelated subquery (index on kind, question_id):
 * cheaper than an EXISTS per question.
 */
export function filterWhere(filter: QuestionFilter = {}, bind: Bind): string {
  const parts: string[] = [];
  if (filter.fromDay !== undefined) parts.push(`q.day >= ${bind(filter.fromDay)}`);
  if (filter.toDay !== undefined) parts.push(`q.day <= ${bind(filter.toDay)}`);
  if (filter.channel !== undefined) parts.push(`q.channel = ${bind(filter.channel)}`);
  if (filter.kbVersion !== undefined) parts.push(`q.kb_version = ${bind(filter.kbVersion)}`);
  if (filter.decisions !== undefined) {
    parts.push(filter.decisions.length > 0 ? `q.decision IN (${filter.decisions.map(bind).join(', ')})` : 'FALSE');
  }
  if (filter.source !== undefined) parts.push(`q.source = ${bind(filter.source)}`);
  if (filter.unanswered === true) {
    parts.push("(q.decision IN ('none', 'empty') OR q.id IN (SELECT question_id FROM question_events WHERE kind = 'rejected'))");
  }
  if (filter.followedBy !== undefined) {
    parts.push(
      filter.followedBy.length > 0 ? `q.id IN (SELECT question_id FROM question_events WHERE kind IN (${filter.followedBy.map(bind).join(', ')}))` : 'FALSE',
    );
  }
  return parts.length > 0 ? `WHERE ${parts.join(' AND ')}` : '';
}

/** The part of a filter the daily rollup tables can answer: days, channel, KB version. */
export function rollupFilter(filter: QuestionFilter = {}): QuestionFilter {
  const { fromDay, toDay, channel, kbVersion } = filter;
  return { fromDay, toDay, channel, kbVersion };
}
