import pg from 'pg';
import { expect, it, vi } from 'vitest';
import { DEFAULT_CONVERSATION_LIMITS, type DirectLineStore } from '../../../../adapters/directline/index.js';
import { PostgresDatabase, PostgresDirectLineStore } from '../../../../adapters/storage/index.js';
import { directLineStoreContract } from '../../directline/directLineStoreContract.js';
import { createTestSchema, describePostgres, quietLog } from './testDatabase.js';

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
