import { describe, expect, it } from 'vitest';
import { openFeedbackStore, openQuestionLogStore } from '../../adapters/storage/index.js';
import { FeedbackRecorder, voteKeyFor } from '../../bot/FeedbackRecorder.js';
import { createIdHasher } from '../../bot/hashId.js';
import type { BotLogger } from '../../bot/index.js';
import { QuestionRecorder } from '../../bot/QuestionRecorder.js';

const silent: BotLogger = { info: () => undefined, warn: () => undefined, error: () => undefined, debug: () => undefined };
const activity = { channelId: 'msteams', from: { id: 'user-1', name: 'u' }, conversation: { id: 'conv-1', isGroup: false, conversationType: 'personal', name: 'c' } };
const answer = { turn: 3, answerId: 'mos-definition', question: 'c’est quoi le MOS ?', score: 0.7, rank: 1, alternatives: [] };

async function recorder(): Promise<{ recorder: FeedbackRecorder; list: () => Promise<unknown[]>; close: () => Promise<void> }> {
  const store = await openFeedbackStore({ feedbackDb: ':memory:' });
  const hashId = createIdHasher('salt');
  const clock = (): Date => new Date('2026-02-03T04:05:06.000Z');
  const questions = new QuestionRecorder({ store: await openQuestionLogStore({ questionLogDb: ':memory:' }), hashId, kbVersion: 'kb-v', logger: silent, clock });
  return {
    recorder: new FeedbackRecorder({ store, hashId, kbVersion: 'kb-v', logger: silent, questions, clock }),
    list: () => store.list(),
    close: () => store.close(),
  };
}

describe('FeedbackRecorder', () => {
  it('stores a vote with hashed ids, the answer it is about, and the KB version; a second vote on the same answer replaces it', async () => {
    const { recorder: r, list, close } = await recorder();
    const key = await r.recordVote(activity, answer, false, 'pas clair');
    expect(key).toBe(voteKeyFor(createIdHasher('salt'), 'conv-1', answer));
    await r.recordVote(activity, answer, true);
    const records = await list();
    expect(records).toEqual([
      {
        kind: 'feedback', time: '2026-02-03T04:05:06.000Z', channel: 'msteams', kbVersion: 'kb-v', question: answer.question,
        answerId: 'mos-definition', score: 0.7, rank: 1, helpful: true,
        userHash: createIdHasher('salt')('user-1'), conversationHash: createIdHasher('salt')('conv-1'),
      },
    ]);
    expect(JSON.stringify(records)).not.toMatch(/user-1|conv-1/);
    await close();
  });

  it('attaches a bounded comment to a vote, and records unanswered questions', async () => {
    const { recorder: r, list, close } = await recorder();
    const key = await r.recordVote(activity, answer, false);
    await r.recordComment(key, `  trop\u0000 court ${'x'.repeat(2_000)}`);
    await r.recordUnanswered(activity, 'la météo ?');
    const [vote, question] = (await list()) as { comment?: string; kind: string; question: string }[];
    expect(vote.comment?.startsWith('trop court x')).toBe(true);
    expect(vote.comment?.length).toBe(1_000);
    expect(question).toMatchObject({ kind: 'unanswered', question: 'la météo ?' });
    await close();
  });
});
