/**
 * Teams-shaped activities (test/adapters/teams/fixtures/) replayed over HTTP through
 * botbuilder's CloudAdapter against the real bot, real KB and real (lexical) retrieval,
 * with the bot's replies captured by a local stand-in for Teams' connector service.
 */
import { frenchSpacing } from '../../../bot/frenchTypography.js';
import { afterEach, describe, expect, it } from 'vitest';
import { TYPING_DELAY_MS, TYPING_INTERVAL_MS, type FeedbackRecord } from '../../../bot/index.js';
import { isRecord } from '../../../knowledge/index.js';
import { cardOf, type ShownCard } from './support/cardText.js';
import { realBotReplayAroundAll } from './support/realBotReplay.js';
import { loadFixture, type CapturedActivity, type ReplayResponse } from './support/teamsReplay.js';

const PERSONAL_USER = '29:1Xk3vQpersonalUserIdOfCamille';
const CHANNEL_THREAD = '19:a1b2c3d4e5f6channelGeneral@thread.tacv2;messageid=1731000000101';

const session = realBotReplayAroundAll();
let conversations = 0;

afterEach(() => {
  expect(session.real.turnErrors).toEqual([]);
});

/** A fixture in a conversation of its own, so tests do not share bot state or feedback records. */
async function fixture(name: string, values: { replyToId?: string; value?: unknown; conversationId?: string } = {}) {
  const activity = await loadFixture(name, { serviceUrl: session.replay.serviceUrl, ...values });
  if (values.conversationId !== undefined && isRecord(activity.conversation)) {
    activity.conversation = { ...activity.conversation, id: values.conversationId };
  }
  return activity;
}

function newPersonalConversation(): string {
  conversations += 1;
  return `a:1PersonalConversationWithCamille-${conversations}`;
}

function messagesOf(response: ReplayResponse): CapturedActivity[] {
  return response.sent.filter((sent) => sent.activity.type === 'message');
}

function onlyCard(response: ReplayResponse): { sent: CapturedActivity; card: ShownCard } {
  const cards = messagesOf(response).flatMap((sent) => {
    const card = cardOf(sent.activity);
    return card ? [{ sent, card }] : [];
  });
  expect(cards, JSON.stringify(response.sent)).toHaveLength(1);
  return cards[0];
}

async function recordsOf(conversationId: string): Promise<FeedbackRecord[]> {
  const conversationHash = session.real.hash(conversationId);
  return (await session.real.store.list()).filter((record) => record.conversationHash === conversationHash);
}

/** Asks in personal chat and returns the answer message (the one Teams' feedback refers to). */
async function askInPersonalChat(conversationId: string): Promise<{ response: ReplayResponse; answer: CapturedActivity; card: ShownCard }> {
  const response = await session.replay.send(await fixture('personal-message', { conversationId }));
  const { sent, card } = onlyCard(response);
  return { response, answer: sent, card };
}

describe('personal chat', () => {
  it('answers (with no typing indicator when the search is quicker than TYPING_DELAY_MS) with an Adaptive Card 1.5 with Action.Submit votes and Teams’ native feedback', async () => {
    const conversationId = newPersonalConversation();
    const started = Date.now();
    const { response, answer, card } = await askInPersonalChat(conversationId);
    const elapsed = Date.now() - started;
    expect(response.status).toBe(200);

    const entry = session.real.kb.entries.find((e) => e.id === 'innovation-collaboration');
    expect(card.version).toBe('1.5');
    expect(card.texts[0]).toBe(frenchSpacing(entry?.question ?? ''));
    for (const paragraph of entry?.answer.split('\n') ?? []) expect(card.texts).toContain(paragraph.trim());
    expect(card.buttons.map((b) => [b.type, b.title, b.data?.action, b.data?.helpful])).toEqual([
      ['Action.Submit', '👍 Oui', 'vote', true],
      ['Action.Submit', '👎 Non', 'vote', false],
    ]);
    expect(answer.activity.channelData).toEqual({ feedbackLoop: { type: 'default' } });
    expect(answer.conversationId).toBe(conversationId);
    expect(answer.replyToId).toBe('1731000000001');

    // The lexical search takes milliseconds; only a very loaded machine could make it outlast the delay.
    const typing = response.sent.filter((sent) => sent.activity.type === 'typing');
    if (elapsed < TYPING_DELAY_MS) expect(typing).toEqual([]);
    else if (typing.length > 0) expect(response.sent[0].activity.type).toBe('typing');
    expect(typing.length).toBeLessThanOrEqual(elapsed < TYPING_DELAY_MS ? 0 : 1 + Math.floor((elapsed - TYPING_DELAY_MS) / TYPING_INTERVAL_MS));
  });

  it('answers the native feedback invoke with 200, stores it against the answer, and a second invoke replaces the first', async () => {
    const conversationId = newPersonalConversation();
    const { answer } = await askInPersonalChat(conversationId);

    const like = await session.replay.send(await fixture('feedback-invoke-like', { conversationId, replyToId: answer.id }));
    expect(like.status).toBe(200);
    expect(messagesOf(like)).toEqual([]);
    const first = await recordsOf(conversationId);
    expect(first).toHaveLength(1);
    expect(first[0]).toMatchObject({
      kind: 'feedback',
      channel: 'msteams',
      answerId: 'innovation-collaboration',
      rank: 1,
      helpful: true,
      comment: 'Clair et précis, merci.',
      question: 'Comment une entreprise innovante peut-elle collaborer avec l’ANS ?',
      userHash: session.real.hash(PERSONAL_USER),
      kbVersion: session.real.kb.version,
    });

    const dislike = await session.replay.send(await fixture('feedback-invoke-dislike', { conversationId, replyToId: answer.id }));
    expect(dislike.status).toBe(200);
    const second = await recordsOf(conversationId);
    expect(second).toHaveLength(1);
    expect(second[0]).toMatchObject({ answerId: 'innovation-collaboration', helpful: false, comment: 'Il manque le lien vers le formulaire.' });
  });

  it('acknowledges an invoke about a message it does not remember, and stores nothing', async () => {
    const conversationId = newPersonalConversation();
    await askInPersonalChat(conversationId);
    const response = await session.replay.send(await fixture('feedback-invoke-like', { conversationId, replyToId: '1730999999999' }));
    expect(response.status).toBe(200);
    expect(await recordsOf(conversationId)).toEqual([]);
  });

  it('refuses a malformed feedback invoke with 400 and stores nothing', async () => {
    const conversationId = newPersonalConversation();
    const { answer } = await askInPersonalChat(conversationId);
    const activity = await fixture('feedback-invoke-like', { conversationId, replyToId: answer.id });
    activity.value = { actionName: 'feedback', actionValue: { reaction: 'love' } };
    const response = await session.replay.send(activity);
    expect(response.status).toBe(400);
    expect(await recordsOf(conversationId)).toEqual([]);
  });

  it('keeps the card buttons working where the native feedback loop is absent', async () => {
    const conversationId = newPersonalConversation();
    const { answer, card } = await askInPersonalChat(conversationId);
    const thumbsDown = card.buttons.find((button) => button.title === '👎 Non');
    const response = await session.replay.send(await fixture('personal-card-submit', { conversationId, replyToId: answer.id, value: thumbsDown?.data }));
    expect(response.status).toBe(200);
    expect(messagesOf(response).length).toBeGreaterThan(0);
    const records = await recordsOf(conversationId);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ answerId: 'innovation-collaboration', helpful: false, channel: 'msteams' });
  });
});

