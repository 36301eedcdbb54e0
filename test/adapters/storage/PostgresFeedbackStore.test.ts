import { expect, it } from 'vitest';
import { openExistingFeedbackStore, openFeedbackStore, PostgresDatabase, PostgresFeedbackStore } from '../../../adapters/storage/index.js';
import { feedbackStoreContract } from './feedbackStoreContract.js';
import { createTestSchema, describePostgres, quietLog, TEST_DATABASE_URL } from './postgres/testDatabase.js';

if (TEST_DATABASE_URL !== undefined) {
  // The store the server and `npm run feedback` get when DATABASE_URL is set, each test in its own schema.
  feedbackStoreContract('PostgreSQL, through openFeedbackStore', async () => {
    const schema = await createTestSchema();
    const config = { feedbackDb: '/nonexistent/never-used.db', database: schema.config };
    return { store: await openFeedbackStore(config, quietLog), reopen: () => openFeedbackStore(config, quietLog), dispose: () => schema.drop() };
  });
}

describePostgres('PostgresFeedbackStore', () => {
  it('is what a reader opens when DATABASE_URL is configured, even with no SQLite file anywhere', async () => {
    const schema = await createTestSchema();
    try {
      const db = await PostgresDatabase.create(schema.config, quietLog);
      const writer = new PostgresFeedbackStore(db);
      await writer.recordUnanswered({ kind: 'unanswered', time: '2026-01-01T00:00:00.000Z', channel: 'webchat', userHash: 'u', conversationHash: 'c', kbVersion: 'kb1', question: 'météo ?' });
      await writer.close();
      await db.close();
      const reader = await openExistingFeedbackStore({ feedbackDb: '/nonexistent/feedback.db', database: schema.config }, quietLog);
      expect(reader).toBeDefined();
      expect((await reader?.list())?.map((record) => record.question)).toEqual(['météo ?']);
      await reader?.close();
    } finally {
      await schema.drop();
    }
  });

  it('keeps votes written concurrently by two instances, one record per vote key', async () => {
    const schema = await createTestSchema();
    const [a, b] = await Promise.all([PostgresDatabase.create(schema.config, quietLog), PostgresDatabase.create(schema.config, quietLog)]);
    try {
      const stores = [new PostgresFeedbackStore(a), new PostgresFeedbackStore(b)];
      const base = { kind: 'feedback', channel: 'directline', userHash: 'u', conversationHash: 'c', kbVersion: 'kb1', question: 'q', answerId: 'a' } as const;
      await Promise.all(
        Array.from({ length: 40 }, (_, i) =>
          stores[i % 2].recordFeedback({ ...base, voteKey: `k${i % 20}`, time: new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString(), helpful: i % 3 === 0 }),
        ),
      );
      const records = await stores[0].list();
      expect(records).toHaveLength(20);
    } finally {
      await Promise.all([a.close(), b.close()]);
      await schema.drop();
    }
  });
});
