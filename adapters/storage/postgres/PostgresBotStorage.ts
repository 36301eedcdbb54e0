import type { Storage, StoreItem, StoreItems } from 'botbuilder';
import pg from 'pg';
import type { SqlRunner, TurnScopedDatabase } from './PostgresDatabase.js';
import type { ScriptStatement } from './SessionStatements.js';
import type { TurnHandle } from './TurnTransaction.js';

/** Thrown when a write names a version that another writer has already replaced. */
export class StaleWriteError extends Error {
  constructor(readonly key: string) {
    super(`PostgresBotStorage.write: "${key}" was changed by another writer since it was read (stale eTag)`);
    this.name = 'StaleWriteError';
  }
}

interface Row {
  key: string;
  document: StoreItem;
  version: string;
}

/** A write of the turn under way, sent with its COMMIT: the document and the version it must replace (null: any). */
interface PendingWrite {
  readonly document: Record<string, unknown>;
  readonly expected: string | null;
}

/** PostgreSQL's division_by_zero: how a write sent with COMMIT reports that it was stale (see {@link commitStatement}). */
const STALE_AT_COMMIT = '22012';

/** The name of {@link PostgresBotStorage.preload} among a turn's preloads. */
export const BOT_STATE_PRELOAD = 'botState';

/**
 * botbuilder `Storage` in PostgreSQL (table `bot_state`) with real optimistic concurrency.
 * Every document has a version, given to readers as its `eTag`; a write is a
 * compare-and-set on it and a stale one is refused with {@link StaleWriteError}.
 *
 * botbuilder's `BotState.saveChanges` always writes `eTag: '*'` ("last writer wins"),
 * which would make the check useless for the bot's own state. The storage therefore
 * remembers the version at which it handed out each document object, and a write of
 * that same object (BotState writes back the object it read) compares against it,
 * whatever eTag it carries. A write of an object the storage never handed out follows
 * botbuilder's rules: `'*'` or no eTag writes unconditionally, another eTag must match.
 * A document absent at read time (BotState then makes a fresh `{}`) is created
 * unconditionally: the conversation's first turn creates it, under the turn gate.
 *
 * During a turn of the PostgresTurnGate, reads and writes belong to the turn's transaction:
 * the gate reads the conversation's state with its lock ({@link preload}), and the turn's
 * writes go with its COMMIT, in one round trip, compared against the version read (writes of
 * one key in a turn become one); a stale one fails the turn, which commits nothing. A read
 * of a key written earlier in the turn returns that write.
 */
export class PostgresBotStorage implements Storage {
  private readonly readVersions = new WeakMap<object, string>();
  private readonly pending = new WeakMap<TurnHandle, Map<string, PendingWrite>>();

  constructor(private readonly database: TurnScopedDatabase) {}

  /** Within a turn, its lock transaction (no pool checkout, and the turn's writes commit as its lock goes). */
  private get db(): SqlRunner {
    return this.database.turnScoped;
  }

  /**
   * The statement reading `keys` with a turn's BEGIN ({@link PostgresTurnGate}): no parameters (quoted
   * literals), one row per key, a null document for an absent one, so that a read knows what it covers.
   */
  static preload(keys: readonly string[]): string {
    const list = keys.map((key) => pg.escapeLiteral(key)).join(', ');
    return `SELECT k.key, s.document, s.version::text AS version FROM unnest(ARRAY[${list}]::text[]) AS k(key) LEFT JOIN bot_state s ON s.key = k.key`;
  }