describe('team channel', () => {
  it('answers an @mention in the thread, with the mention stripped before retrieval, and card clicks need no mention', async () => {
    const asked = await session.replay.send(await fixture('channel-mention'));
    expect(asked.status).toBe(200);
    const first = onlyCard(asked);
    expect(first.sent.conversationId).toBe(CHANNEL_THREAD);
    expect(first.sent.replyToId).toBe('1731000000101');
    const question = frenchSpacing(session.real.kb.entries.find((entry) => entry.id === 'mos-definition')?.question ?? '');

    // "Qu’est-ce que le MOS ?" may be answered at once or offered among close candidates ("Vouliez-vous dire…").
    let answer = first;
    if (first.card.texts[0] !== question) {
      const mos = first.card.buttons.find((button) => button.data?.id === 'mos-definition');
      expect(mos?.type, JSON.stringify(first.card)).toBe('Action.Submit');
      const picked = await session.replay.send(await fixture('channel-card-submit', { replyToId: first.sent.id, value: mos?.data }));
      answer = onlyCard(picked);
    }
    expect(answer.card.texts[0]).toBe(question);
    expect(answer.sent.conversationId).toBe(CHANNEL_THREAD);
    expect(answer.sent.activity.channelData).toEqual({ feedbackLoop: { type: 'default' } });

    const thumbsUp = answer.card.buttons.find((button) => button.title === '👍 Oui');
    const voted = await session.replay.send(await fixture('channel-card-submit', { replyToId: answer.sent.id, value: thumbsUp?.data }));
    expect(voted.status).toBe(200);
    const records = await recordsOf(CHANNEL_THREAD);
    expect(records).toHaveLength(1);
    // The question as the bot searched it: the "<at>…</at>" mention is gone.
    expect(records[0]).toMatchObject({ question: 'Qu’est-ce que le MOS ?', answerId: 'mos-definition', helpful: true, channel: 'msteams' });
  });

  it('stays silent (no typing, no message) when it is not @mentioned', async () => {
    const response = await session.replay.send(await fixture('channel-no-mention'));
    expect(response.status).toBe(200);
    expect(response.sent).toEqual([]);
  });
});

describe('what reaches the logs', () => {
  it('holds no raw Teams ids, names or message text', async () => {
    await askInPersonalChat(newPersonalConversation());
    await session.replay.send(await fixture('channel-mention', { conversationId: `${CHANNEL_THREAD}-logs` }));
    await session.replay.send(await fixture('channel-no-mention'));
    const logged = JSON.stringify(session.real.logs);
    expect(session.real.logs.length).toBeGreaterThan(0);
    for (const secret of [PERSONAL_USER, 'a:1PersonalConversation', '19:a1b2c3d4e5f6', 'Camille', 'Dominique', 'collaborer avec', 'MOS ?']) {
      expect(logged).not.toContain(secret);
    }
  });
});

describe('personal install', () => {
  it('greets the user (Teams lists only the bot in membersAdded) and the guided questions work by clicks', async () => {
    const conversationId = newPersonalConversation();
    const installed = await session.replay.send(await fixture('personal-install', { conversationId }));
    expect(installed.status).toBe(200);
    const [greeting] = messagesOf(installed);
    expect(greeting.activity.text).toMatch(/^Bonjour/);
    const question = onlyCard(installed);
    expect(question.card.texts).toEqual([frenchSpacing(session.real.kb.taxonomy.questions[0].prompt)]);
    const innovation = question.card.buttons.find((button) => button.data?.value === 'innovation');
    expect(innovation?.type).toBe('Action.Submit');

    const clicked = await session.replay.send(await fixture('personal-card-submit', { conversationId, replyToId: question.sent.id, value: innovation?.data }));
    expect(clicked.status).toBe(200);
    const next = onlyCard(clicked);
    expect(next.card.buttons.length).toBeGreaterThan(0);
    expect(next.card.buttons.every((button) => button.type === 'Action.Submit')).toBe(true);
  });
});
