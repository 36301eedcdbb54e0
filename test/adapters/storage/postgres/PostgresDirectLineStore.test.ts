import type { Activity } from 'botbuilder';
import pg from 'pg';
import { expect, it, vi } from 'vitest';
import { DEFAULT_CONVERSATION_LIMITS, storedBytes, type DirectLineStore } from '../../../../adapters/directline/index.js';
import { MAX_CARRYING_NOTIFICATION_BYTES, PostgresDatabase, PostgresDirectLineStore } from '../../../../adapters/storage/index.js';
import { directLineStoreContract } from '../../directline/directLineStoreContract.js';
import { createTestSchema, describePostgres, quietLog, sql } from './testDatabase.js';

describePostgres('PostgresDirectLineStore', () => {
  directLineStoreContract('PostgreSQL (several instances)', async (limits, onExpired) => {
    const schema = await createTestSchema();
    const databases: PostgresDatabase[] = [];
    const stores: DirectLineStore[] = [];
    const instance = async (): Promise<DirectLineStore> => {
      const db = await PostgresDatabase.create(schema.config, quietLog);
      databases.push(db);
      const store = await PostgresDirectLineStore.factory(db)(limits, onExpired);
      stores.push(store);
      return store;
    };
    return {
      store: await instance(),
      peer: instance,
      dispose: async () => {
        for (const store of stores) await store.close();
        for (const db of databases) await db.close();
        await schema.drop();
      },
    };
  });
});

describePostgres('PostgresDirectLineStore admissions', () => {
  it('admits at most the cap across two instances starting conversations at once, each in one round trip, and finds a conversation started meanwhile', async () => {
    const schema = await createTestSchema();
    const databases = await Promise.all([0, 1].map(() => PostgresDatabase.create(schema.config, quietLog)));
    try {
      const limits = { ...DEFAULT_CONVERSATION_LIMITS, maxConversations: 4 };
      const stores = await Promise.all(databases.map((db) => PostgresDirectLineStore.factory(db)(limits, () => undefined)));
      const results = await Promise.all(Array.from({ length: 12 }, (_, i) => stores[i % 2].start(`c${i}`, `u${i}`, Date.now())));
      expect(results.filter((result) => result.kind === 'created')).toHaveLength(4);
      expect(results.filter((result) => result.kind === 'full')).toHaveLength(8);
      const created = results.flatMap((result, i) => (result.kind === 'created' ? [i] : []));
      const sent = vi.spyOn(pg.Client.prototype, 'query');
      // Known to the other instance: found by the touch, one statement.
      expect(await stores[(created[0] + 1) % 2].start(`c${created[0]}`, `u${created[0]}`, Date.now())).toEqual({ kind: 'existing' });
      expect(await stores[0].start(`c${created[1]}`, 'someone else', Date.now())).toEqual({ kind: 'other-user' });
      expect(sent).toHaveBeenCalledTimes(2);
      sent.mockClear();
      expect(await stores[1].start('new', 'u', Date.now())).toEqual({ kind: 'full' });
      // The touch, then the admission: BEGIN, lock, admission and COMMIT in one round trip.
      expect(sent).toHaveBeenCalledTimes(2);
      sent.mockRestore();
      for (const store of stores) await store.close();
    } finally {
      vi.restoreAllMocks();
      for (const db of databases) await db.close();
      await schema.drop();
    }
  });
});

