import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { FeedbackRecord } from '../../bot/FeedbackStore.js';
import { SqliteFeedbackStore } from '../../bot/SqliteFeedbackStore.js';

const base = {
  channel: 'webchat',
  userHash: 'u'.repeat(32),
  conversationHash: 'c'.repeat(32),
  kbVersion: 'kb1',
} as const;

function vote(time: string, helpful: boolean, extra: Partial<Omit<FeedbackRecord, "kind">> = {}) {
  return { ...base, kind: 'feedback' as const, time, question: 'Le référencement est-il obligatoire ?', answerId: 'mes-referencement-obligatoire', score: 0.8, rank: 1, helpful, ...extra };
}

describe('SqliteFeedbackStore', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'feedback-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('syncs every commit (synchronous = FULL): an acknowledged vote survives a power cut, not only a crash', async () => {
    // synchronous is a per-connection setting that only the store's own connection can show: watch what it asks for.
    const pragma = vi.spyOn(Database.prototype, 'pragma');
    try {
      const store = await SqliteFeedbackStore.create(path.join(dir, 'feedback.db'));
      await store.close();
      expect(pragma.mock.calls.map(([source]) => source)).toContain('synchronous = FULL');
    } finally {
      pragma.mockRestore();
    }
  });

  it('creates the folder and the schema on first use, in WAL mode', async () => {
    const file = path.join(dir, 'nested', 'deeper', 'feedback.db');
    const store = await SqliteFeedbackStore.create(file);
    await store.recordUnanswered({ ...base, kind: 'unanswered', time: '2026-01-01T00:00:00.000Z', question: 'météo ?' });
    await store.close();
    const db = new Database(file, { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    db.close();
  });

  it('upserts a vote by its key: the last choice wins and only one record stays', async () => {
    const store = await SqliteFeedbackStore.create(path.join(dir, 'f.db'));
    await store.recordFeedback({ ...vote('2026-01-01T10:00:00.000Z', true), voteKey: 'k1' });
    await store.recordFeedback({ ...vote('2026-01-01T10:00:05.000Z', false), voteKey: 'k1' });
    const records = await store.list();
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ kind: 'feedback', helpful: false, time: '2026-01-01T10:00:05.000Z', answerId: 'mes-referencement-obligatoire', score: 0.8, rank: 1 });
    await store.close();
  });

  it('adds a comment to an existing vote and refuses a comment without a vote', async () => {
    const store = await SqliteFeedbackStore.create(path.join(dir, 'f.db'));
    await store.recordFeedback({ ...vote('2026-01-01T10:00:00.000Z', false), voteKey: 'k2' });
    await store.addComment('k2', 'Il manque la date limite');
    expect((await store.list())[0].comment).toBe('Il manque la date limite');
    await expect(store.addComment('unknown', 'x')).rejects.toThrow(/addComment/);
    await store.close();
  });

  it('keeps the comment when the same vote is repeated without one, and drops it when the vote flips', async () => {
    const store = await SqliteFeedbackStore.create(path.join(dir, 'f.db'));
    await store.recordFeedback({ ...vote('2026-01-01T10:00:00.000Z', false), voteKey: 'k3' });
    await store.addComment('k3', 'Il manque la date limite');
    // A second 👎 (a double click, or Teams' native 👎 on the same answer) must not erase what the user wrote.
    await store.recordFeedback({ ...vote('2026-01-01T10:00:05.000Z', false), voteKey: 'k3' });
    expect((await store.list())[0]).toMatchObject({ helpful: false, comment: 'Il manque la date limite' });
    await store.recordFeedback({ ...vote('2026-01-01T10:00:09.000Z', false, { comment: 'Et le calendrier' }), voteKey: 'k3' });
    expect((await store.list())[0].comment).toBe('Et le calendrier');
    // The comment explained a 👎: a 👍 replaces the vote and the comment with it.
    await store.recordFeedback({ ...vote('2026-01-01T10:00:10.000Z', true), voteKey: 'k3' });
    const [flipped] = await store.list();
    expect(flipped.helpful).toBe(true);
    expect(flipped).not.toHaveProperty('comment');
    await store.close();
  });

  it('stores unanswered questions without answer fields and lists oldest first', async () => {
    const store = await SqliteFeedbackStore.create(path.join(dir, 'f.db'));
    await store.recordUnanswered({ ...base, kind: 'unanswered', time: '2026-01-02T00:00:00.000Z', question: 'second' });
    await store.recordFeedback({ ...vote('2026-01-03T00:00:00.000Z', true), voteKey: 'k3' });
    await store.recordUnanswered({ ...base, kind: 'unanswered', time: '2026-01-01T00:00:00.000Z', question: 'first' });
    const records = await store.list();
    expect(records.map((r) => r.question)).toEqual(['first', 'second', 'Le référencement est-il obligatoire ?']);
    expect(records[0]).toEqual({ ...base, kind: 'unanswered', time: '2026-01-01T00:00:00.000Z', question: 'first' });
    await store.close();
  });

  it('keeps records across reopening the file', async () => {
    const file = path.join(dir, 'f.db');
    const first = await SqliteFeedbackStore.create(file);
    await first.recordFeedback({ ...vote('2026-01-01T10:00:00.000Z', true), voteKey: 'k4' });
    await first.close();
    const second = await SqliteFeedbackStore.create(file);
    expect(await second.list()).toHaveLength(1);
    await second.close();
  });

  it('fails with the method name when the file cannot be opened', async () => {
    await expect(SqliteFeedbackStore.create(dir)).rejects.toThrow(/SqliteFeedbackStore\.create/);
  });
});
