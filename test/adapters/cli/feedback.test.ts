import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatTable, parseArgs, runFeedbackCli } from '../../../adapters/cli/feedback.js';
import { openFeedbackStore } from '../../../adapters/storage/index.js';
import { createTestSchema, describePostgres, quietLog } from '../storage/postgres/testDatabase.js';

const run = promisify(execFile);
const repoRoot = path.resolve(import.meta.dirname, '../../..');

describe('feedback CLI', () => {
  let dir: string;
  let db: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'feedback-cli-'));
    db = path.join(dir, 'feedback.db');
    const store = await openFeedbackStore({ feedbackDb: db });
    const base = { channel: 'webchat', userHash: 'u'.repeat(32), conversationHash: 'c'.repeat(32), kbVersion: 'v1' };
    await store.recordFeedback({ ...base, kind: 'feedback', voteKey: 'k', time: '2026-01-01T00:00:01.000Z', question: 'Est-ce obligatoire ?', answerId: 'mes-referencement-obligatoire', score: 0.8, rank: 1, helpful: false, comment: 'trop court' });
    await store.recordUnanswered({ ...base, kind: 'unanswered', time: '2026-01-01T00:00:00.000Z', question: 'Quelle météo ?' });
    await store.close();
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('npm run --silent feedback -- --json prints one JSON record per line with its kind', async () => {
    const { stdout } = await run('npm', ['run', '--silent', 'feedback', '--', '--json'], {
      cwd: repoRoot,
      env: { ...process.env, FEEDBACK_DB: db },
    });
    const lines = stdout.trim().split('\n').map((line) => JSON.parse(line));
    expect(lines).toEqual([
      { kind: 'unanswered', time: '2026-01-01T00:00:00.000Z', channel: 'webchat', userHash: 'u'.repeat(32), conversationHash: 'c'.repeat(32), question: 'Quelle météo ?', kbVersion: 'v1' },
      expect.objectContaining({ kind: 'feedback', answerId: 'mes-referencement-obligatoire', helpful: false, comment: 'trop court', score: 0.8, rank: 1 }),
    ]);
  });

  it('prints a readable table, --db overriding the configuration', async () => {
    const out: string[] = [];
    const code = await runFeedbackCli(['--db', db], { FEEDBACK_DB: '/nonexistent/x.db' }, (t) => out.push(t), () => undefined);
    expect(code).toBe(0);
    const [header, , first, second] = out.join('\n').split('\n');
    expect(header).toMatch(/^time\s+kind\s+vote\s+answer/);
    expect(first).toContain('unanswered');
    expect(second).toContain('mes-referencement-obligatoire');
    expect(second).toContain('down');
  });

  it('does not create a database when there is none', async () => {
    const missing = path.join(dir, 'missing.db');
    const out: string[] = [];
    expect(await runFeedbackCli(['--json', '--db', missing], {}, (t) => out.push(t), () => undefined)).toBe(0);
    expect(out).toEqual([]);
    expect(existsSync(missing)).toBe(false);
  });

  it('rejects unknown arguments and an invalid configuration with a clear message', async () => {
    expect(parseArgs(['--nope'])).toEqual({ kind: 'error', message: expect.stringContaining('unknown argument "--nope"') });
    const err: string[] = [];
    expect(await runFeedbackCli([], { PORT: 'abc' }, () => undefined, (t) => err.push(t))).toBe(1);
    expect(err.join()).toContain('PORT');
  });

  it('says so when nothing is recorded', () => {
    expect(formatTable([])).toBe('No feedback recorded yet.');
  });
});

describePostgres('feedback CLI with DATABASE_URL', () => {
  it('npm run feedback exports from PostgreSQL, with no SQLite file and without the server secrets', async () => {
    const schema = await createTestSchema();
    try {
      const store = await openFeedbackStore({ feedbackDb: '/nonexistent/feedback.db', database: schema.config }, quietLog);
      await store.recordUnanswered({
        kind: 'unanswered', time: '2026-02-01T00:00:00.000Z', channel: 'msteams', userHash: 'u', conversationHash: 'c', kbVersion: 'v2', question: 'Et la météo ?',
      });
      await store.close();
      const { stdout } = await run('npm', ['run', '--silent', 'feedback', '--', '--json'], {
        cwd: repoRoot,
        env: { ...process.env, FEEDBACK_DB: '/nonexistent/feedback.db', DATABASE_URL: schema.config.url, DATABASE_SCHEMA: schema.config.schema },
      });
      expect(stdout.trim().split('\n').map((line) => JSON.parse(line))).toEqual([
        { kind: 'unanswered', time: '2026-02-01T00:00:00.000Z', channel: 'msteams', userHash: 'u', conversationHash: 'c', kbVersion: 'v2', question: 'Et la météo ?' },
      ]);
    } finally {
      await schema.drop();
    }
  });
});
