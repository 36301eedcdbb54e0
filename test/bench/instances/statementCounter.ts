/**
 * Preloaded into the servers by `npm run bench -- --instances --statements`: counts the round trips
 * each server makes to PostgreSQL (pooled and dedicated connections all go through
 * `pg.Client.prototype.query`), by statement text (a round trip of several statements, as the turn's
 * BEGIN and COMMIT, by the start of each), and prints them on stderr as one
 * `statements <json>` line when the process exits (the bench reads the server's output).
 */
import { writeSync } from 'node:fs';
import pg from 'pg';

const counts = new Map<string, number>();
// Taken off the prototype to be called back with each client as `this`.
const query: unknown = Reflect.get(pg.Client.prototype, 'query');
if (typeof query !== 'function') throw new Error('statementCounter: pg.Client has no query method');

function statementText(config: unknown): string {
  const text: unknown = typeof config === 'string' ? config : typeof config === 'object' && config !== null ? Reflect.get(config, 'text') : undefined;
  if (typeof text !== 'string') return '?';
  // Literals (the turn lock's keys) vary per conversation: counted as one statement.
  const statements = text.replace(/E?'(?:[^']|'')*'/g, "'…'").replace(/\s+/g, ' ').split(';').map((each) => each.trim()).filter(Boolean);
  // A round trip of several statements (simple protocol: BEGIN with the lock, writes with COMMIT): each one's start.
  return statements.length === 1 ? statements[0].slice(0, 100) : `[${statements.length} in one round trip] ${statements.map((each) => each.slice(0, 28)).join('; ')}`;
}

Reflect.set(pg.Client.prototype, 'query', function counted(this: pg.Client, ...args: unknown[]): unknown {
  const text = statementText(args[0]);
  counts.set(text, (counts.get(text) ?? 0) + 1);
  return Reflect.apply(query, this, args);
});

process.on('exit', () => {
  writeSync(2, `\nstatements ${JSON.stringify(Object.fromEntries(counts))}\n`);
});
