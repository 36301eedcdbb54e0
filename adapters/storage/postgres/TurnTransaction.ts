import pg from 'pg';
import type { SqlRunner } from './PostgresDatabase.js';
import type { TransactionShape } from './pooledTransaction.js';
import type { ScriptStatement, SessionStatements } from './SessionStatements.js';

/**
 * What the statements of the turn under way ({@link PostgresDatabase.lockedTransaction}) can do
 * beyond running in its transaction: pick up the rows read with its BEGIN, and send their
 * writes with its COMMIT, so that a turn makes two round trips of its own instead of four
 * (BEGIN + lock, state read, state write, COMMIT).
 */
export interface TurnHandle {
  /** Rows of the preload statement of that name sent with BEGIN (undefined: none, or dropped). */
  preloaded(name: string): readonly pg.QueryResultRow[] | undefined;
  /** Forgets a preload (a statement of the turn changed what it read). */
  dropPreloaded(name: string): void;
  /**
   * Statements sent with COMMIT in its round trip (simple protocol: their parameters go as quoted
   * literals, or to a statement the connection has prepared, {@link SessionStatements}); `statements`
   * is called at commit. When that round trip fails, `failure` turns the error into the one the turn
   * fails with (undefined: not this writer's error); the transaction is then rolled back, as for any
   * failed turn. `committed` runs once the turn has committed.
   */
  beforeCommit(statements: () => readonly ScriptStatement[], failure: (cause: unknown) => Error | undefined, committed?: () => void): void;
}

/** Preload statements sent with a turn's BEGIN, by name: parameterless, so quoted literals only. */
export type TurnPreloads = Readonly<Record<string, string>>;

/** PostgreSQL's invalid_sql_statement_name: an EXECUTE named a statement the connection does not have. */
const UNKNOWN_PREPARED_STATEMENT = '26000';

interface CommitWriter {
  readonly statements: () => readonly ScriptStatement[];
  readonly failure: (cause: unknown) => Error | undefined;
  readonly committed?: () => void;
}

/**
 * The transaction of a turn: BEGIN with its advisory lock (and the preload), the turn's
 * statements on {@link runner}, COMMIT with what they handed to {@link beforeCommit}.
 * `open` turns false once the turn's work is over.
 */
export class TurnTransaction implements TurnHandle, TransactionShape {
  open = true;
  /** The lock connection's runner, set once the transaction has begun. */
  runner: SqlRunner = { query: () => Promise.reject(new Error('TurnTransaction: the transaction has not begun')) };
  readonly begin: string;
  private readonly preloads = new Map<string, readonly pg.QueryResultRow[]>();
  private readonly writers: CommitWriter[] = [];
  private session: SessionStatements | undefined;

  /**
   * The lock keys are sent as quoted literals, never SQL; `preloads` are parameterless statements;
   * `sessionOf` gives the prepared statements of the connection the COMMIT goes to.
   */
  constructor(
    keys: readonly [string, string],
    private readonly preloadStatements: TurnPreloads,
    private readonly sessionOf: (client: pg.ClientBase) => SessionStatements,
  ) {
    const lock = `BEGIN; SELECT pg_advisory_xact_lock(hashtext(${pg.escapeLiteral(keys[0])}), hashtext(${pg.escapeLiteral(keys[1])}))`;
    this.begin = [lock, ...Object.values(preloadStatements)].join('; ');
  }

  /** Keeps the rows of the preloads (the BEGIN round trip's results after BEGIN and the lock). */
  began(results: readonly pg.QueryResult[]): void {
    Object.keys(this.preloadStatements).forEach((name, i) => this.preloads.set(name, results[2 + i]?.rows ?? []));
  }

  preloaded(name: string): readonly pg.QueryResultRow[] | undefined {
    return this.preloads.get(name);
  }

  dropPreloaded(name: string): void {
    this.preloads.delete(name);
  }

  beforeCommit(statements: () => readonly ScriptStatement[], failure: (cause: unknown) => Error | undefined, committed?: () => void): void {
    this.writers.push({ statements, failure, ...(committed !== undefined && { committed }) });
  }

  /** The COMMIT round trip: the writers' statements, then COMMIT (skipped by PostgreSQL when one of them fails). */
  commit(client: pg.ClientBase): string {
    const session = this.sessionOf(client);
    this.session = session;
    return [...this.writers.flatMap((writer) => writer.statements().map((statement) => session.text(statement))), 'COMMIT'].join('; ');
  }

  /**
   * Once committed: the writers that asked are told, and the connection prepares the statements it has just sent for
   * the first time (its session, found at commit).
   */
  committed(client: pg.ClientBase): void {
    for (const writer of this.writers) writer.committed?.();
    this.session?.prepareSent(client);
  }

  /** The error the turn fails with when its COMMIT round trip failed with `cause`. */
  commitFailure(cause: unknown): Error | undefined {
    if (cause instanceof Error && Reflect.get(cause, 'code') === UNKNOWN_PREPARED_STATEMENT) this.session?.forget();
    for (const writer of this.writers) {
      const error = writer.failure(cause);
      if (error !== undefined) return error;
    }
    return undefined;
  }
}
