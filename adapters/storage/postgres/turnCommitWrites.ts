import pg from 'pg';
import type { SqlDatabase, SqlValue } from './PostgresDatabase.js';
import type { TurnHandle } from './TurnTransaction.js';

/** A database whose writes may join the turn under way (PostgresDatabase: `turn` is undefined outside one). */
export interface TurnAwareDatabase extends SqlDatabase {
  readonly turn?: TurnHandle | undefined;
}

/**
 * Runs a write now, or, during a turn of the PostgresTurnGate, sends it with the turn's COMMIT, in the round trip
 * that already carries the turn's bot state: one round trip and one commit fewer per write, and the write commits
 * with the turn, or not at all (a turn that fails rolls it back; its request is then answered with an error and the
 * client sends it again). So the write is on disk when the turn's request is answered, not when this resolves.
 */
export async function writeWithTurn(db: TurnAwareDatabase, method: string, sql: string, params: readonly SqlValue[]): Promise<void> {
  const turn = db.turn;
  if (turn === undefined) {
    await db.query(method, sql, params);
    return;
  }
  turn.beforeCommit(() => [{ sql, params }], () => undefined);
}

/**
 * `sql` with its `$n` parameters written as quoted literals (the simple protocol of a COMMIT round trip takes no
 * parameters): strings and dates through node-postgres' escaping, finite numbers, booleans, NULL, text arrays.
 * The statement's own text must hold no `$n` other than its parameters (no dollar-quoted bodies).
 */
export function withLiterals(sql: string, params: readonly SqlValue[]): string {
  return sql.replace(/\$(\d+)/g, (_, digits: string) => {
    const index = Number(digits) - 1;
    if (index < 0 || index >= params.length) throw new Error(`withLiterals: $${digits} has no parameter (${params.length} given)`);
    return sqlLiteral(params[index]);
  });
}

/** A parameter as a literal of the simple protocol (see {@link withLiterals}). */
export function sqlLiteral(value: SqlValue): string {
  if (value === null) return 'NULL';
  if (typeof value === 'string') return pg.escapeLiteral(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`withLiterals: ${value} is not a finite number`);
    // Parenthesised when negative: after a minus sign (« x -$1 ») a bare « -5 » would start a « -- » comment.
    return value < 0 ? `(${value})` : String(value);
  }
  if (value instanceof Date) return pg.escapeLiteral(value.toISOString());
  if (Buffer.isBuffer(value)) throw new Error('withLiterals: binary parameters are not supported');
  return `ARRAY[${value.map((each) => pg.escapeLiteral(each)).join(', ')}]::text[]`;
}
