import type { DirectLineStore } from '../../../../adapters/directline/index.js';
import { PostgresDatabase, PostgresDirectLineStore } from '../../../../adapters/storage/index.js';
import { directLineStoreContract } from '../../directline/directLineStoreContract.js';
import { createTestSchema, quietLog, TEST_DATABASE_URL } from './testDatabase.js';

if (TEST_DATABASE_URL !== undefined) {
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
}
