import { describe, expect, it } from 'vitest';
import { openQuestionLogStore } from '../../../adapters/storage/index.js';
import { RETENTION_CHECK_INTERVAL_MS, startRetention } from '../../../adapters/storage/retention.js';
import type { QuestionLogStore, QuestionRecord } from '../../../bot/index.js';
import { ManualClock } from '../../fakes/ManualClock.js';
import { createTestSchema, describePostgres, quietLog } from './postgres/testDatabase.js';

const asked = (id: string, time: string): QuestionRecord => ({
  id, time, channel: 'webchat', kbVersion: 'kb', conversationHash: 'c', source: 'typed', text: `texte ${id}`, facets: {}, decision: 'none', candidates: [],
});

/** The daily purge over a question log: old text emptied at start-up, then the next day's, counts logged. */
async function purgesDaily(store: QuestionLogStore): Promise<void> {
  await store.recordQuestion(asked('old', '2026-01-01T00:00:00.000Z'));
  await store.recordQuestion(asked('recent', '2026-06-01T00:00:00.000Z'));
  const clock = new ManualClock(Date.parse('2026-06-10T00:00:00.000Z'));
  const lines: object[] = [];
  const log = { info: (obj: object) => void lines.push(obj), warn: (obj: object) => void lines.push(obj) };
  const stop = startRetention({ questionLog: store }, 30, clock, log);
  await expect.poll(async () => (await store.list()).map((q) => q.text)).toEqual(['texte recent', '']);
  clock.advance(30 * RETENTION_CHECK_INTERVAL_MS);
  await expect.poll(async () => (await store.list()).map((q) => q.text)).toEqual(['', '']);
  expect(lines).toEqual([{ store: 'questionLog', purged: 1, retentionDays: 30 }, { store: 'questionLog', purged: 1, retentionDays: 30 }]);
  stop();
  expect(clock.taskCount).toBe(0);
}

describePostgres('startRetention on PostgreSQL', () => {
  it('empties old text in the PostgreSQL question log the same way', async () => {
    const schema = await createTestSchema();
    const store = await openQuestionLogStore({ questionLogDb: '/nonexistent/questions.db', database: schema.config }, quietLog);
    try {
      await purgesDaily(store);
    } finally {
      await store.close();
      await schema.drop();
    }
  });
});

describe('startRetention', () => {
  it('empties text older than the retention period at start-up, then daily, logging counts only', async () => {
    const store = await openQuestionLogStore({ questionLogDb: ':memory:' });
    await purgesDaily(store);
    await store.close();
  });

  it('goes on with the other stores when one fails, with a warning', async () => {
    const purged: string[] = [];
    const lines: object[] = [];
    const log = { info: (obj: object) => void lines.push(obj), warn: (obj: object) => void lines.push(obj) };
    const stop = startRetention(
      {
        broken: { purgeText: () => Promise.reject(new Error('disk')) },
        feedback: { purgeText: async (before) => (purged.push(before), 2) },
      },
      180,
      new ManualClock(Date.parse('2026-07-01T00:00:00.000Z')),
      log,
    );
    await expect.poll(() => purged).toEqual(['2026-01-02T00:00:00.000Z']);
    expect(lines).toEqual([expect.objectContaining({ store: 'broken' }), { store: 'feedback', purged: 2, retentionDays: 180 }]);
    stop();
  });
});