describePostgres('PostgresDirectLineStore kept bytes', () => {
  const T0 = Date.UTC(2026, 0, 5, 10);
  const message = (text: string) => ({ type: 'message', text, from: { id: 'bot', name: 'bot' } });

  it('keeps each conversation\'s kept_bytes an upper bound of its activities\' bytes, exact once the bounds drop some; a NULL one (not known) still trims', async () => {
    const schema = await createTestSchema();
    const db = await PostgresDatabase.create(schema.config, quietLog);
    try {
      const bound = 6 * storedBytes({ ...message('m'.repeat(200)), id: 'c|0000000' });
      const store = await PostgresDirectLineStore.factory(db)({ ...DEFAULT_CONVERSATION_LIMITS, maxConversationBytes: bound, maxActivities: 5 }, () => undefined);
      const exact = async (id: string) =>
        (await sql(schema.config.url, `SELECT c.kept_bytes::int AS kept, (SELECT coalesce(sum(bytes), 0)::int FROM ${schema.config.schema}.dl_activities a WHERE a.conversation_id = c.id) AS sum, (SELECT count(*)::int FROM ${schema.config.schema}.dl_activities a WHERE a.conversation_id = c.id) AS count FROM ${schema.config.schema}.dl_conversations c WHERE c.id = $1`, [id]))[0];
      await store.start('short', 'u', T0);
      await store.start('long', 'u', T0);
      for (let i = 0; i < 3; i += 1) await store.append('short', message('m'.repeat(200)), T0);
      expect(await exact('short')).toMatchObject({ count: 3, kept: (await exact('short')).sum });
      // The count bound alone (small activities), then the byte bound (large ones): exact after each drop.
      for (let i = 0; i < 8; i += 1) await store.append('long', message('s'), T0);
      expect(await exact('long')).toMatchObject({ count: 5, kept: (await exact('long')).sum });
      for (let i = 0; i < 8; i += 1) await store.append('long', message('m'.repeat(400)), T0);
      const long = await exact('long');
      expect(long.sum).toBeLessThanOrEqual(bound);
      expect(long.kept).toBe(long.sum);
      // A replacement that grows an activity raises the bound too.
      const [first] = (await store.since('short', 0, T0)).activities;
      expect(await store.replace('short', { ...first, text: 'm'.repeat(600) })).toBe(true);
      expect((await exact('short')).kept).toBe((await exact('short')).sum);
      // Not known (rows of a version before migration 009): the append sums the activities and trims all the same.
      await sql(schema.config.url, `UPDATE ${schema.config.schema}.dl_conversations SET kept_bytes = NULL WHERE id = 'short'`);
      for (let i = 0; i < 4; i += 1) await store.append('short', message('m'.repeat(400)), T0);
      expect((await exact('short')).sum).toBeLessThanOrEqual(bound);
      await store.close();
    } finally {
      await db.close();
      await schema.drop();
    }
  });
});

describePostgres('PostgresDirectLineStore notifications', () => {
  const T0 = Date.UTC(2026, 0, 5, 10);

  it('hands another instance\'s activity to this instance\'s stream from the notification when it fits, and reads a larger one back from the table', async () => {
    const schema = await createTestSchema();
    const databases = await Promise.all([0, 1].map(() => PostgresDatabase.create(schema.config, quietLog)));
    const sent = vi.spyOn(pg.Client.prototype, 'query');
    // The stream reads (LiveWatchers' batched statement).
    const reads = (): number => sent.mock.calls.filter((args: unknown[]) => JSON.stringify(args[0]).includes('unnest(')).length;
    try {
      const [appender, streamer] = await Promise.all(databases.map((db) => PostgresDirectLineStore.factory(db)(DEFAULT_CONVERSATION_LIMITS, () => undefined)));
      await appender.start('c', 'u', T0);
      const delivered: Array<Partial<Activity>> = [];
      const stop = streamer.watch('c', 0, T0, (set) => delivered.push(...set.activities));
      await until(() => reads() === 1);
      sent.mockClear();
      const short = { type: 'message', text: 'Réponse courte 👍', from: { id: 'bot', name: 'bot' }, replyToId: 'c|0000000' };
      await appender.append('c', short, T0);
      await until(() => delivered.length === 1);
      // Delivered as the table holds it, without a read.
      expect(delivered[0]).toEqual((await streamer.since('c', 0, T0)).activities[0]);
      expect(reads()).toBe(0);
      // Too large to travel in a notification: the streaming instance reads it back.
      const long = { ...short, text: 'x'.repeat(MAX_CARRYING_NOTIFICATION_BYTES) };
      await appender.append('c', long, T0);
      await until(() => delivered.length === 2);
      expect(delivered[1]).toEqual((await streamer.since('c', 1, T0)).activities[0]);
      expect(reads()).toBe(1);
      stop();
      for (const store of [appender, streamer]) await store.close();
    } finally {
      sent.mockRestore();
      for (const db of databases) await db.close();
      await schema.drop();
    }
  });
});

async function until(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('until: timed out');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
