/**
 * What every FeedbackStore must do, whatever it stores in: SQLite today,
 * PostgreSQL for several instances tomorrow. An implementation's test file
 * calls `feedbackStoreContract(name, factory)` with a factory that opens an
 * empty store; the suite checks the behaviour the bot and `npm run feedback`
 * rely on.
 */
import { describe, expect, it } from 'vitest';
import type { FeedbackRecord, FeedbackStore } from '../../../bot/index.js';
import { disposedAfterEach } from '../helpers/disposedAfterEach.js';

/** One empty store under test, a way to open its data again, and the clean-up. */
export interface ContractSubject {
  readonly store: FeedbackStore;
  /** A new store instance over the same data (the first one is closed before). */
  reopen(): Promise<FeedbackStore>;
  /** Removes whatever the subject created (files, schemas). */
  dispose(): Promise<void>;
}

export type ContractFactory = () => Promise<ContractSubject>;

const base = { channel: 'webchat', userHash: 'u'.repeat(32), conversationHash: 'c'.repeat(32), kbVersion: 'kb1' } as const;

type Vote = FeedbackRecord & { readonly kind: 'feedback'; readonly voteKey: string };

function vote(voteKey: string, time: string, helpful: boolean, extra: Partial<Omit<FeedbackRecord, 'kind'>> = {}): Vote {
  return { ...base, kind: 'feedback', voteKey, time, question: 'Le référencement est-il obligatoire ?', answerId: 'answer-a', score: 0.8, rank: 1, helpful, ...extra };
}

function unanswered(time: string, question: string): FeedbackRecord & { readonly kind: 'unanswered' } {
  return { ...base, kind: 'unanswered', time, question };
}

export function feedbackStoreContract(name: string, factory: ContractFactory): void {
  describe(`FeedbackStore contract: ${name}`, () => {
    const open = disposedAfterEach(factory);

    it('starts empty', async () => {
      const { store } = await open();
      expect(await store.list()).toEqual([]);
      await store.close();
    });

    it('upserts a vote by its key: the last choice wins and one record stays; other keys are other votes', async () => {
      const { store } = await open();
      await store.recordFeedback(vote('k1', '2026-01-01T10:00:00.000Z', true));
      await store.recordFeedback(vote('k1', '2026-01-01T10:00:05.000Z', false));
      await store.recordFeedback(vote('k2', '2026-01-01T10:00:06.000Z', true, { answerId: 'answer-b' }));
      const records = await store.list();
      expect(records).toHaveLength(2);
      expect(records[0]).toMatchObject({ kind: 'feedback', helpful: false, time: '2026-01-01T10:00:05.000Z', answerId: 'answer-a', score: 0.8, rank: 1 });
      expect(records[1]).toMatchObject({ helpful: true, answerId: 'answer-b' });
      await store.close();
    });

    it('adds a comment to an existing vote and rejects a comment without a vote', async () => {
      const { store } = await open();
      await store.recordFeedback(vote('k', '2026-01-01T10:00:00.000Z', false));
      await store.addComment('k', 'Il manque la date limite');
      expect((await store.list())[0].comment).toBe('Il manque la date limite');
      await expect(store.addComment('unknown', 'x')).rejects.toThrow();
      await store.close();
    });

    it('keeps the comment when the same vote is repeated without one, replaces it with a new one, drops it when the vote flips', async () => {
      const { store } = await open();
      await store.recordFeedback(vote('k', '2026-01-01T10:00:00.000Z', false));
      await store.addComment('k', 'Il manque la date limite');
      // A second 👎 (a double click, or Teams' native 👎 on the same answer) must not erase what the user wrote.
      await store.recordFeedback(vote('k', '2026-01-01T10:00:05.000Z', false));
      expect((await store.list())[0]).toMatchObject({ helpful: false, comment: 'Il manque la date limite' });
      await store.recordFeedback(vote('k', '2026-01-01T10:00:09.000Z', false, { comment: 'Et le calendrier' }));
      expect((await store.list())[0].comment).toBe('Et le calendrier');
      // The comment explained a 👎: a 👍 replaces the vote and the comment with it.
      await store.recordFeedback(vote('k', '2026-01-01T10:00:10.000Z', true));
      const [flipped] = await store.list();
      expect(flipped.helpful).toBe(true);
      expect(flipped).not.toHaveProperty('comment');
      await store.close();
    });

    it('lists every record oldest first, absent fields left out, the same time in the order written', async () => {
      const { store } = await open();
      await store.recordUnanswered(unanswered('2026-01-02T00:00:00.000Z', 'second'));
      await store.recordFeedback(vote('k', '2026-01-03T00:00:00.000Z', true));
      await store.recordUnanswered(unanswered('2026-01-01T00:00:00.000Z', 'first'));
      await store.recordUnanswered(unanswered('2026-01-02T00:00:00.000Z', 'second, same time'));
      const records = await store.list();
      expect(records.map((r) => r.question)).toEqual(['first', 'second', 'second, same time', 'Le référencement est-il obligatoire ?']);
      expect(records[0]).toEqual(unanswered('2026-01-01T00:00:00.000Z', 'first'));
      const { voteKey: _key, ...stored } = vote('k', '2026-01-03T00:00:00.000Z', true);
      expect(records[3]).toEqual(stored);
      await store.close();
    });

    it('empties the question and comment of records older than the cut-off, and only those', async () => {
      const { store } = await open();
      await store.recordFeedback(vote('old', '2026-01-01T10:00:00.000Z', false, { comment: 'mon numéro 06…' }));
      await store.recordUnanswered(unanswered('2026-01-02T00:00:00.000Z', 'ancienne question'));
      await store.recordUnanswered(unanswered('2026-06-01T00:00:00.000Z', 'récente'));
      expect(await store.purgeText('2026-03-01T00:00:00.000Z')).toBe(2);
      expect(await store.purgeText('2026-03-01T00:00:00.000Z')).toBe(0);
      const [oldVote, oldQuestion, recent] = await store.list();
      expect(oldVote).toMatchObject({ question: '', answerId: 'answer-a', helpful: false });
      expect(oldVote).not.toHaveProperty('comment');
      expect(oldQuestion.question).toBe('');
      expect(recent.question).toBe('récente');
      await store.close();
    });

    it('keeps every record when opened again, and closing twice is harmless', async () => {
      const subject = await open();
      await subject.store.recordFeedback(vote('k', '2026-01-01T10:00:00.000Z', false, { comment: 'à revoir' }));
      await subject.store.recordUnanswered(unanswered('2026-01-01T10:00:01.000Z', 'météo ?'));
      await subject.store.close();
      await subject.store.close();
      const again = await subject.reopen();
      expect((await again.list()).map((r) => [r.kind, r.comment ?? r.question])).toEqual([
        ['feedback', 'à revoir'],
        ['unanswered', 'météo ?'],
      ]);
      await again.close();
    });
  });
}
