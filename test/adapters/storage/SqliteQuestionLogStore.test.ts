import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { SqliteQuestionLogStore } from '../../../adapters/storage/SqliteQuestionLogStore.js';
import { QUESTION_LOG_SCHEMA_VERSION } from '../../../adapters/storage/questionLogSql.js';
import { openExistingQuestionLogStore, openQuestionLogStore, parisDay } from '../../../adapters/storage/index.js';
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

  it('counts per day from an index alone (no table scan)', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'questions-'));
    const file = path.join(dir, 'q.db');
    await (await SqliteQuestionLogStore.create(file)).close();
    const db = new Database(file, { readonly: true });
    const plan = db
      .prepare(`EXPLAIN QUERY PLAN SELECT day, channel, kb_version, COUNT(*), SUM(decision = 'answer'), SUM(helpful = 1) FROM questions q
                WHERE q.day >= '2026-01-01' GROUP BY day, channel, kb_version`)
      .all()
      .map((row) => (row as { detail: string }).detail)
      .join('\n');
    db.close();
    expect(plan).toMatch(/USING COVERING INDEX questions_overview/);
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
