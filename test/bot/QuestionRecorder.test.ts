import { ConversationState, MemoryStorage, TestAdapter, TurnContext } from 'botbuilder';
import { describe, expect, it } from 'vitest';
import { openQuestionLogStore } from '../../adapters/storage/index.js';
import { ConversationMemory } from '../../bot/ConversationMemory.js';
import { createIdHasher } from '../../bot/hashId.js';
import type { BotLogger, QuestionLogStore } from '../../bot/index.js';
import { QuestionRecorder } from '../../bot/QuestionRecorder.js';

const activity = { channelId: 'webchat', conversation: { id: 'conv-1', isGroup: false, name: 'c', conversationType: 'personal' }, from: { id: 'user-1', name: 'u' } };

function collectingLogger(): { logger: BotLogger; lines: { level: string; obj: object }[] } {
  const lines: { level: string; obj: object }[] = [];
  const at = (level: string) => (obj: object) => void lines.push({ level, obj });
  return { logger: { info: at('info'), warn: at('warn'), error: at('error'), debug: at('debug') }, lines };
}

async function conversation() {
  const memory = new ConversationMemory(new ConversationState(new MemoryStorage()));
  const context = new TurnContext(new TestAdapter(), { type: 'message', ...activity });
  return memory.load(context);
}

describe('QuestionRecorder', () => {
  it('logs a question with hashed conversation id and settles it on a click (no rephrasing after)', async () => {
    const store = await openQuestionLogStore({ questionLogDb: ':memory:' });
    let id = 0;
    const { logger, lines } = collectingLogger();
    const recorder = new QuestionRecorder({
      store, hashId: createIdHasher('salt'), kbVersion: 'kb', logger, clock: () => new Date('2026-02-01T10:00:00.000Z'), newId: () => `id${(id += 1)}`,
    });
    const memory = await conversation();
    const first = recorder.question(activity, memory, { source: 'typed', text: 'mon numéro 0612', facets: {}, decision: 'clarify', candidates: [{ id: 'a', score: 0.5 }] });
    await first.written;
    await recorder.clicked(memory, first.id, 'a');
    await recorder.question(activity, memory, { source: 'typed', text: 'autre', facets: {}, decision: 'answer', candidates: [{ id: 'b' }] }).written;
    const [second, logged] = await store.list();
    expect(second.id).toBe('id2');
    expect(logged).toMatchObject({ id: 'id1', conversationHash: createIdHasher('salt')('conv-1'), events: [{ kind: 'clicked', entryId: 'a' }] });
    expect(JSON.stringify(await store.list())).not.toContain('conv-1');
    expect(JSON.stringify(lines)).not.toContain('0612');
    await store.close();
  });

  it('gives the id at once and settles `written` only once the question and the rephrasing before it are stored', async () => {
    const store = await openQuestionLogStore({ questionLogDb: ':memory:' });
    let id = 0;
    const recorder = new QuestionRecorder({ store, hashId: createIdHasher('s'), kbVersion: 'kb', logger: collectingLogger().logger, newId: () => `id${(id += 1)}` });
    const memory = await conversation();
    await recorder.question(activity, memory, { source: 'typed', text: 'première', facets: {}, decision: 'none', candidates: [] }).written;
    const writes: (() => void)[] = [];
    // The store's next writes wait until released: `written` must wait with them.
    const gated: QuestionLogStore = Object.assign(Object.create(store) as QuestionLogStore, {
      recordQuestion: async (...args: Parameters<QuestionLogStore['recordQuestion']>) => {
        await new Promise<void>((resolve) => writes.push(resolve));
        return store.recordQuestion(...args);
      },
      recordEvent: async (...args: Parameters<QuestionLogStore['recordEvent']>) => {
        await new Promise<void>((resolve) => writes.push(resolve));
        return store.recordEvent(...args);
      },
    });
    const slow = new QuestionRecorder({ store: gated, hashId: createIdHasher('s'), kbVersion: 'kb', logger: collectingLogger().logger, newId: () => `id${(id += 1)}` });
    const second = slow.question(activity, memory, { source: 'typed', text: 'seconde', facets: {}, decision: 'answer', candidates: [{ id: 'b' }] });
    expect(second.id).toBe('id2');
    let settled = false;
    void second.written.then(() => (settled = true));
    await new Promise((resolve) => setTimeout(resolve, 20));
    // Both writes (the rephrasing of the first question and the second question) are under way at once.
    expect(writes).toHaveLength(2);
    expect(settled).toBe(false);
    writes[0]();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(settled).toBe(false);
    writes[1]();
    await second.written;
    const [latest, first] = await store.list();
    expect(latest.id).toBe('id2');
    expect(first.events.map((event) => event.kind)).toEqual(['rephrased']);
    await store.close();
  });

  it('keeps the conversation going when the log cannot be written: a warning without text', async () => {
    const fail = (): Promise<never> => Promise.reject(new Error('disk full'));
    const failing: QuestionLogStore = {
      recordQuestion: fail, recordBatch: fail, recordEvent: fail, dailyCounts: fail, entryCounts: fail, list: fail, dimensions: fail, purgeText: fail,
      textCounts: fail, pickCounts: fail, scan: () => ({ [Symbol.asyncIterator]: () => ({ next: fail }) }), close: async () => undefined,
    };
    const { logger, lines } = collectingLogger();
    const recorder = new QuestionRecorder({ store: failing, hashId: createIdHasher('s'), kbVersion: 'kb', logger });
    const memory = await conversation();
    const { id, written } = recorder.question(activity, memory, { source: 'typed', text: 'question secrète', facets: {}, decision: 'none', candidates: [] });
    await expect(written).resolves.toBeUndefined();
    await recorder.voted(id, { entryId: 'a', helpful: false, voteKey: 'k', comment: 'commentaire secret' });
    expect(lines.filter((line) => line.level === 'warn')).toHaveLength(3);
    expect(JSON.stringify(lines)).not.toMatch(/secr/);
  });
});
