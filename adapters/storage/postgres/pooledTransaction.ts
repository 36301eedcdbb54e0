import type pg from 'pg';
import { isConnectionFailure } from './databaseErrors.js';
import type { SqlRunner, SqlValue } from './PostgresDatabase.js';

/** How a transaction opens and closes: one round trip each, simple protocol (several statements, no parameters). */
export interface TransactionShape {
  readonly begin: string;
  /** The results of the BEGIN round trip, one per statement. */
  began?(results: readonly pg.QueryResult[]): void;
  /** The COMMIT round trip on `client` ('': none, the BEGIN round trip committed). */
  commit(client: pg.ClientBase): string;
  /** Called once the COMMIT round trip succeeded, before `client` goes back to the pool. */
  committed?(client: pg.ClientBase): void;
  /** The error a failed COMMIT round trip becomes (undefined: the usual "query failed"). */
  commitFailure?(cause: unknown): Error | undefined;
}

export const PLAIN_TRANSACTION: TransactionShape = { begin: 'BEGIN', commit: () => 'COMMIT' };

/** The database's statement naming (prepared statements) and failure mapping. */
export interface StatementMaker {
  statement(sql: string, params: readonly SqlValue[]): pg.QueryConfig;
  failure(method: string, cause: unknown): Error;
}

/** Runs `work` in a transaction on one client of `pool`, opened and closed as `shape` says; rolls back when it throws. */
export async function runInTransaction<T>(
  pool: pg.Pool,
  method: string,
  shape: TransactionShape,
  work: (client: SqlRunner) => Promise<T>,
  maker: StatementMaker,
): Promise<T> {
  let client: pg.PoolClient;
  try {
    client = await pool.connect();
  } catch (cause) {
    throw maker.failure(method, cause);
  }
  let broken: Error | undefined;
  // A checked-out client has no pool listener: a connection lost mid-transaction would otherwise be an uncaught
  // 'error' event (a crash); here it only marks the client broken, and the pending query fails on its own.
  const onError = (err: Error): void => {
    broken = err;
  };
  client.on('error', onError);
  const runner: SqlRunner = {
    query: async <R extends pg.QueryResultRow>(inner: string, sql: string, params: readonly SqlValue[] = []) => {
      try {
        return (await client.query<R>(maker.statement(sql, params))).rows;
      } catch (cause) {
        throw maker.failure(inner, cause);
      }
    },
  };
  /** A simple-protocol round trip of one or more statements: one result each. */
  const send = async (sql: string): Promise<pg.QueryResult[]> => {
    const result: pg.QueryResult | pg.QueryResult[] = await client.query(sql);
    return Array.isArray(result) ? result : [result];
  };
  try {
    try {
      const results = await send(shape.begin);
      shape.began?.(results);
    } catch (cause) {
      throw maker.failure(method, cause);
    }
    const result = await work(runner);
    try {
      const commit = shape.commit(client);
      if (commit !== '') await send(commit);
      shape.committed?.(client);
    } catch (cause) {
      throw shape.commitFailure?.(cause) ?? maker.failure(method, cause);
    }
    return result;
  } catch (error) {
    if (isConnectionFailure(error)) broken = toError(error);
    else await client.query('ROLLBACK').catch((err: unknown) => (broken = toError(err)));
    throw error;
  } finally {
    // A connection that failed is destroyed rather than returned to the pool.
    client.removeListener('error', onError);
    client.release(broken);
  }
}

function toError(value: unknown): Error {
  return value instanceof Error ? value : new Error(String(value));
}
