import { AsyncLocalStorage } from 'node:async_hooks';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runner } from 'node-pg-migrate';
import pg from 'pg';
import type { DatabaseConfig } from '../../config.js';
import { DatabaseUnavailableError } from '../../databaseUnavailable.js';
import { isConnectionFailure } from './databaseErrors.js';
import { PostgresListener, type ListenerLog, type NotificationHandler } from './PostgresListener.js';

/** Versioned SQL migrations, applied in order at start (node-pg-migrate records them in `pgmigrations`). */
export const MIGRATIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');
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
}

/** The transaction of the turn under way; `open` turns false at its COMMIT or ROLLBACK. */
interface TurnTransaction {
  readonly runner: SqlRunner;
  open: boolean;
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
    return this.withClient(this.pool, method, 'BEGIN', work);
  }

  /**
   * Runs `work` in a transaction on the lock pool (a turn holds its lock connection while its
   * other statements use the query pool, so the two never starve each other) that first takes
   * the transaction-scoped advisory lock on the two keys, sent with BEGIN in one round trip.
   * {@link turnScoped} statements made during `work` join the transaction.
   */
  async lockedTransaction<T>(method: string, keys: readonly [string, string], work: () => Promise<T>): Promise<T> {
    // One simple-protocol query holding two statements: the keys are quoted literals, never SQL.
    const begin = `BEGIN; SELECT pg_advisory_xact_lock(hashtext(${pg.escapeLiteral(keys[0])}), hashtext(${pg.escapeLiteral(keys[1])}))`;
    return this.withClient(this.lockPool, method, begin, async (runner) => {
      const turn: TurnTransaction = { runner, open: true };
      try {
        return await this.turns.run(turn, work);
      } finally {
        turn.open = false;
      }
    });
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

  private async withClient<T>(pool: pg.Pool, method: string, begin: string, work: (client: SqlRunner) => Promise<T>): Promise<T> {
    let client: pg.PoolClient;
    try {
      client = await pool.connect();
    } catch (cause) {
      throw this.failure(method, cause);
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
          return (await client.query<R>(this.statement(sql, params))).rows;
        } catch (cause) {
          throw this.failure(inner, cause);
        }
      },
    };
    try {
      await runner.query(method, begin);
      const result = await work(runner);
      await runner.query(method, 'COMMIT');
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

async function migrate(clientConfig: pg.ClientConfig, schema: string, log: DatabaseLog): Promise<void> {
  const client = new pg.Client(clientConfig);
  client.on('error', () => undefined);
  await client.connect();
  try {
    await runner({
      dbClient: client,
      dir: MIGRATIONS_DIR,
      migrationsTable: 'pgmigrations',
      schema,
      createSchema: true,
      direction: 'up',
      checkOrder: true,
      // Instances started together queue on node-pg-migrate's advisory lock instead of failing.
      advisoryLockMode: 'wait',
      logger: { debug: () => undefined, info: (message: string) => log.info({}, message), warn: (message: string) => log.warn({}, message), error: (message: string) => log.warn({}, message) },
    });
  } finally {
    await client.end();
  }
}

function toError(value: unknown): Error {
  return value instanceof Error ? value : new Error(String(value));
}
