import { beforeAll, describe, expect, it } from 'vitest';
import { MAX_REMEMBERED_ANSWERS } from '../../bot/ShownMemory.js';
import { MAX_MESSAGE_CHARS } from '../../bot/userInput.js';
import type { KnowledgeBase } from '../../knowledge/index.js';
import { FakeRetriever } from '../fakes/FakeRetriever.js';
import { loadFixtureKnowledgeBase } from '../fixtures/kb.js';
import { cardsOf, isAnswer } from './support/activities.js';
import { createHarness, type Harness } from './support/harness.js';

let kb: KnowledgeBase;
beforeAll(async () => {
  kb = await loadFixtureKnowledgeBase();
});

/** The conversation's stored bot state (dialog stack and memory), in bytes of JSON. */
async function stateBytes(harness: Harness): Promise<number> {
  const key = `webchat/conversations/${harness.conversation.id}/`;
  return Buffer.byteLength(JSON.stringify((await harness.storage.read([key]))[key]));
}

function voteButton(batch: Awaited<ReturnType<Harness['send']>>, helpful: boolean): unknown {
  const button = batch.flatMap(cardsOf).flatMap((card) => card.buttons).find((b) => b.title === (helpful ? '👍 Oui' : '👎 Non'));
  if (!button) throw new Error('no vote button on the answer');
  return button.data;
}

describe('conversation state', () => {
  it('stops growing once MAX_REMEMBERED_ANSWERS answers are remembered, however long the conversation and its questions', async () => {
    const retriever = new FakeRetriever(kb.entries, [{ contains: 'question numéro', ranked: { 'mes-donnees-disponibles': 0.9, 'mes-echange-donnees-services': 0.5, 'mes-fonctionnalites': 0.4 } }]);
    const harness = await createHarness({ kb, retriever });
    try {
      const bytes: number[] = [];
      for (let turn = 0; turn < 3 * MAX_REMEMBERED_ANSWERS; turn++) {
        // Questions as long as a message may be: the worst case for what each remembered answer keeps.
        // It ends with « ? »: after a 👎 it is a new question, not the comment.
        const question = `question numéro ${String(turn).padStart(3, '0')} `.padEnd(MAX_MESSAGE_CHARS - 2, 'é') + ' ?';
        const answered = await harness.send({ type: 'message', text: question });
        expect(answered.filter(isAnswer), `turn ${turn}`).toHaveLength(1);
        const helpful = turn % 2 === 0;
        const voted = await harness.send({ type: 'message', value: voteButton(answered, helpful) });
        // What the visitor sees after a 👎: the runner-ups as buttons, then the comment prompt.
        if (!helpful) expect(voted.flatMap(cardsOf).flatMap((card) => card.buttons.map((b) => b.title)), `turn ${turn}`).toContain('Passer');
        bytes.push(await stateBytes(harness));
      }
      const atBound = bytes[MAX_REMEMBERED_ANSWERS - 1];
      // Later turns only replace what is remembered (nonces gain a digit at most).
      for (const [turn, size] of bytes.entries()) expect(size, `turn ${turn}`).toBeLessThanOrEqual(atBound + 64);
      // Each remembered answer keeps its question once (a 👎's next best list refers to it), and Web Chat keeps no activity id.
      expect(atBound).toBeLessThan((MAX_REMEMBERED_ANSWERS + 1) * 2 * MAX_MESSAGE_CHARS + 4096);
      expect(JSON.stringify(await harness.storage.read([`webchat/conversations/${harness.conversation.id}/`]))).not.toContain('activityId');
    } finally {
      await harness.close();
    }
  });
});
