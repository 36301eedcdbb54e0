import { AsyncLocalStorage } from 'node:async_hooks';
import pg from 'pg';
import type { DatabaseConfig } from '../../config.js';
import { DatabaseUnavailableError } from '../../databaseUnavailable.js';
import { isConnectionFailure } from './databaseErrors.js';
import { PostgresListener, type ListenerLog, type NotificationHandler } from './PostgresListener.js';
import { SessionStatements } from './SessionStatements.js';
import { migrate } from './migrate.js';
import { PLAIN_TRANSACTION, runInTransaction, type StatementMaker, type TransactionShape } from './pooledTransaction.js';
import { TurnTransaction, type TurnHandle, type TurnPreloads } from './TurnTransaction.js';

/** A connection attempt slower than this fails (the request gets 503 instead of hanging). */
export const CONNECT_TIMEOUT_MS = 3_000;
/**
 * Longest wait for a pooled connection, queueing included (node-postgres applies its connect timeout to the
 * queue too): under a burst, turns wait for a free connection rather than fail; an unreachable database still
 * fails fast (connection refused).
 */
export const POOL_WAIT_MS = 20_000;
/**
 * Parameterised statements are prepared once per connection under a name (PostgreSQL then
 * skips parsing and, after a few runs, planning them); past this many distinct texts, the
 * rest run unnamed, so that a statement built at run time cannot grow the cache forever.
 */
export const MAX_PREPARED_STATEMENTS = 500;
/** Longest statement: a turn lock waits at most this long for another instance's turn. */
export const STATEMENT_TIMEOUT_MS = 30_000;

export type DatabaseLog = ListenerLog;

/** A value node-postgres can bind to a `$n` parameter. */
export type SqlValue = string | number | boolean | null | Date | Buffer | readonly string[];

/** What a store needs to run statements: the pool, or one client inside a transaction. */
export interface SqlRunner {
  query<R extends pg.QueryResultRow>(method: string, sql: string, params?: readonly SqlValue[]): Promise<R[]>;
}

/** A runner that can also open a transaction (the pool). */
export interface SqlDatabase extends SqlRunner {
  transaction<T>(method: string, work: (client: SqlRunner) => Promise<T>): Promise<T>;
}

/** Where a store's statements go when they belong to the turn under way (bot state: {@link PostgresDatabase.turnScoped}). */
export interface TurnScopedDatabase {
  readonly turnScoped: SqlRunner;
  /** The turn under way while its transaction is open (its preload, its writes sent with COMMIT); undefined outside one. */
  readonly turn: TurnHandle | undefined;
}

/**
 * One instance's access to the shared PostgreSQL database: a query pool, a second pool
 * for the turn locks (a turn holds its lock connection while its own queries use the
 * query pool, so the two can never starve each other), and the dedicated LISTEN and
 * health connection ({@link PostgresListener}). `create` applies the pending migrations
 * first; instances starting together wait on node-pg-migrate's advisory lock, so each
 * migration runs once.
 */
export class PostgresDatabase implements SqlDatabase, TurnScopedDatabase {
  private closing: Promise<void> | undefined;
  private readonly turns = new AsyncLocalStorage<TurnTransaction>();
  private readonly statementNames = new Map<string, string>();
  /** Names of the statements turns send with their COMMIT, prepared by SQL on each lock connection ({@link SessionStatements}). */
  private readonly scriptStatementNames = new Map<string, string>();
  private readonly sessions = new WeakMap<pg.ClientBase, SessionStatements>();
  /** How a pooled transaction's statements are named and its failures told apart. */
  private readonly statements: StatementMaker = { statement: (sql, params) => this.statement(sql, params), failure: (method, cause) => this.failure(method, cause) };

  /**
   * Statements of the turn under way ({@link lockedTransaction}) run in its transaction, on the
   * connection that holds its lock, so they cost no pool checkout and commit with the lock's
   * release; outside a turn, on the pool.
   */
  readonly turnScoped: SqlRunner = {
    query: <R extends pg.QueryResultRow>(method: string, sql: string, params: readonly SqlValue[] = []): Promise<R[]> => {
      const turn = this.turns.getStore();
      return turn?.open === true ? turn.runner.query<R>(method, sql, params) : this.query<R>(method, sql, params);
    },
  };

  get turn(): TurnHandle | undefined {
    const turn = this.turns.getStore();
    return turn?.open === true ? turn : undefined;
  }

  private constructor(
    readonly schema: string,
    private readonly pool: pg.Pool,
    private readonly lockPool: pg.Pool,
    private readonly listener: PostgresListener,
  ) {}

