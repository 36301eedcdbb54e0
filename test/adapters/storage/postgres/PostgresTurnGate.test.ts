import { expect, it } from 'vitest';
import { PostgresBotStorage, PostgresTurnGate } from '../../../../adapters/storage/index.js';
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
      expect((await storage.read(['k'])).k).toEqual({ n: 1, eTag: '1' });
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
});
