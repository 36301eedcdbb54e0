import type pg from 'pg';
import type { SqlValue } from './PostgresDatabase.js';
import { sqlLiteral, withLiterals } from './turnCommitWrites.js';

/** A statement for a simple-protocol script (a turn's COMMIT round trip): its text with `$n` parameters, and their values. */
export interface ScriptStatement {
  readonly sql: string;
  readonly params: readonly SqlValue[];
}

/**
 * The SQL-level prepared statements of one connection, for the statements that scripts send by the simple
 * protocol (no parameters, so no protocol-level prepared statements): the first time a connection sends a
 * statement, it goes as literals ({@link withLiterals}) and a `PREPARE` follows once the script is over; from then
 * on it goes as `EXECUTE <name>(<literals>)`, so that PostgreSQL neither parses nor (after a few runs) plans it
 * again. A statement that PostgreSQL refuses to prepare keeps going as literals.
 */
export class SessionStatements {
  private readonly ready = new Set<string>();
  private readonly refused = new Set<string>();
  private readonly wanted = new Map<string, string>();

  /** `nameOf`: the statement's name, the same on every connection (undefined: never prepared, e.g. past a cap). */
  constructor(private readonly nameOf: (sql: string) => string | undefined) {}

  /** The statement as the script sends it. */
  text(statement: ScriptStatement): string {
    const name = this.nameOf(statement.sql);
    if (name !== undefined && this.ready.has(name)) {
      return statement.params.length === 0 ? `EXECUTE ${name}` : `EXECUTE ${name}(${statement.params.map(sqlLiteral).join(', ')})`;
    }
    if (name !== undefined && !this.refused.has(name)) this.wanted.set(name, statement.sql);
    return withLiterals(statement.sql, statement.params);
  }

  /**
   * The connection has lost its prepared statements (PostgreSQL answered 26000, invalid_sql_statement_name: a pooler
   * in front of it reset the session or switched servers): they go as literals again, and are prepared anew.
   */
  forget(): void {
    this.ready.clear();
  }

  /**
   * Prepares on `client` the statements first sent since the last call, one round trip each, queued behind what
   * the client runs now (a connection runs its queries in order, so the next script finds them); once per statement
   * and connection. Never rejects: a statement PostgreSQL refuses to prepare goes as literals from then on.
   */
  prepareSent(client: Pick<pg.ClientBase, 'query'>): void {
    for (const [name, sql] of this.wanted) {
      client.query(`PREPARE ${name} AS ${sql}`).then(
        () => this.ready.add(name),
        () => this.refused.add(name),
      );
    }
    this.wanted.clear();
  }
}
