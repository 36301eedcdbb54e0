import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { SqliteQuestionLogStore } from '../../../adapters/storage/SqliteQuestionLogStore.js';
import { QUESTION_LOG_SCHEMA_VERSION } from '../../../adapters/storage/questionLogSql.js';
import { openExistingQuestionLogStore, openQuestionLogStore, parisDay } from '../../../adapters/storage/index.js';
import { seedQuestions } from '../../../adapters/console/seedQuestions.js';
import { loadFixtureKnowledgeBase } from '../../fixtures/kb.js';
import { questionLogStoreContract } from './questionLogStoreContract.js';

// The store the server, the console and the seed script get from the configuration.
questionLogStoreContract('SQLite, through openQuestionLogStore', async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'questions-contract-'));
  const config = { questionLogDb: path.join(dir, 'questions.db') };
  return {
    store: await openQuestionLogStore(config),
    reopen: () => openQuestionLogStore(config),
    dispose: () => rm(dir, { recursive: true, force: true }),
  };
});

describe('SqliteQuestionLogStore', () => {
  it('refuses a database written by a newer schema, naming the method', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'questions-'));
    const file = path.join(dir, 'newer.db');
    const db = new Database(file);
    db.pragma(`user_version = ${QUESTION_LOG_SCHEMA_VERSION + 1}`);
    db.close();
    await expect(SqliteQuestionLogStore.create(file)).rejects.toThrow(/SqliteQuestionLogStore\.create/);
    await rm(dir, { recursive: true, force: true });
  });

  it('keeps its daily rollups equal to the counts over the raw questions, through vote flips and comments', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'questions-'));
    const file = path.join(dir, 'q.db');
    const store = await SqliteQuestionLogStore.create(file);
    const kb = await loadFixtureKnowledgeBase();
    const { questions, events } = seedQuestions(kb.entries, { count: 2_000, days: 20, now: new Date('2026-04-01T12:00:00Z'), kbVersion: 'kb' });
    await store.recordBatch(questions, events);
    // Flip some votes: the rollups must move with them.
    for (const vote of events.filter((e) => e.kind === 'voted').slice(0, 50)) await store.recordEvent({ ...vote, helpful: !vote.helpful });
    const rollups = await store.dailyCounts();
    const entries = await store.entryCounts();
    await store.close();
    const db = new Database(file, { readonly: true });
    const raw = db
      .prepare(`SELECT day, channel, kb_version AS kbVersion, COUNT(*) AS questions, SUM(decision = 'answer') AS answered,
                SUM(decision IN ('clarify', 'list')) AS clarified, SUM(decision IN ('none', 'empty')) AS declined,
                SUM(helpful IS 1) AS up, SUM(helpful IS 0) AS down FROM questions GROUP BY day, channel, kb_version ORDER BY day, channel, kb_version`)
      .all();
    const rawVotes = db.prepare("SELECT entry_id AS entryId, SUM(helpful = 1) AS up, SUM(helpful = 0) AS down FROM question_events WHERE kind = 'voted' GROUP BY entry_id").all();
    db.close();
    expect(rollups).toEqual(raw);
    expect(rollups.reduce((sum, row) => sum + row.questions, 0)).toBe(2_000);
    const fromRollups = entries.filter((e) => e.up + e.down > 0).map(({ entryId, up, down }) => ({ entryId, up, down }));
    const byId = (a: { entryId: string }, b: { entryId: string }) => a.entryId.localeCompare(b.entryId);
    expect(fromRollups.sort(byId)).toEqual((rawVotes as { entryId: string }[]).sort(byId));
    await rm(dir, { recursive: true, force: true });
  });
});

describe('openExistingQuestionLogStore', () => {
  it('opens nothing, and creates nothing, where no log was ever written', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'questions-none-'));
    const questionLogDb = path.join(dir, 'missing.db');
    expect(await openExistingQuestionLogStore({ questionLogDb })).toBeUndefined();
    expect(existsSync(questionLogDb)).toBe(false);
    await rm(dir, { recursive: true, force: true });
  });
});

describe('parisDay', () => {
  it('is the calendar day in Paris, winter and summer time', () => {
    expect(parisDay('2026-01-15T23:30:00.000Z')).toBe('2026-01-16');
    expect(parisDay('2026-01-15T22:59:00.000Z')).toBe('2026-01-15');
    expect(parisDay('2026-07-15T22:30:00.000Z')).toBe('2026-07-16');
    expect(parisDay('2026-07-15T21:59:00.000Z')).toBe('2026-07-15');
  });
});
