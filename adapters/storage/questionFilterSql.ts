import type { QuestionFilter } from '../../bot/index.js';

/** Binds one value and returns its placeholder: `@name` for better-sqlite3, `$n` for node-postgres. */
export type Bind = (value: string) => string;

/**
 * The WHERE clause of a question-log filter on `questions` or a rollup table (aliased `q`), the same on
 * every engine (days are `YYYY-MM-DD` text, so they compare as strings); empty when nothing is filtered.
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
  return parts.length > 0 ? `WHERE ${parts.join(' AND ')}` : '';
}
