import { runner } from 'node-pg-migrate';
import pg from 'pg';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ListenerLog } from './PostgresListener.js';

/** Versioned SQL migrations, applied in order at start (node-pg-migrate records them in `pgmigrations`). */
export const MIGRATIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

/** Applies the pending migrations on a connection of its own; instances started together queue on node-pg-migrate's lock. */
export async function migrate(clientConfig: pg.ClientConfig, schema: string, log: ListenerLog): Promise<void> {
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
