import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FEEDBACK_SCHEMA_VERSION, SqliteFeedbackStore } from '../../../adapters/storage/SqliteFeedbackStore.js';
import { openExistingFeedbackStore, openFeedbackStore } from '../../../adapters/storage/index.js';
import { feedbackStoreContract } from './feedbackStoreContract.js';

// The store the server and `npm run feedback` get from the configuration.
feedbackStoreContract('SQLite, through openFeedbackStore', async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'feedback-contract-'));
  const config = { feedbackDb: path.join(dir, 'feedback.db') };
  return {
    store: await openFeedbackStore(config),
    reopen: () => openFeedbackStore(config),
    dispose: () => rm(dir, { recursive: true, force: true }),
  };
});

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
    await store.recordUnanswered({ kind: 'unanswered', time: '2026-01-01T00:00:00.000Z', channel: 'webchat', userHash: 'u', conversationHash: 'c', kbVersion: 'kb1', question: 'météo ?' });
    await store.close();
    const db = new Database(file, { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('user_version', { simple: true })).toBe(FEEDBACK_SCHEMA_VERSION);
    db.close();
  });

  it('refuses a database written by a newer schema, naming the method', async () => {
    const file = path.join(dir, 'newer.db');
    const db = new Database(file);
    db.pragma(`user_version = ${FEEDBACK_SCHEMA_VERSION + 1}`);
    db.close();
    await expect(SqliteFeedbackStore.create(file)).rejects.toThrow(/SqliteFeedbackStore\.create/);
  });

  it('fails with the method name when the file cannot be opened', async () => {
    await expect(SqliteFeedbackStore.create(dir)).rejects.toThrow(/SqliteFeedbackStore\.create/);
  });
});

describe('openExistingFeedbackStore', () => {
  it('opens nothing, and creates nothing, where no store was ever written', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'feedback-none-'));
    const feedbackDb = path.join(dir, 'missing.db');
    expect(await openExistingFeedbackStore({ feedbackDb })).toBeUndefined();
    expect(existsSync(feedbackDb)).toBe(false);
    await rm(dir, { recursive: true, force: true });
  });
});
