/**
 * PostgreSQL for tests: `TEST_DATABASE_URL` names the server (`.ci/run` sets it); each
 * caller gets its own schema, so test files running in parallel never see each other's
 * rows, and drops it afterwards. Without the variable, the suites are skipped with a message.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterEach, beforeEach, describe } from 'vitest';
import type { DatabaseConfig } from '../../../../adapters/config.js';
import { PostgresDatabase, type DatabaseLog } from '../../../../adapters/storage/index.js';

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL?.trim() || undefined;

export const quietLog: DatabaseLog = { info: () => undefined, warn: () => undefined };

/** `describe` that runs only when a test database is configured, and says so when it is not. */
export function describePostgres(name: string, body: () => void): void {
  if (TEST_DATABASE_URL === undefined) {
    console.warn(`${name}: skipped, TEST_DATABASE_URL is not set (e.g. postgres://postgres@127.0.0.1:5432/test)`);
  }
  describe.skipIf(TEST_DATABASE_URL === undefined)(name, body);
}

/** A fresh schema on the test database, and the way to drop it. */
export interface TestSchema {
  readonly config: DatabaseConfig;
  drop(): Promise<void>;
}

export async function createTestSchema(poolSize = 4, databaseUrl = TEST_DATABASE_URL): Promise<TestSchema> {
  if (databaseUrl === undefined) throw new Error('createTestSchema: TEST_DATABASE_URL is not set');
  const url = databaseUrl;
  const schema = `test_${randomBytes(6).toString('hex')}`;
  return {
    config: { url, poolSize, schema },
    drop: async () => {
      await sql(url, `DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    },
  };
}

/** Runs one statement on its own connection (set-up and clean-up outside the code under test). */
export async function sql(url: string, text: string, params: unknown[] = []): Promise<pg.QueryResultRow[]> {
  const client = new pg.Client({ connectionString: url });
  client.on('error', () => undefined);
  await client.connect();
  try {
    return (await client.query(text, params)).rows;
  } finally {
    await client.end();
  }
}

/** Two instances' connections to one schema, and that schema's configuration (for direct SQL checks). */
export interface TwoInstances {
  readonly dbs: readonly [PostgresDatabase, PostgresDatabase];
  readonly config: DatabaseConfig;
}

/**
 * Two instances' connections to one fresh schema for each test of the enclosing
 * `describe`, closed and dropped after it; call the returned function inside a test.
 */
export function twoInstancesPerTest(): () => TwoInstances {
  let schema: TestSchema | undefined;
  let current: TwoInstances | undefined;
  beforeEach(async () => {
    schema = await createTestSchema();
    const config = schema.config;
    const dbs = await Promise.all([PostgresDatabase.create(config, quietLog), PostgresDatabase.create(config, quietLog)]);
    current = { dbs, config };
  });
  afterEach(async () => {
    await Promise.all((current?.dbs ?? []).map((db) => db.close()));
    await schema?.drop();
    current = undefined;
    schema = undefined;
  });
  return () => {
    if (current === undefined) throw new Error('twoInstancesPerTest: called outside a test');
    return current;
  };
}
