import { ConversationState, TestAdapter, TurnContext } from 'botbuilder';
import pg from 'pg';
import { afterEach, expect, it, vi } from 'vitest';
import { BOT_STATE_PRELOAD, PostgresBotStorage, PostgresTurnGate, StaleWriteError } from '../../../../adapters/storage/index.js';
import { describePostgres, twoInstancesPerTest } from './testDatabase.js';

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describePostgres('PostgresTurnGate', () => {
  const instances = twoInstancesPerTest();

  it('runs the turns of one conversation one at a time across two instances, and other conversations alongside', async () => {
    const gates = instances().dbs.map((db) => new PostgresTurnGate(db));
    const running = new Map<string, number>();
    let maxSame = 0;
    let maxAll = 0;
    const turn = (conversation: string) => async (): Promise<string> => {
      running.set(conversation, (running.get(conversation) ?? 0) + 1);
      maxSame = Math.max(maxSame, running.get(conversation) ?? 0);
      maxAll = Math.max(maxAll, [...running.values()].reduce((a, b) => a + b, 0));
      await pause(15);
      running.set(conversation, (running.get(conversation) ?? 1) - 1);
      return conversation;
    };
    const results = await Promise.all(
      Array.from({ length: 24 }, (_, i) => gates[i % 2].run(`conv-${i % 3}`, turn(`conv-${i % 3}`))),
    );
    expect(results).toHaveLength(24);
    expect(maxSame).toBe(1);
    expect(maxAll).toBeGreaterThan(1);
  });

  it('passes a turn failure to its caller and releases the lock for the next turn', async () => {
    const gate = new PostgresTurnGate(instances().dbs[0]);
    await expect(gate.run('c', () => Promise.reject(new Error('bot failed')))).rejects.toThrow('bot failed');
    expect(await new PostgresTurnGate(instances().dbs[1]).run('c', async () => 'next')).toBe('next');
  });

  it('reads and writes bot state in the turn\'s transaction: other instances see it once the turn is over, a failed turn\'s not at all', async () => {
    const [db, otherDb] = instances().dbs;
    const gate = new PostgresTurnGate(db);
    const storage = new PostgresBotStorage(db);
    const outside = new PostgresBotStorage(otherDb);
    let seenOutside: unknown;
    let late: Promise<void> | undefined;
    await gate.run('c', async () => {
      await storage.write({ k: { n: 1 } });
      // Written with the COMMIT: the turn reads its own write back (unconditional, as it was written).
      expect((await storage.read(['k'])).k).toEqual({ n: 1, eTag: '*' });
      seenOutside = await outside.read(['k']);
      // Work the turn started but did not wait for runs on the pool once the turn's transaction is gone.
      late = pause(50).then(() => storage.write({ late: { n: 2 } }));
    });
    expect(seenOutside).toEqual({});
    expect((await outside.read(['k'])).k).toEqual({ n: 1, eTag: '1' });
    await late;
    expect((await outside.read(['late'])).late).toEqual({ n: 2, eTag: '1' });
    await expect(gate.run('c', async () => {
      await storage.write({ k: { n: 5 } });
      throw new Error('bot failed');
    })).rejects.toThrow('bot failed');
    expect((await outside.read(['k'])).k).toEqual({ n: 1, eTag: '1' });
  });

  afterEach(() => {
    vi.restoreAllMocks();
  });

  const activity = { type: 'message', channelId: 'directline', conversation: { id: 'conv-1', isGroup: false, conversationType: 'personal', name: '' }, from: { id: 'u', name: '' }, recipient: { id: 'bot', name: '' } };
  const conversationKey = (id: string): Record<string, string> => ({ [BOT_STATE_PRELOAD]: PostgresBotStorage.preload([`directline/conversations/${id}/`]) });

  it('sends the turn\'s lock with its ConversationState read, and its state write with its COMMIT: two round trips for a turn that loads and saves', async () => {
    const [db, otherDb] = instances().dbs;
    const storage = new PostgresBotStorage(db);
    const gate = new PostgresTurnGate(db, conversationKey);
    const state = new ConversationState(storage);
    const count = state.createProperty<number>('count');
    const adapter = new TestAdapter();
    const turn = (): Promise<number> => gate.run('conv-1', async () => {
      const context = new TurnContext(adapter, activity);
      const next = (await count.get(context, 0)) + 1;
      await count.set(context, next);
      await state.saveChanges(context);
      return next;
    });
    expect(await turn()).toBe(1);
    const sent = vi.spyOn(pg.Client.prototype, 'query');
    expect(await turn()).toBe(2);
    // The first compare-and-set of the connection goes as literals; the connection then prepares it, after the turn.
    expect(sent).toHaveBeenCalledTimes(3);
    expect(String(sent.mock.calls[0][0])).toMatch(/^BEGIN; SELECT pg_advisory_xact_lock\(.*; SELECT k\.key/);
    expect(String(sent.mock.calls[1][0])).toMatch(/^WITH written AS \(INSERT INTO bot_state .* COMMIT$/s);
    expect(String(sent.mock.calls[2][0])).toMatch(/^PREPARE t\d+ AS WITH written AS \(INSERT INTO bot_state .*\$3::bigint/s);
    sent.mockClear();
    expect(await turn()).toBe(3);
    // From then on: its name and the literals of its parameters, PostgreSQL parses and plans it no more.
    expect(sent).toHaveBeenCalledTimes(2);
    expect(String(sent.mock.calls[1][0])).toMatch(/^EXECUTE t\d+\('directline\/conversations\/conv-1\/', '\{"count":3\}', '2'\); COMMIT$/);
    sent.mockRestore();
    // The version moved once per turn: another instance's ConversationState reads 3 at version 3.
    const outside = await new PostgresBotStorage(otherDb).read(['directline/conversations/conv-1/']);
    expect(outside['directline/conversations/conv-1/']).toMatchObject({ count: 3, eTag: '3' });
  });

  it('fails a turn whose state write went stale meanwhile (a writer outside the gate): nothing of it is committed, the next turn goes on', async () => {
    const [db, otherDb] = instances().dbs;
    const key = 'directline/conversations/conv-1/';
    const storage = new PostgresBotStorage(db);
    const outside = new PostgresBotStorage(otherDb);
    await outside.write({ [key]: { n: 1 }, other: { n: 1 } });
    const gate = new PostgresTurnGate(db, conversationKey);
    await expect(gate.run('conv-1', async () => {
      const items = await storage.read([key, 'other']);
      await outside.write({ [key]: { n: 10, eTag: '1' } });
      await storage.write({ [key]: { ...items[key], n: 2 }, other: { ...items.other, n: 2 } });
      // A second save of the same object in the turn (onTurnError's forced save) still compares against version 1.
      await storage.write({ [key]: { ...items[key], n: 3 } });
    })).rejects.toBeInstanceOf(StaleWriteError);
    expect(await outside.read([key, 'other'])).toEqual({ [key]: { n: 10, eTag: '2' }, other: { n: 1, eTag: '1' } });
    await gate.run('conv-1', async () => {
      const items = await storage.read([key]);
      expect(items[key]).toEqual({ n: 10, eTag: '2' });
      await storage.write({ [key]: { ...items[key], n: 11 } });
    });
    expect((await outside.read([key]))[key]).toEqual({ n: 11, eTag: '3' });
  });

  it('reads a key the preload does not cover with a query of its own, and forgets the preload once the turn deletes', async () => {
    const [db] = instances().dbs;
    const key = 'directline/conversations/conv-1/';
    const storage = new PostgresBotStorage(db);
    await storage.write({ [key]: { n: 1 }, 'directline/users/u/': { u: 1 } });
    const gate = new PostgresTurnGate(db, conversationKey);
    await gate.run('conv-1', async () => {
      expect(await storage.read(['directline/users/u/', key])).toEqual({ 'directline/users/u/': { u: 1, eTag: '1' }, [key]: { n: 1, eTag: '1' } });
      expect(await storage.read([key, 'missing'])).toEqual({ [key]: { n: 1, eTag: '1' } });
      await storage.delete([key]);
      expect(await storage.read([key])).toEqual({});
      await storage.write({ [key]: { n: 5 } });
      expect(await storage.read([key])).toEqual({ [key]: { n: 5, eTag: '*' } });
    });
    expect(await storage.read([key])).toEqual({ [key]: { n: 5, eTag: '1' } });
  });
});
