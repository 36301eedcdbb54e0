import type { Activity } from 'botbuilder';
import pg from 'pg';
import { afterEach, expect, it, vi } from 'vitest';
import { DEFAULT_CONVERSATION_LIMITS, storedBytes, type DirectLineStore } from '../../../../adapters/directline/index.js';
import { CONVERSATION_PRELOAD, PostgresDirectLineStore, PostgresTurnGate } from '../../../../adapters/storage/index.js';
import { describePostgres, sql, twoInstancesPerTest } from './testDatabase.js';

const T0 = Date.UTC(2026, 0, 5, 10);
const visitor = (text: string): Partial<Activity> => ({ type: 'message', text, from: { id: 'u', name: '' } });
const bot = (text: string): Partial<Activity> => ({ type: 'message', text, from: { id: 'bot', name: 'bot' } });

describePostgres('TurnAppends (a turn\'s Direct Line activities sent with its COMMIT)', () => {
  const instances = twoInstancesPerTest();
  const stores: DirectLineStore[] = [];

  const setUp = async (limits = DEFAULT_CONVERSATION_LIMITS): Promise<{ gate: PostgresTurnGate; mine: DirectLineStore; other: DirectLineStore }> => {
    const [db, otherDb] = instances().dbs;
    const [mine, other] = await Promise.all([db, otherDb].map((each) => PostgresDirectLineStore.factory(each)(limits, () => undefined)));
    stores.push(mine, other);
    const gate = new PostgresTurnGate(db, (conversationId) => ({ [CONVERSATION_PRELOAD]: PostgresDirectLineStore.preload(conversationId) }));
    await mine.start('c', 'u', T0);
    return { gate, mine, other };
  };

  const watching = (store: DirectLineStore): Array<Partial<Activity>> => {
    const delivered: Array<Partial<Activity>> = [];
    store.watch('c', 0, T0, (set) => delivered.push(...set.activities));
    return delivered;
  };

  afterEach(async () => {
    vi.restoreAllMocks();
    for (const store of stores.splice(0)) await store.close();
  });

  it('numbers the visitor\'s post and the replies in the turn, stores them with its COMMIT (two round trips), and every stream gets them once committed', async () => {
    const { gate, mine, other } = await setUp();
    const here = watching(mine);
    const there = watching(other);
    await until(async () => (await other.since('c', 0, T0)).watermark === '0');
    const sent = vi.spyOn(pg.Client.prototype, 'query');
    const seenDuringTurn = await gate.run('c', async () => {
      const posted = await mine.post('c', 'u', visitor('Bonjour'), T0);
      const replied = await mine.append('c', bot('Réponse'), T0);
      expect([posted, replied].map((result) => (result.kind === 'stored' ? result.activity.id : result.kind))).toEqual(['c|0000000', 'c|0000001']);
      return (await other.since('c', 0, T0)).activities.length;
    });
    const turnTrips = sent.mock.calls.filter(([query]) => /\b(BEGIN|COMMIT)\b/.test(JSON.stringify(query)));
    expect(turnTrips).toHaveLength(2);
    expect(seenDuringTurn).toBe(0);
    const stored = await other.since('c', 0, T0);
    expect(stored.watermark).toBe('2');
    expect(stored.activities.map((each) => [each.id, each.text])).toEqual([['c|0000000', 'Bonjour'], ['c|0000001', 'Réponse']]);
    await until(async () => here.length === 2 && there.length === 2);
    expect(here).toEqual(stored.activities);
    expect(there).toEqual(stored.activities);
  });

  it('stores neither the post nor the replies of a turn that fails, so the client\'s retry is stored once, numbered from where the log was', async () => {
    const { gate, mine, other } = await setUp();
    await expect(gate.run('c', async () => {
      await mine.post('c', 'u', visitor('Bonjour'), T0);
      await mine.append('c', bot('Réponse'), T0);
      throw new Error('bot failed');
    })).rejects.toThrow('bot failed');
    expect(await other.since('c', 0, T0)).toEqual({ activities: [], watermark: '0' });
    await gate.run('c', () => mine.post('c', 'u', visitor('Bonjour'), T0));
    expect((await other.since('c', 0, T0)).activities.map((each) => each.id)).toEqual(['c|0000000']);
  });

  it('refuses another user\'s post and reports a conversation that is not there as missing, from the turn\'s preload', async () => {
    const { gate, mine } = await setUp();
    expect(await gate.run('c', () => mine.post('c', 'someone else', visitor('Bonjour'), T0))).toEqual({ kind: 'other-user' });
    expect(await gate.run('gone', () => mine.post('gone', 'u', visitor('Bonjour'), T0))).toEqual({ kind: 'missing' });
    await expect(gate.run('gone', () => mine.append('gone', bot('Réponse'), T0))).rejects.toThrow('unknown conversation');
  });

  it('holds the conversation for the turn: another instance\'s append made meanwhile is numbered after the turn\'s activities', async () => {
    const { gate, mine, other } = await setUp();
    let outside: Promise<unknown> = Promise.resolve();
    await gate.run('c', async () => {
      await mine.post('c', 'u', visitor('Bonjour'), T0);
      outside = other.append('c', bot('Ailleurs'), T0);
      await new Promise((resolve) => setTimeout(resolve, 100));
      await mine.append('c', bot('Réponse'), T0);
    });
    await outside;
    expect((await other.since('c', 0, T0)).activities.map((each) => [each.id, each.text])).toEqual([
      ['c|0000000', 'Bonjour'], ['c|0000001', 'Réponse'], ['c|0000002', 'Ailleurs'],
    ]);
  });

  it('hands a typing indicator sent during the turn to every stream at once, without storing it nor numbering it', async () => {
    const { gate, mine, other } = await setUp();
    const here = watching(mine);
    const there = watching(other);
    await until(async () => (await other.since('c', 0, T0)).watermark === '0');
    await gate.run('c', async () => {
      await mine.post('c', 'u', visitor('Bonjour'), T0);
      await mine.append('c', { type: 'typing', from: { id: 'bot', name: 'bot' } }, T0);
      await until(() => here.length === 1 && there.length === 1);
      expect([...here, ...there].map((each) => each.type)).toEqual(['typing', 'typing']);
      await mine.append('c', bot('Réponse'), T0);
    });
    const stored = await other.since('c', 0, T0);
    expect(stored.activities.map((each) => [each.id, each.type])).toEqual([['c|0000000', 'message'], ['c|0000001', 'message']]);
    await until(() => here.length === 3 && there.length === 3);
    expect(here.slice(1)).toEqual(stored.activities);
    expect(there.slice(1)).toEqual(stored.activities);
  });

  it('keeps the conversation within its bounds when one turn alone goes over them, and its kept_bytes exact once it dropped activities', async () => {
    const size = storedBytes({ ...bot('m'.repeat(300)), id: 'c|0000000' });
    const { gate, mine, other } = await setUp({ ...DEFAULT_CONVERSATION_LIMITS, maxActivities: 4, maxConversationBytes: 3 * size });
    await gate.run('c', async () => {
      for (let i = 0; i < 5; i += 1) await mine.append('c', bot(`${i}`.repeat(300)), T0);
    });
    expect((await other.since('c', 0, T0)).activities.map((each) => each.id)).toEqual(['c|0000002', 'c|0000003', 'c|0000004']);
    await gate.run('c', async () => {
      for (let i = 0; i < 6; i += 1) await mine.append('c', bot(`${i}`), T0);
    });
    expect((await other.since('c', 0, T0)).activities.map((each) => each.id)).toEqual(['c|0000007', 'c|0000008', 'c|0000009', 'c|0000010']);
    const { config } = instances();
    const [{ kept, sum }] = await sql(config.url, `SELECT c.kept_bytes::int AS kept, (SELECT sum(bytes)::int FROM ${config.schema}.dl_activities) AS sum FROM ${config.schema}.dl_conversations c`);
    expect(kept).toBe(sum);
  });

  it('applies the bot\'s update and deletion of an activity of the turn before it is stored, and of an earlier one in the turn\'s transaction', async () => {
    const { gate, mine, other } = await setUp();
    await gate.run('c', () => mine.append('c', bot('Avant'), T0));
    await gate.run('c', async () => {
      expect(await mine.replace('c', { id: 'c|0000000', text: 'Avant, corrigé' })).toBe(true);
      const reply = await mine.append('c', bot('Brouillon'), T0);
      const removed = await mine.append('c', bot('Retiré'), T0);
      if (reply.kind !== 'stored' || removed.kind !== 'stored') throw new Error('not stored');
      expect(await mine.replace('c', { id: reply.activity.id, text: 'Réponse' })).toBe(true);
      expect(await mine.remove('c', removed.activity.id ?? '')).toBe(true);
    });
    expect((await other.since('c', 0, T0)).activities.map((each) => [each.type, each.text])).toEqual([
      ['message', 'Avant, corrigé'], ['message', 'Réponse'], ['messageDelete', undefined],
    ]);
    const [{ kept, sum }] = await sql(instances().config.url, `SELECT c.kept_bytes::int AS kept, (SELECT sum(bytes)::int FROM ${instances().config.schema}.dl_activities) AS sum FROM ${instances().config.schema}.dl_conversations c`);
    expect(kept).toBeGreaterThanOrEqual(sum);
  });
});

async function until(condition: () => Promise<boolean> | boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('until: timed out');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
