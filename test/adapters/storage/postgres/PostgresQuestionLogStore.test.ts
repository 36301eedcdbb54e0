import { describe, expect, it } from 'vitest';
import { seedQuestions } from '../../../../adapters/console/seedQuestions.js';
import { openExistingQuestionLogStore, openQuestionLogStore, PostgresDatabase } from '../../../../adapters/storage/index.js';
import { PostgresQuestionLogStore } from '../../../../adapters/storage/postgres/PostgresQuestionLogStore.js';
import { loadFixtureKnowledgeBase } from '../../../fixtures/kb.js';
import { questionLogStoreContract } from '../questionLogStoreContract.js';
import { createTestSchema, describePostgres, quietLog, sql, TEST_DATABASE_URL, twoInstancesPerTest } from './testDatabase.js';

if (TEST_DATABASE_URL !== undefined) {
  // The store the console, the seed script and the retention purge get when DATABASE_URL is set, each test in its own schema.
  questionLogStoreContract('PostgreSQL, through openQuestionLogStore', async () => {
    const schema = await createTestSchema();
    const config = { questionLogDb: '/nonexistent/never-used.db', database: schema.config };
    return { store: await openQuestionLogStore(config, quietLog), reopen: () => openQuestionLogStore(config, quietLog), dispose: () => schema.drop() };
  });
}

