import { openCurationStore } from '../../../../adapters/storage/index.js';
import { curationStoreContract } from '../curationStoreContract.js';
import { createTestSchema, describePostgres, quietLog, TEST_DATABASE_URL } from './testDatabase.js';

// The console's decisions when DATABASE_URL is set, each test in its own schema.
describePostgres('PostgresCurationStore', () => {
  if (TEST_DATABASE_URL === undefined) return;
  curationStoreContract('PostgreSQL, through openCurationStore', async () => {
    const schema = await createTestSchema();
    const config = { questionLogDb: '/nonexistent/never-used.db', database: schema.config };
    return { store: await openCurationStore(config, quietLog), reopen: () => openCurationStore(config, quietLog), dispose: () => schema.drop() };
  });
});
