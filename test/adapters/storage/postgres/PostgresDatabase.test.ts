import { expect, it } from 'vitest';
import { DatabaseUnavailableError, isDatabaseUnavailable, PostgresDatabase } from '../../../../adapters/storage/index.js';
import { createTestSchema, describePostgres, quietLog, sql, TEST_DATABASE_URL } from './testDatabase.js';

async function until(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('until: condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describePostgres('PostgresDatabase', () => {
  it('applies the migrations once when two instances start together, and records them', async () => {
    const schema = await createTestSchema();
    const [a, b] = await Promise.all([PostgresDatabase.create(schema.config, quietLog), PostgresDatabase.create(schema.config, quietLog)]);
    try {
      const applied = await a.query<{ name: string }>('test', 'SELECT name FROM pgmigrations ORDER BY id');
      expect(applied.map((row) => row.name)[0]).toBe('001_feedback-records');
      expect(new Set(applied.map((row) => row.name)).size).toBe(applied.length);
      expect(a.isUp && b.isUp).toBe(true);
    } finally {
      await Promise.all([a.close(), b.close()]);
      await schema.drop();
    }
  });

  it('stores bot state and activities with lz4 where the server has it (migration 010), pglz otherwise', async () => {
    const schema = await createTestSchema();
    const db = await PostgresDatabase.create(schema.config, quietLog);
    try {
      const [server] = await db.query<{ lz4: boolean }>('test', "SELECT 'lz4' = ANY(enumvals) AS lz4 FROM pg_settings WHERE name = 'default_toast_compression'");
      const columns = await db.query<{ name: string; method: string }>(
        'test',
        `SELECT attrelid::regclass::text || '.' || attname AS name, attcompression::text AS method FROM pg_attribute
         WHERE (attrelid, attname) IN (('bot_state'::regclass, 'document'), ('dl_activities'::regclass, 'activity')) ORDER BY 1`,
      );
      const method = server?.lz4 === true ? 'l' : '';
      expect(columns).toEqual([{ name: 'bot_state.document', method }, { name: 'dl_activities.activity', method }]);
      // A document past the TOAST threshold (about 2 KB) is compressed on write: with lz4 here.
      const document = JSON.stringify({ answers: Array.from({ length: 200 }, (_, i) => `réponse ${i} `.repeat(3)) });
      await db.query('test', "INSERT INTO bot_state (key, document, version) VALUES ('big', $1::jsonb, 1)", [document]);
      const [stored] = await db.query<{ method: string | null }>('test', "SELECT pg_column_compression(document) AS method FROM bot_state WHERE key = 'big'");
      expect(stored.method).toBe(server?.lz4 === true ? 'lz4' : 'pglz');
    } finally {
      await db.close();
      await schema.drop();
    }
  });

  it('refuses to start on an unreachable database with DatabaseUnavailableError', async () => {
    const url = new URL(TEST_DATABASE_URL ?? '');
    url.port = '1';
    const failure = await PostgresDatabase.create({ url: url.toString(), poolSize: 1, schema: 'nowhere' }, quietLog).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(DatabaseUnavailableError);
  });

  it('reports the database down when its connections are cut, answers DatabaseUnavailableError meanwhile, then reconnects and says so', async () => {
    const schema = await createTestSchema();
    const db = await PostgresDatabase.create(schema.config, quietLog);
    let reconnections = 0;
    db.onReconnect(() => (reconnections += 1));
    const notified: string[] = [];
    await db.listen(`${schema.config.schema}_probe`, (payload) => notified.push(payload));
    try {
      await db.query('test', 'SELECT 1');
      // What a database restart does to the instance's connections: they are terminated by the server.
      await sql(schema.config.url, `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1`, [`ans-faq-bot:${schema.config.schema}`]);
      const during = await db.query('test', 'SELECT 1').catch((error: unknown) => error);
      // A pooled connection killed while idle fails its next query (503 for the request); a fresh one succeeds.
      if (during instanceof Error) expect(isDatabaseUnavailable(during)).toBe(true);
      await until(() => reconnections === 1 && db.isUp, 5_000);
      await db.notify('test', `${schema.config.schema}_probe`, 'after');
      await until(() => notified.includes('after'), 5_000);
      expect(await db.query<{ one: number }>('test', 'SELECT 1 AS one')).toEqual([{ one: 1 }]);
    } finally {
      await db.close();
      await schema.drop();
    }
  });

  it('fails a transaction whose connection dies mid-way with DatabaseUnavailableError, and nothing escapes as an uncaught error', async () => {
    const schema = await createTestSchema();
    const db = await PostgresDatabase.create(schema.config, quietLog);
    try {
      const failure = await db
        .transaction('Test.cut', async (tx) => {
          const [{ pid }] = await tx.query<{ pid: number }>('Test.pid', 'SELECT pg_backend_pid() AS pid');
          await sql(schema.config.url, 'SELECT pg_terminate_backend($1)', [pid]);
          // The client sees its socket close while it is checked out and idle in the transaction.
          await new Promise((resolve) => setTimeout(resolve, 200));
          await tx.query('Test.after', 'SELECT 1');
        })
        .catch((error: unknown) => error);
      expect(isDatabaseUnavailable(failure)).toBe(true);
      expect(await db.query<{ one: number }>('test', 'SELECT 1 AS one')).toEqual([{ one: 1 }]);
    } finally {
      await db.close();
      await schema.drop();
    }
  });

  it('rolls a failed transaction back and names the method of a failed statement', async () => {
    const schema = await createTestSchema();
    const db = await PostgresDatabase.create(schema.config, quietLog);
    try {
      await db.query('test', 'CREATE TABLE t (n int PRIMARY KEY)');
      await expect(
        db.transaction('Test.insertTwice', async (tx) => {
          await tx.query('Test.first', 'INSERT INTO t VALUES (1)');
          await tx.query('Test.second', 'INSERT INTO t VALUES (1)');
        }),
      ).rejects.toThrow(/Test\.second: query failed/);
      expect(await db.query('test', 'SELECT n FROM t')).toEqual([]);
    } finally {
      await db.close();
      await schema.drop();
    }
  });
});
