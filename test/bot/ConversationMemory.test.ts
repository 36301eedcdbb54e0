import { ConversationState, MemoryStorage, TestAdapter, TurnContext } from 'botbuilder';
import { describe, expect, it } from 'vitest';
import { CONVERSATION_DATA_PROPERTY, ConversationMemory, MAX_REMEMBERED_ANSWERS } from '../../bot/ConversationMemory.js';

/** A turn context over a fresh TestAdapter conversation (the memory only needs its state cache). */
function turn(): TurnContext {
  const adapter = new TestAdapter();
  return new TurnContext(adapter, { type: 'message', channelId: 'test', conversation: { id: 'c1', isGroup: false, conversationType: 'personal', name: 'c' }, from: { id: 'u1', name: 'u' }, recipient: { id: 'b', name: 'b' } });
}

describe('ConversationMemory', () => {
  it('hands out increasing nonces across the triage, the shown lists and answers, and the comment', async () => {
    const memory = new ConversationMemory(new ConversationState(new MemoryStorage()));
    const context = turn();
    const conversation = await memory.load(context);
    const choice = conversation.triage.awaitChoice('offer');
    const offer = conversation.shown.rememberOffer({ source: 'clarify', question: 'q', candidates: [{ id: 'a', score: 0.5 }] });
    const answer = conversation.shown.newAnswerTurn();
    const comment = conversation.comment.await('vote-key');
    expect([choice, offer, answer, comment]).toEqual([1, 2, 3, 4]);
    expect(conversation.triage.pendingChoice).toEqual({ facet: 'offer', turn: 1 });
    expect(conversation.shown.offer(2)).toEqual({ turn: 2, source: 'clarify', question: 'q', candidates: [{ id: 'a', score: 0.5 }] });
    expect(conversation.comment.pending).toEqual({ voteKey: 'vote-key', turn: 4 });
    // Another view of the same turn sees the same data.
    expect((await memory.load(context)).triage.pendingChoice).toEqual({ facet: 'offer', turn: 1 });
  });

  it('finds shown answers by nonce and by the activity that carried them, and forgets the oldest beyond the limit', async () => {
    const conversation = await new ConversationMemory(new ConversationState(new MemoryStorage())).load(turn());
    for (let i = 0; i <= MAX_REMEMBERED_ANSWERS; i++) {
      const t = conversation.shown.newAnswerTurn();
      conversation.shown.rememberAnswer({ turn: t, answerId: `e${i}`, question: 'q', activityId: `act-${t}`, alternatives: [] });
    }
    expect(conversation.shown.answerAt(1)).toBeUndefined();
    expect(conversation.shown.answerAt(2)?.answerId).toBe('e1');
    expect(conversation.shown.answerFor(`act-${MAX_REMEMBERED_ANSWERS + 1}`)?.answerId).toBe(`e${MAX_REMEMBERED_ANSWERS}`);
    expect(conversation.shown.answerFor('unknown')).toBeUndefined();
  });

  it('applies choices, and restarts to an empty path with nothing pending', async () => {
    const conversation = await new ConversationMemory(new ConversationState(new MemoryStorage())).load(turn());
    conversation.triage.choose('offer', 'mos-nos');
    conversation.triage.choose('product', 'mos');
    conversation.triage.awaitChoice('theme');
    conversation.comment.await('k');
    expect(conversation.triage.facets).toEqual({ offer: 'mos-nos', product: 'mos' });
    conversation.triage.endChoice();
    expect(conversation.triage.pendingChoice).toBeUndefined();
    conversation.restart();
    expect(conversation.triage.facets).toEqual({});
    expect(conversation.comment.pending).toBeUndefined();
  });

  it('is saved with the conversation state under its stable property name', async () => {
    const storage = new MemoryStorage();
    const state = new ConversationState(storage);
    const context = turn();
    (await new ConversationMemory(state).load(context)).triage.choose('offer', 'innovation');
    await state.saveChanges(context);
    const key = 'test/conversations/c1/';
    const stored = (await storage.read([key]))[key] as Record<string, unknown>;
    expect(stored[CONVERSATION_DATA_PROPERTY]).toMatchObject({ facets: { offer: 'innovation' } });
  });
});
