import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseSeedArgs, runSeedCli } from '../../../adapters/cli/consoleSeed.js';
import { openQuestionLogStore } from '../../../adapters/storage/index.js';
import { FIXTURE_KB_DIR } from '../../fixtures/kb.js';
import { createTestSchema, describePostgres, quietLog } from '../storage/postgres/testDatabase.js';

describe('console:seed CLI', () => {
  it('refuses a missing count or a bad number of days', () => {
    expect(parseSeedArgs([])).toEqual({ error: expect.stringMatching(/how many questions/) });
    expect(parseSeedArgs(['10', '--days', '0'])).toEqual({ error: expect.stringMatching(/--days/) });
    expect(parseSeedArgs(['10', '--days', '3', '--db', 'x.db'])).toEqual({ count: 10, days: 3, db: 'x.db' });
  });

  it('writes to the SQLite file --db names', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'seed-cli-'));
    try {
      const file = path.join(dir, 'seeded.db');
      const out: string[] = [];
      expect(await runSeedCli(['25', '--days', '5', '--db', file], { KB_DIR: FIXTURE_KB_DIR, DATA_DIR: dir }, (t) => out.push(t), () => undefined)).toBe(0);
      expect(out.join('\n')).toMatch(/^25 questions and \d+ events added to .*seeded\.db/);
      const store = await openQuestionLogStore({ questionLogDb: file });
      expect(await store.list()).toHaveLength(25);
      await store.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describePostgres('console:seed CLI with DATABASE_URL', () => {
  it('fills the PostgreSQL question log the configuration names, and no SQLite file', async () => {
    const schema = await createTestSchema();
    const dir = await mkdtemp(path.join(tmpdir(), 'seed-cli-pg-'));
    try {
      const env = { KB_DIR: FIXTURE_KB_DIR, DATA_DIR: dir, DATABASE_URL: schema.config.url, DATABASE_SCHEMA: schema.config.schema };
      const out: string[] = [];
      const errors: string[] = [];
      expect(await runSeedCli(['40', '--days', '3'], env, (t) => out.push(t), (t) => errors.push(t))).toBe(0);
      expect(errors).toEqual([]);
      expect(out.join('\n')).toContain(`added to PostgreSQL (schema ${schema.config.schema})`);
      expect(existsSync(path.join(dir, 'questions.db'))).toBe(false);
      const store = await openQuestionLogStore({ questionLogDb: path.join(dir, 'questions.db'), database: schema.config }, quietLog);
      expect(await store.list()).toHaveLength(40);
      expect((await store.dailyCounts()).reduce((sum, day) => sum + day.questions, 0)).toBe(40);
      await store.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
      await schema.drop();
    }
  });
});