  static async create(config: DatabaseConfig, log: DatabaseLog): Promise<PostgresDatabase> {
    const clientConfig: pg.ClientConfig = {
      connectionString: config.url,
      // Conversation data (activities, bot state) commits without waiting for the WAL flush: a database crash may
      // lose its last few hundred milliseconds, which a visitor sees as a message to send again. Votes and
      // unanswered questions turn it back on per transaction (PostgresFeedbackStore): acknowledged means on disk.
      options: `-c search_path=${config.schema} -c statement_timeout=${STATEMENT_TIMEOUT_MS} -c synchronous_commit=off`,
      connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
      keepAlive: true,
      // Names the instance's connections in pg_stat_activity (and lets a test cut exactly these).
      application_name: `ans-faq-bot:${config.schema}`,
    };
    try {
      await migrate(clientConfig, config.schema, log);
    } catch (cause) {
      if (isConnectionFailure(cause)) throw new DatabaseUnavailableError('PostgresDatabase.create', { cause });
      throw new Error('PostgresDatabase.create: the migrations failed', { cause });
    }
    const pool = new pg.Pool({ ...clientConfig, connectionTimeoutMillis: POOL_WAIT_MS, max: config.poolSize });
    const lockPool = new pg.Pool({ ...clientConfig, connectionTimeoutMillis: POOL_WAIT_MS, max: config.poolSize });
    // An idle pooled connection dropped by the server must not end the process; the next query reconnects.
    for (const each of [pool, lockPool]) each.on('error', (err) => log.warn({ err }, 'idle database connection lost'));
    const listener = new PostgresListener(clientConfig, log);
    try {
      await listener.start();
    } catch (cause) {
      await Promise.all([pool.end(), lockPool.end(), listener.close()]);
      throw new DatabaseUnavailableError('PostgresDatabase.create', { cause });
    }
    return new PostgresDatabase(config.schema, pool, lockPool, listener);
  }

  /** Whether the database answered the dedicated connection's last ping (/healthz). */
  get isUp(): boolean {
    return this.listener.isUp;
  }

  async query<R extends pg.QueryResultRow>(method: string, sql: string, params: readonly SqlValue[] = []): Promise<R[]> {
    try {
      return (await this.pool.query<R>(this.statement(sql, params))).rows;
    } catch (cause) {
      throw this.failure(method, cause);
    }
  }

  /** Runs `work` in a transaction on one pooled client; rolls back when it throws. */
  async transaction<T>(method: string, work: (client: SqlRunner) => Promise<T>): Promise<T> {
    return runInTransaction(this.pool, method, PLAIN_TRANSACTION, work, this.statements);
  }

  /**
   * Runs `work` in a transaction on the lock pool (a turn holds its lock connection while its
   * other statements use the query pool, so the two never starve each other) that first takes
   * the transaction-scoped advisory lock on the two keys, sent with BEGIN in one round trip,
   * with `preloads` (parameterless statements, by name): their rows wait for the turn's reads
   * ({@link TurnHandle.preloaded}). {@link turnScoped} statements made during `work` join the
   * transaction; what they hand to {@link TurnHandle.beforeCommit} goes with the COMMIT.
   */
  async lockedTransaction<T>(method: string, keys: readonly [string, string], work: () => Promise<T>, preloads: TurnPreloads = {}): Promise<T> {
    const turn = new TurnTransaction(keys, preloads, (client) => this.session(client));
    return runInTransaction(this.lockPool, method, turn, async (runner) => {
      turn.runner = runner;
      try {
        return await this.turns.run(turn, work);
      } finally {
        turn.open = false;
      }
    }, this.statements);
  }

  /**
   * A transaction script in one round trip: `BEGIN; <sql>; COMMIT` (simple protocol: several statements,
   * quoted literals, no parameters; a failed statement rolls it all back). One result per statement, BEGIN's first.
   */
  async script(method: string, sql: string): Promise<readonly pg.QueryResult[]> {
    let results: readonly pg.QueryResult[] = [];
    const shape: TransactionShape = { begin: `BEGIN; ${sql}; COMMIT`, began: (sent) => (results = sent), commit: () => '' };
    await runInTransaction(this.pool, method, shape, async () => undefined, this.statements);
    return results;
  }

  /** Sends a notification to every instance (payloads stay far below PostgreSQL's 8,000-byte limit: ids only). */
  async notify(method: string, channel: string, payload: string): Promise<void> {
    await this.query(method, 'SELECT pg_notify($1, $2)', [channel, payload]);
  }

  listen(channel: string, handler: NotificationHandler): Promise<() => void> {
    return this.listener.listen(channel, handler);
  }

  onReconnect(handler: () => void): () => void {
    return this.listener.onReconnect(handler);
  }

  close(): Promise<void> {
    this.closing ??= Promise.all([this.listener.close(), this.pool.end(), this.lockPool.end()]).then(() => undefined);
    return this.closing;
  }

  /** The prepared statements of a lock connection, for the scripts of its turns. */
  private session(client: pg.ClientBase): SessionStatements {
    let session = this.sessions.get(client);
    if (session === undefined) {
      session = new SessionStatements((sql) => this.scriptStatementName(sql));
      this.sessions.set(client, session);
    }
    return session;
  }

  /** `t<n>`: apart from node-postgres' own names (`s<n>`, {@link statement}), which live in the same namespace of a connection. */
  private scriptStatementName(sql: string): string | undefined {
    let name = this.scriptStatementNames.get(sql);
    if (name === undefined && this.scriptStatementNames.size < MAX_PREPARED_STATEMENTS) {
      name = `t${this.scriptStatementNames.size}`;
      this.scriptStatementNames.set(sql, name);
    }
    return name;
  }

  /** The statement as node-postgres runs it: named (prepared once per connection) when it takes parameters. */
  private statement(sql: string, params: readonly SqlValue[]): pg.QueryConfig {
    if (params.length === 0) return { text: sql };
    let name = this.statementNames.get(sql);
    if (name === undefined && this.statementNames.size < MAX_PREPARED_STATEMENTS) {
      name = `s${this.statementNames.size}`;
      this.statementNames.set(sql, name);
    }
    return { name, text: sql, values: [...params] };
  }

  private failure(method: string, cause: unknown): Error {
    if (isConnectionFailure(cause)) {
      this.listener.suspect();
      return new DatabaseUnavailableError(method, { cause });
    }
    return new Error(`${method}: query failed`, { cause });
  }
}
