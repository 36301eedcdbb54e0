import { ConversationState, MemoryStorage, TestAdapter } from 'botbuilder';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Retriever } from '../../embeddings/index.js';
import type { KnowledgeBase } from '../../knowledge/index.js';
import { createOnTurnError, messages, type BotLogger } from '../../bot/index.js';
import { cardsOf } from './support/activities.js';
import { createHarness } from './support/harness.js';
import { loadFixtureKnowledgeBase } from '../fixtures/kb.js';

let kb: KnowledgeBase;
beforeAll(async () => {
  kb = await loadFixtureKnowledgeBase();
});

const failing: Retriever = {
  description: 'failing',
  score: () => Promise.reject(new Error('HybridRetriever.score: index unreadable')),
};

describe('createOnTurnError', () => {
  it('logs with hashed ids and no text, replies kindly and clears the conversation state', async () => {
    const harness = await createHarness({ kb, retriever: failing });
    await harness.send({ type: 'conversationUpdate', membersAdded: [{ id: 'user-1', name: 'Camille' }] });
    const product = await harness.send({ type: 'message', value: { faq: 1, action: 'choose', facet: 'offer', value: 'mon-espace-sante', turn: 1 } });
    const productCard = cardsOf(product[0])[0];
    expect(productCard.texts[0]).toBe('Votre question concerne quel produit ou service produit?');

    const replies = await harness.send({ type: 'message', text: 'Question confidentielle de Camille' });
    expect(replies.map((r) => r.text)).toContain(messages.turnError);
    const errors = harness.logs.filter((l) => l.level === 'error');
    expect(errors).toHaveLength(1);
    const logged = JSON.stringify(errors[0].obj, (key, value) => (key === 'err' ? String(value) : value));
    expect(logged).toContain('index unreadable');
    expect(logged).not.toContain('conversation-1');
    expect(logged).not.toContain('user-1');
    expect(logged).not.toContain('confidentielle');
    expect(errors[0].obj).toMatchObject({ conversation: expect.stringMatching(/^[0-9a-f]{32}$/), user: expect.stringMatching(/^[0-9a-f]{32}$/) });

    // The triage was forgotten: the product card from before the error is now a stale button, not an error.
    const after = await harness.send({ type: 'message', value: productCard.buttons[1].data });
    expect(cardsOf(after[0])[0].texts[0]).toBe(messages.staleButton);
    await harness.close();
  });

  it('sends a trace activity on the emulator channel only', async () => {
    const lines: unknown[] = [];
    const log = (obj: object) => void lines.push(obj);
    const logger: BotLogger = { info: log, warn: log, error: log, debug: log };
    const state = new ConversationState(new MemoryStorage());
    for (const channelId of ['emulator', 'webchat']) {
      const adapter = new TestAdapter(async () => {
        throw new Error('boom');
      }, { channelId }, true);
      adapter.onTurnError = createOnTurnError(logger, state);
      await adapter.send('hello');
      const types = adapter.activeQueue.map((a) => a.type);
      expect(types, channelId).toEqual(channelId === 'emulator' ? ['message', 'trace'] : ['message']);
    }
    expect(lines).toHaveLength(2);
  });
});