  async read(keys: string[]): Promise<StoreItems> {
    if (keys.length === 0) return {};
    const turn = this.database.turn;
    const pending = turn && this.pending.get(turn);
    const items: StoreItems = {};
    for (const key of keys) {
      const write = pending?.get(key);
      if (write === undefined) continue;
      const item: StoreItem = { ...write.document, eTag: write.expected ?? '*' };
      if (write.expected !== null) this.readVersions.set(item, write.expected);
      items[key] = item;
    }
    const missing = keys.filter((key) => !(key in items));
    if (missing.length === 0) return items;
    const rows = fromPreload(turn?.preloaded(BOT_STATE_PRELOAD), missing) ?? (await this.db.query<Row>('PostgresBotStorage.read', 'SELECT key, document, version FROM bot_state WHERE key = ANY($1)', [missing]));
    for (const row of rows) {
      const item: StoreItem = { ...row.document, eTag: row.version };
      this.readVersions.set(item, row.version);
      items[row.key] = item;
    }
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    const turn = this.database.turn;
    for (const key of Object.keys(changes)) {
      const value: unknown = changes[key];
      const item: StoreItem = isStoreItem(value) ? value : { value };
      const { eTag, ...document } = item;
      const expected = this.readVersions.get(item) ?? (typeof eTag === 'string' && eTag !== '*' ? eTag : null);
      if (expected !== null && !/^\d{1,18}$/.test(expected)) throw new StaleWriteError(key);
      if (turn !== undefined) {
        this.defer(turn, key, { document, expected });
        continue;
      }
      const written = await this.db.query<{ version: string }>('PostgresBotStorage.write', upsert('$1', '$2', expected === null ? null : '$3::bigint', 'version'), [
        key, JSON.stringify(document), ...(expected === null ? [] : [expected]),
      ]);
      if (written.length === 0) throw new StaleWriteError(key);
      // A second save in the same turn (onTurnError's forced save) compares against what this one wrote.
      this.readVersions.set(item, written[0].version);
      item.eTag = written[0].version;
    }
  }

  async delete(keys: string[]): Promise<void> {
    if (keys.length === 0) return;
    const turn = this.database.turn;
    const pending = turn && this.pending.get(turn);
    for (const key of keys) pending?.delete(key);
    turn?.dropPreloaded(BOT_STATE_PRELOAD);
    await this.db.query('PostgresBotStorage.delete', 'DELETE FROM bot_state WHERE key = ANY($1)', [keys]);
  }

  /** Queues a write for the turn's COMMIT; the first write of a key in the turn sets the version it must replace. */
  private defer(turn: TurnHandle, key: string, write: PendingWrite): void {
    let pending = this.pending.get(turn);
    if (pending === undefined) {
      const writes = new Map<string, PendingWrite>();
      pending = writes;
      this.pending.set(turn, writes);
      turn.beforeCommit(
        () => [...writes].map(([each, { document, expected }]) => commitStatement(each, document, expected)),
        (cause) => (isStaleAtCommit(cause) ? new StaleWriteError([...writes.keys()].join('", "')) : undefined),
      );
    }
    const earlier = pending.get(key);
    pending.set(key, { document: write.document, expected: earlier === undefined ? write.expected : earlier.expected });
  }
}

/** The preload's rows for `keys` when it covers them all (absent documents dropped); undefined otherwise. */
function fromPreload(preloaded: readonly pg.QueryResultRow[] | undefined, keys: readonly string[]): Row[] | undefined {
  if (preloaded === undefined || !keys.every((key) => preloaded.some((row) => row.key === key))) return undefined;
  return preloaded.filter((row): row is Row => keys.includes(String(row.key)) && row.document !== null && typeof row.version === 'string');
}

/**
 * The compare-and-set upsert; `expected` null writes unconditionally. Its version is returned
 * as `returning` (text: bigint) or, sent with COMMIT, as a division by the count of written rows.
 */
function upsert(key: string, document: string, expected: string | null, returning: 'version' | 'written'): string {
  const statement = `INSERT INTO bot_state (key, document, version) VALUES (${key}, ${document}, 1)
    ON CONFLICT (key) DO UPDATE SET document = excluded.document, version = bot_state.version + 1, updated_at = now()
    ${expected === null ? '' : `WHERE bot_state.version = ${expected}`}`;
  return returning === 'version' ? `${statement} RETURNING version` : `WITH written AS (${statement} RETURNING 1) SELECT 1 / count(*) FROM written`;
}

/**
 * A write sent with the turn's COMMIT, in the same simple-protocol round trip (as literals, or to the statement the
 * connection has prepared: SessionStatements). A stale one writes no row, and dividing by that count fails the
 * statement: PostgreSQL then skips the COMMIT that follows, and the turn rolls back.
 */
function commitStatement(key: string, document: Record<string, unknown>, expected: string | null): ScriptStatement {
  return expected === null
    ? { sql: upsert('$1', '$2::jsonb', null, 'written'), params: [key, JSON.stringify(document)] }
    : { sql: upsert('$1', '$2::jsonb', '$3::bigint', 'written'), params: [key, JSON.stringify(document), expected] };
}

function isStaleAtCommit(cause: unknown): boolean {
  return cause instanceof Error && 'code' in cause && cause.code === STALE_AT_COMMIT;
}

function isStoreItem(value: unknown): value is StoreItem {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
