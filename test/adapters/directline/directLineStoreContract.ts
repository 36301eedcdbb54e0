/**
 * What every DirectLineStore must do: the in-memory one (one instance) and the PostgreSQL
 * one (several). `peer()` opens the same data as another instance would (the memory store
 * returns itself: it has no other instance).
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { ActivitySet, ConversationLimits, DirectLineStore } from '../../../adapters/directline/index.js';
import { DEFAULT_CONVERSATION_LIMITS, storedBytes } from '../../../adapters/directline/index.js';

export interface StoreSubject {
  readonly store: DirectLineStore;
  readonly peer: () => Promise<DirectLineStore>;
  readonly dispose: () => Promise<void>;
}

export type StoreFactory = (limits: ConversationLimits, onExpired: (conversationId: string, userId: string) => void) => Promise<StoreSubject>;

const T0 = Date.UTC(2026, 0, 1);
const message = (text: string) => ({ type: 'message', text });

async function until(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('until: timed out');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export function directLineStoreContract(name: string, factory: StoreFactory): void {
  describe(`DirectLineStore contract: ${name}`, () => {
    const subjects: StoreSubject[] = [];
    const open = async (limits: Partial<ConversationLimits> = {}, onExpired: (id: string, user: string) => void = () => undefined) => {
      const subject = await factory({ ...DEFAULT_CONVERSATION_LIMITS, ...limits }, onExpired);
      subjects.push(subject);
      return subject;
    };
    afterEach(async () => {
      for (const subject of subjects.splice(0)) await subject.dispose();
    });

    it('starts, finds, refuses another user, and numbers activities so that the watermark resumes anywhere', async () => {
      const { store, peer } = await open();
      expect(await store.start('c1', 'u1', T0)).toEqual({ kind: 'created' });
      expect(await store.start('c1', 'u1', T0)).toEqual({ kind: 'existing' });
      expect(await store.start('c1', 'intruder', T0)).toEqual({ kind: 'other-user' });
      const first = await store.append('c1', message('a'), T0);
      const second = await store.append('c1', message('b'), T0);
      expect(first.kind === 'stored' && first.activity.id).toBe('c1|0000000');
      expect(second.kind === 'stored' && second.activity.id).toBe('c1|0000001');
      const other = await peer();
      const all = await other.since('c1', 0, T0);
      expect(all.activities.map((activity) => activity.text)).toEqual(['a', 'b']);
      expect(all.watermark).toBe('2');
      expect((await other.since('c1', 1, T0)).activities.map((activity) => activity.text)).toEqual(['b']);
      expect(await other.since('c1', 2, T0)).toEqual({ activities: [], watermark: '2' });
    });

    it('takes a visitor\'s post into their own conversation only, marking it active, and says when it is missing', async () => {
      const { store, peer } = await open({ idleMs: 60_000 });
      expect(await store.post('c', 'u', message('early'), T0)).toEqual({ kind: 'missing' });
      await store.start('c', 'u', T0);
      expect(await store.post('c', 'intruder', message('not yours'), T0)).toEqual({ kind: 'other-user' });
      const posted = await store.post('c', 'u', message('hello'), T0 + 50_000);
      expect(posted.kind === 'stored' && posted.activity.id).toBe('c|0000000');
      expect((await (await peer()).since('c', 0, T0 + 50_000)).activities.map((activity) => activity.text)).toEqual(['hello']);
      expect(await store.sweep(T0 + 70_000)).toBe(0);
      expect(await store.post('c', 'u', message('x'.repeat(DEFAULT_CONVERSATION_LIMITS.maxActivityBytes)), T0)).toMatchObject({ kind: 'too-large' });
    });

    it('numbers a conversation recreated beyond its client\'s watermark from there', async () => {
      const { store } = await open();
      await store.start('c', 'u', T0, 1_000);
      await store.append('c', message('resumed'), T0);
      expect(await store.since('c', 1_000, T0)).toMatchObject({ activities: [{ id: 'c|0001000' }], watermark: '1001' });
    });

    it('streams the backlog from a watermark, then every activity appended by any instance, once each and in order', async () => {
      const { store, peer } = await open();
      await store.start('c', 'u', T0);
      await store.append('c', message('old'), T0);
      await store.append('c', message('backlog'), T0);
      const other = await peer();
      const sets: ActivitySet[] = [];
      const stop = other.watch('c', 1, T0, (set) => sets.push(set));
      await until(() => sets.length === 1);
      expect(other.listenerCount('c')).toBe(1);
      for (const text of ['n1', 'n2', 'n3']) await store.append('c', message(text), T0);
      const texts = () => sets.flatMap((set) => set.activities.map((activity) => activity.text));
      await until(() => texts().length === 4);
      expect(texts()).toEqual(['backlog', 'n1', 'n2', 'n3']);
      expect(sets.at(-1)?.watermark).toBe('5');
      stop();
      expect(other.listenerCount('c')).toBe(0);
      await store.append('c', message('after'), T0);
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(texts()).toHaveLength(4);
    });

    it('streams its own appends and another instance\'s to its own streams, concurrent ones too, once each and in order', async () => {
      const { store, peer } = await open();
      await store.start('c', 'u', T0);
      const other = await peer();
      const sets: ActivitySet[] = [];
      const stop = store.watch('c', 0, T0, (set) => sets.push(set));
      const delivered = () => sets.flatMap((set) => set.activities);
      for (const [i, text] of ['a', 'b', 'c', 'd'].entries()) await (i % 2 === 0 ? store : other).append('c', message(text), T0);
      await Promise.all(['e', 'f', 'g', 'h'].map((text, i) => (i % 2 === 0 ? store : other).append('c', message(text), T0)));
      await until(() => delivered().length === 8);
      expect(delivered().slice(0, 4).map((activity) => activity.text)).toEqual(['a', 'b', 'c', 'd']);
      expect(delivered().map((activity) => activity.id)).toEqual(Array.from({ length: 8 }, (_, seq) => `c|000000${seq}`));
      expect(sets.at(-1)?.watermark).toBe('8');
      stop();
    });

    it('keeps the newest activities within the byte bound, counting every digit of the sequence number', async () => {
      const eightDigits = storedBytes({ ...message('m'), id: 'c|12345678' });
      const { store } = await open({ maxConversationBytes: 2 * eightDigits - 1 });
      await store.start('c', 'u', T0, 12_345_676);
      for (let i = 0; i < 3; i += 1) await store.append('c', message('m'), T0);
      expect(await store.since('c', 0, T0)).toMatchObject({ activities: [{ id: 'c|12345678' }], watermark: '12345679' });
      const roomy = await open({ maxConversationBytes: 2 * eightDigits });
      await roomy.store.start('c', 'u', T0, 12_345_676);
      for (let i = 0; i < 3; i += 1) await roomy.store.append('c', message('m'), T0);
      expect((await roomy.store.since('c', 0, T0)).activities.map((activity) => activity.id)).toEqual(['c|12345677', 'c|12345678']);
    });

    it('keeps the newest activities within the per-conversation bounds, the watermark going on', async () => {
      const { store } = await open({ maxActivities: 3 });
      await store.start('c', 'u', T0);
      for (let i = 0; i < 5; i += 1) await store.append('c', message(`m${i}`), T0);
      const kept = await store.since('c', 0, T0);
      expect(kept.activities.map((activity) => activity.text)).toEqual(['m2', 'm3', 'm4']);
      expect(kept.watermark).toBe('5');
      const tooBig = await store.append('c', message('x'.repeat(DEFAULT_CONVERSATION_LIMITS.maxActivityBytes)), T0);
      expect(tooBig.kind).toBe('too-large');
    });

    it('caps open conversations: a quiet one gives way, none quiet means full', async () => {
      const expired: string[] = [];
      const { store } = await open({ maxConversations: 2, evictableIdleMs: 60_000 }, (id) => expired.push(id));
      await store.start('a', 'u', T0);
      await store.start('b', 'u', T0 + 30_000);
      expect(await store.start('c', 'u', T0 + 50_000)).toEqual({ kind: 'full' });
      expect(await store.start('c', 'u', T0 + 70_000)).toEqual({ kind: 'created' });
      expect(expired).toEqual(['a']);
    });

    it('forgets conversations idle for too long, and says which', async () => {
      const expired: Array<[string, string]> = [];
      const { store } = await open({ idleMs: 60_000 }, (id, user) => expired.push([id, user]));
      await store.start('idle', 'u1', T0);
      await store.start('active', 'u2', T0);
      await store.append('active', message('still here'), T0 + 50_000);
      expect(await store.sweep(T0 + 70_000)).toBe(1);
      expect(expired).toEqual([['idle', 'u1']]);
      expect(await store.start('idle', 'u1', T0 + 70_000)).toEqual({ kind: 'created' });
    });
  });
}