describePostgres('PostgresQuestionLogStore', () => {
  it('keeps its daily rollups equal to the counts over the raw questions, through batches, vote flips and comments', async () => {
    const schema = await createTestSchema();
    const store = await openQuestionLogStore({ questionLogDb: '/nonexistent/never-used.db', database: schema.config }, quietLog);
    try {
      const kb = await loadFixtureKnowledgeBase();
      const { questions, events } = seedQuestions(kb.entries, { count: 2_000, days: 20, now: new Date('2026-04-01T12:00:00Z'), kbVersion: 'kb' });
      await store.recordBatch(questions.slice(0, 1_500), []);
      await store.recordBatch(questions.slice(1_500), events);
      // Flip some votes: the rollups must move with them.
      for (const vote of events.filter((e) => e.kind === 'voted').slice(0, 50)) await store.recordEvent({ ...vote, helpful: !vote.helpful });
      const { url, schema: name } = schema.config;
      const raw = await sql(
        url,
        `SELECT day, channel, kb_version AS "kbVersion", COUNT(*)::int AS questions, COUNT(*) FILTER (WHERE decision = 'answer')::int AS answered,
         COUNT(*) FILTER (WHERE decision IN ('clarify', 'list'))::int AS clarified, COUNT(*) FILTER (WHERE decision IN ('none', 'empty'))::int AS declined,
         COUNT(*) FILTER (WHERE helpful)::int AS up, COUNT(*) FILTER (WHERE NOT helpful)::int AS down
         FROM ${name}.questions GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
      );
      // Shown = answered with it + clicked; votes and comments from the events that stayed.
      const rawEntries = await sql(
        url,
        `SELECT entry_id AS "entryId", SUM(shown)::int AS shown, SUM(up)::int AS up, SUM(down)::int AS down, SUM(comments)::int AS comments
         FROM (SELECT answer_entry AS entry_id, 1 AS shown, 0 AS up, 0 AS down, 0 AS comments FROM ${name}.questions WHERE answer_entry IS NOT NULL
               UNION ALL
               SELECT entry_id, (kind = 'clicked')::int, (kind = 'voted' AND helpful)::int, (kind = 'voted' AND NOT helpful)::int, (kind = 'commented')::int
               FROM ${name}.question_events WHERE entry_id IS NOT NULL) counted
         GROUP BY entry_id ORDER BY shown DESC, entry_id COLLATE "C"`,
      );
      const rollups = await store.dailyCounts();
      expect(rollups).toEqual(raw);
      expect(rollups.reduce((sum, row) => sum + row.questions, 0)).toBe(2_000);
      expect(rollups.reduce((sum, row) => sum + row.up + row.down, 0)).toBeGreaterThan(0);
      expect(await store.entryCounts()).toEqual(rawEntries);
      expect(rawEntries.reduce((sum, row) => sum + Number(row.comments), 0)).toBeGreaterThan(0);
    } finally {
      await store.close();
      await schema.drop();
    }
  });

  it('is what a reader opens when DATABASE_URL is configured, even with no SQLite file anywhere', async () => {
    const schema = await createTestSchema();
    try {
      const db = await PostgresDatabase.create(schema.config, quietLog);
      const writer = new PostgresQuestionLogStore(db);
      await writer.recordQuestion({
        id: 'q1', time: '2026-01-01T08:00:00.000Z', channel: 'webchat', kbVersion: 'kb1', conversationHash: 'c', source: 'typed',
        text: 'météo ?', facets: {}, decision: 'none', candidates: [],
      });
      await writer.close();
      await db.close();
      const reader = await openExistingQuestionLogStore({ questionLogDb: '/nonexistent/questions.db', database: schema.config }, quietLog);
      expect((await reader?.list())?.map((question) => question.text)).toEqual(['météo ?']);
      await reader?.close();
    } finally {
      await schema.drop();
    }
  });


  describe('two instances on one schema', () => {
    const instances = twoInstancesPerTest();

    it('records a question and a vote while another turn that wrote the same day is still open (no shared rollup row)', async () => {
      const [a, b] = instances().dbs;
      let release: () => void = () => undefined;
      try {
        const base = { channel: 'webchat', kbVersion: 'kb1', conversationHash: 'c', source: 'typed', text: 'q', facets: {}, decision: 'answer', candidates: [{ id: 'e1' }] } as const;
        const at = (second: number): string => new Date(Date.UTC(2026, 0, 1, 8, 0, second)).toISOString();
        const vote = (questionId: string, second: number) => ({ questionId, time: at(second), kind: 'voted', entryId: 'e1', helpful: true, voteKey: questionId }) as const;
        const other = new PostgresQuestionLogStore(b);
        await other.recordQuestion({ ...base, id: 'q0', time: at(0) });
        await other.recordQuestion({ ...base, id: 'q3', time: at(3) });
        const held = new Promise<void>((resolve) => (release = resolve));
        let written: () => void = () => undefined;
        const open = new Promise<void>((resolve) => (written = resolve));
        // A turn of instance a: its question and vote are written, its transaction stays open until released.
        const turn = a.transaction('test turn', async (tx) => {
          const inTurn = new PostgresQuestionLogStore({ query: (method, text, params) => tx.query(method, text, params), transaction: () => Promise.reject(new Error('nested')) });
          await inTurn.recordQuestion({ ...base, id: 'q1', time: at(1) });
          await inTurn.recordEvent(vote('q0', 5));
          written();
          await held;
        });
        await open;
        const timedOut = new Promise<'waited'>((resolve) => setTimeout(() => resolve('waited'), 5_000).unref());
        const concurrent = (async () => {
          await other.recordQuestion({ ...base, id: 'q2', time: at(2) });
          await other.recordEvent(vote('q3', 6));
          return 'done' as const;
        })();
        expect(await Promise.race([concurrent, timedOut])).toBe('done');
        release();
        await turn;
        expect(await other.dailyCounts()).toEqual([{ day: '2026-01-01', channel: 'webchat', kbVersion: 'kb1', questions: 4, answered: 4, clarified: 0, declined: 0, up: 2, down: 0 }]);
      } finally {
        release();
      }
    });

    it('folds deltas in bounded batches, the counts the same before and after, with two instances compacting while writing', async () => {
      const { dbs: [a, b], config } = instances();
      const stores = [new PostgresQuestionLogStore(a), new PostgresQuestionLogStore(b)];
      const base = { channel: 'webchat', kbVersion: 'kb1', conversationHash: 'c', source: 'typed', text: 'q', facets: {}, candidates: [{ id: 'e1' }] } as const;
      const record = (i: number) =>
        stores[i % 2].recordQuestion({ ...base, id: `q${i}`, decision: i % 3 === 0 ? 'none' : 'answer', time: new Date(Date.UTC(2026, 0, 1 + (i % 3), 8, 0, i % 60)).toISOString() });
      for (let i = 0; i < 10; i += 1) await record(i);
      const deltas = async (): Promise<number> => {
        const [row] = await sql(config.url, `SELECT (SELECT count(*) FROM ${config.schema}.question_day_deltas) + (SELECT count(*) FROM ${config.schema}.entry_day_deltas) AS n`);
        return Number(row.n);
      };
      // 10 question deltas, 6 entry deltas (the answered ones); a batch of 4 folds 4 of each.
      expect(await deltas()).toBe(16);
      expect(await stores[0].compact(4)).toBe(8);
      expect(await deltas()).toBe(8);
      // Writes and compactions of both instances at once.
      await Promise.all([
        ...Array.from({ length: 90 }, (_, i) => record(10 + i)),
        ...Array.from({ length: 20 }, (_, i) => stores[i % 2].compact(7)),
      ]);
      const raw = await sql(
        config.url,
        `SELECT day, channel, kb_version AS "kbVersion", COUNT(*)::int AS questions, COUNT(*) FILTER (WHERE decision = 'answer')::int AS answered,
         0 AS clarified, COUNT(*) FILTER (WHERE decision = 'none')::int AS declined, 0 AS up, 0 AS down
         FROM ${config.schema}.questions GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
      );
      expect(raw).toHaveLength(3);
      expect(await stores[1].dailyCounts()).toEqual(raw);
      // The read folded what was left.
      expect(await deltas()).toBe(0);
      expect(await stores[0].dailyCounts()).toEqual(raw);
      expect(await stores[0].entryCounts()).toEqual([{ entryId: 'e1', shown: 66, up: 0, down: 0, comments: 0 }]);
    });

    it('keeps one vote per key and consistent counts when two instances record votes at once', async () => {
      const [a, b] = instances().dbs;
      const stores = [new PostgresQuestionLogStore(a), new PostgresQuestionLogStore(b)];
      const base = { channel: 'webchat', kbVersion: 'kb1', conversationHash: 'c', source: 'typed', text: 'q', facets: {}, decision: 'answer' } as const;
      await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          stores[i % 2].recordQuestion({ ...base, id: `q${i}`, time: new Date(Date.UTC(2026, 0, 1, 8, 0, i)).toISOString(), candidates: [{ id: `e${i % 4}` }] }),
        ),
      );
      await Promise.all(
        Array.from({ length: 40 }, (_, i) =>
          stores[i % 2].recordEvent({ questionId: `q${i % 20}`, time: new Date(Date.UTC(2026, 0, 1, 9, 0, i)).toISOString(), kind: 'voted', entryId: `e${i % 4}`, helpful: i < 20, voteKey: `k${i % 20}` }),
        ),
      );
      const questions = await stores[0].list();
      expect(questions.flatMap((q) => q.events)).toHaveLength(20);
      const [day] = await stores[1].dailyCounts();
      const entries = await stores[1].entryCounts();
      expect(day.questions).toBe(20);
      expect(day.up + day.down).toBe(20);
      expect(entries.reduce((sum, e) => sum + e.up + e.down, 0)).toBe(20);
      // The rollups agree with whichever vote stayed for each question.
      const ups = questions.filter((q) => q.events.some((e) => e.helpful === true)).length;
      expect(day.up).toBe(ups);
      expect(entries.reduce((sum, e) => sum + e.up, 0)).toBe(ups);
    });
  });
});
