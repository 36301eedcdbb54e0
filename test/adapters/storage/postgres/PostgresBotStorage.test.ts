import { ConversationState, TestAdapter, TurnContext } from 'botbuilder';
import { expect, it } from 'vitest';
import { PostgresBotStorage, StaleWriteError } from '../../../../adapters/storage/index.js';
import { describePostgres, twoInstancesPerTest } from './testDatabase.js';

describePostgres('PostgresBotStorage', () => {
  const instances = twoInstancesPerTest();

  it('reads what was written with its version as eTag, and forgets deleted keys', async () => {
    const storage = new PostgresBotStorage(instances().dbs[0]);
    await storage.write({ a: { n: 1, nested: { text: 'é' } }, b: { n: 2 } });
    const items = await storage.read(['a', 'b', 'missing']);
    expect(items).toEqual({ a: { n: 1, nested: { text: 'é' }, eTag: '1' }, b: { n: 2, eTag: '1' } });
    await storage.write({ a: { n: 3, eTag: '*' } });
    expect((await storage.read(['a'])).a).toEqual({ n: 3, eTag: '2' });
    await storage.delete(['a']);
    expect(await storage.read(['a', 'b'])).toEqual({ b: { n: 2, eTag: '1' } });
  });

  it('refuses a write whose eTag another writer has replaced (compare-and-set), and accepts the current one', async () => {
    const storage = new PostgresBotStorage(instances().dbs[0]);
    await storage.write({ k: { n: 1 } });
    await storage.write({ k: { n: 2, eTag: '1' } });
    await expect(storage.write({ k: { n: 3, eTag: '1' } })).rejects.toBeInstanceOf(StaleWriteError);
    await storage.write({ k: { n: 3, eTag: '2' } });
    expect((await storage.read(['k'])).k).toEqual({ n: 3, eTag: '3' });
  });

  it('refuses the stale one of two turns on two instances, although BotState writes eTag "*"', async () => {
    // Two instances load the same conversation's state, both change it, both save: the second is stale.
    const states = instances().dbs.map((db) => new ConversationState(new PostgresBotStorage(db)));
    const adapter = new TestAdapter();
    const activity = { type: 'message', channelId: 'directline', conversation: { id: 'conv-1', isGroup: false, conversationType: 'personal', name: '' }, from: { id: 'u', name: '' }, recipient: { id: 'bot', name: '' } };
    // The conversation's first turn (the greeting) created its state.
    const first = new TurnContext(adapter, activity);
    await states[0].createProperty<number>('count').set(first, 0);
    await states[0].saveChanges(first);
    const contexts = states.map(() => new TurnContext(adapter, activity));
    const properties = states.map((state) => state.createProperty<number>('count'));
    for (const [i, property] of properties.entries()) expect(await property.get(contexts[i], -1)).toBe(0);
    await properties[0].set(contexts[0], 1);
    await properties[1].set(contexts[1], 10);
    await states[0].saveChanges(contexts[0]);
    await expect(states[1].saveChanges(contexts[1])).rejects.toBeInstanceOf(StaleWriteError);
    // The next turn reads what the first instance wrote; its own save then goes through, a forced second save too.
    const next = new TurnContext(adapter, activity);
    const property = states[1].createProperty<number>('count');
    expect(await property.get(next, 0)).toBe(1);
    await property.set(next, 2);
    await states[1].saveChanges(next);
    await states[1].saveChanges(next, true);
    const reread = new TurnContext(adapter, activity);
    expect(await states[0].createProperty<number>('count').get(reread, 0)).toBe(2);
  });
});
