import type { Storage, StoreItem, StoreItems } from 'botbuilder';
import type { SqlRunner, TurnScopedDatabase } from './PostgresDatabase.js';

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
 * During a turn of the PostgresTurnGate, reads and writes run in the turn's transaction.
 */
export class PostgresBotStorage implements Storage {
  private readonly readVersions = new WeakMap<object, string>();

  constructor(private readonly database: TurnScopedDatabase) {}

  /** Within a turn, its lock transaction (no pool checkout, and the turn's writes commit as its lock goes). */
  private get db(): SqlRunner {
    return this.database.turnScoped;
  }

  async read(keys: string[]): Promise<StoreItems> {
    if (keys.length === 0) return {};
    const rows = await this.db.query<Row>('PostgresBotStorage.read', 'SELECT key, document, version FROM bot_state WHERE key = ANY($1)', [keys]);
    const items: StoreItems = {};
    for (const row of rows) {
      const item: StoreItem = { ...row.document, eTag: row.version };
      this.readVersions.set(item, row.version);
      items[row.key] = item;
    }
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    for (const key of Object.keys(changes)) {
      const value: unknown = changes[key];
      const item: StoreItem = isStoreItem(value) ? value : { value };
      const { eTag, ...document } = item;
      const expected = this.readVersions.get(item) ?? (typeof eTag === 'string' && eTag !== '*' ? eTag : null);
      if (expected !== null && !/^\d{1,18}$/.test(expected)) throw new StaleWriteError(key);
      const written = await this.db.query<{ version: string }>(
        'PostgresBotStorage.write',
        `INSERT INTO bot_state (key, document, version) VALUES ($1, $2, 1)
         ON CONFLICT (key) DO UPDATE SET document = excluded.document, version = bot_state.version + 1, updated_at = now()
           WHERE $3::bigint IS NULL OR bot_state.version = $3::bigint
         RETURNING version`,
        [key, JSON.stringify(document), expected],
      );
      if (written.length === 0) throw new StaleWriteError(key);
      // A second save in the same turn (onTurnError's forced save) compares against what this one wrote.
      this.readVersions.set(item, written[0].version);
      item.eTag = written[0].version;
    }
  }

  async delete(keys: string[]): Promise<void> {
    if (keys.length === 0) return;
    await this.db.query('PostgresBotStorage.delete', 'DELETE FROM bot_state WHERE key = ANY($1)', [keys]);
  }
}

function isStoreItem(value: unknown): value is StoreItem {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
