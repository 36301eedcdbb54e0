import { spawn } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MemoryStorage } from 'botbuilder';
import { afterEach, describe, expect, it } from 'vitest';
import { CONVERSATION_IDLE_MS, SWEEP_INTERVAL_MS } from '../../adapters/directline/index.js';
import { ManualClock } from '../fakes/ManualClock.js';
import { DirectLineTestClient } from './helpers/directLineClient.js';
import { startRealApp, type RealApp } from './helpers/realApp.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const TSX = join(ROOT, 'node_modules/.bin/tsx');

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `adapters/main.ts` (what `npm start` runs); `whileRunning` gets the listening URL once it is up. */
function runMain(env: Record<string, string>, whileRunning?: (url: string, stop: () => void) => Promise<void>): Promise<Run> {
  return new Promise((resolveRun, reject) => {
    const child = spawn(TSX, ['adapters/main.ts'], { cwd: ROOT, env: { PATH: process.env.PATH ?? '', ...env } });
    let stdout = '';
    let stderr = '';
    let started = false;
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
      const url = /"url":"(http:\/\/[^"]+)"/.exec(stdout)?.[1];
      if (url && !started && whileRunning) {
        started = true;
        whileRunning(url, () => child.kill('SIGTERM')).catch((error: unknown) => {
          child.kill('SIGKILL');
          reject(error instanceof Error ? error : new Error(String(error)));
        });
      }
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolveRun({ code, stdout, stderr });
    });
  });
}

describe('the assembled application', () => {
  let real: RealApp | undefined;
  let dir: string | undefined;
  afterEach(async () => {
    await real?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
    real = dir = undefined;
  });

  it('reports the real KB and the active retrieval on /healthz', async () => {
    real = await startRealApp({ EMBEDDINGS_PROVIDER: 'none' });
    const health = await (await fetch(`${real.url}/healthz`)).json();
    expect(health).toEqual({
      status: 'ok',
      kbVersion: real.app.knowledgeBase.version,
      entries: 17,
      embeddings: { provider: 'none', model: 'bm25' },
      indexState: 'in-memory',
      directLine: 'built-in',
      conversations: 0,
      conversationBytes: 0,
    });
  });

  it('drops the bot state of an idle Direct Line conversation when it expires', async () => {
    const storage = new MemoryStorage();
    const clock = new ManualClock();
    real = await startRealApp({ EMBEDDINGS_PROVIDER: 'none' }, { storage, clock });
    const client = await DirectLineTestClient.connect(real.url);
    expect((await client.send('aide')).status).toBe(200);
    const key = `directline/conversations/${client.conversationId}/`;
    expect(Object.keys(await storage.read([key]))).toEqual([key]);
    clock.advance(CONVERSATION_IDLE_MS - 1);
    expect(Object.keys(await storage.read([key]))).toEqual([key]);
    clock.advance(SWEEP_INTERVAL_MS);
    await new Promise((done) => setTimeout(done, 20));
    expect(await storage.read([key])).toEqual({});
  });

  it('warms the answering up in the background after its turns, counting no visitor and storing nothing', async () => {
    real = await startRealApp({ EMBEDDINGS_PROVIDER: 'none' });
    const client = await DirectLineTestClient.connect(real.url);
    const sent = client.send('le référencement est-il obligatoire ?');
    const report = await real.app.warmUp();
    expect(report).toMatchObject({ ending: 'done' });
    expect(report.answered).toBeGreaterThan(30);
    expect((await sent).status).toBe(200);
    const health = await (await fetch(`${real.url}/healthz`)).json();
    expect(health).toMatchObject({ status: 'ok', conversations: 1 });
    expect(await real.feedbackRecords()).toEqual([]);
  });

  it('npm start refuses a bad configuration, printing every problem, exit 1', async () => {
    const run = await runMain({ PORT: 'abc', LOG_LEVEL: 'loud' });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('PORT must be an integer');
    expect(run.stderr).toContain('LOG_LEVEL must be one of');
  }, 60_000);

  it('npm start refuses an invalid knowledge base and prints its problems, exit 1', async () => {
    dir = await mkdtemp(join(tmpdir(), 'ans-faq-badkb-'));
    await mkdir(join(dir, 'entries'));
    for (const file of ['taxonomy.yaml', 'synonyms.yaml']) await copyFile(join(ROOT, 'knowledge/data', file), join(dir, file));
    await writeFile(join(dir, 'entries', 'broken.yaml'), 'entries:\n  - id: Not A Slug\n    question: 3\n');
    const run = await runMain({ KB_DIR: dir, EMBEDDINGS_PROVIDER: 'none', FEEDBACK_DB: join(dir, 'fb.db') });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('Refusing to start: the knowledge base');
    expect(run.stderr).toContain('broken.yaml');
  }, 60_000);

  it('npm start serves, logs no message text nor raw user id, and stops cleanly on SIGTERM', async () => {
    dir = await mkdtemp(join(tmpdir(), 'ans-faq-main-'));
    const marker = 'Question-témoin-XYZ sur le MOS ?';
    let userId = '';
    const run = await runMain(
      { PORT: '0', LOG_LEVEL: 'info', EMBEDDINGS_PROVIDER: 'none', FEEDBACK_DB: join(dir, 'fb.db'), INDEX_DIR: join(dir, 'index') },
      async (url, stop) => {
        expect((await fetch(`${url}/healthz`)).status).toBe(200);
        // Neither a console password nor OIDC: /console does not exist, and the start-up log says why.
        expect((await fetch(`${url}/console`)).status).toBe(404);
        const client = await DirectLineTestClient.connect(url);
        userId = client.userId;
        expect((await client.send(marker)).status).toBe(200);
        stop();
      },
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('retrieval ready');
    expect(run.stdout).toContain('"provider":"none"');
    expect(run.stdout).toContain('console off: set CONSOLE_ADMIN_PASSWORD or OIDC_ISSUER to serve /console');
    expect(run.stdout).toContain('shutting down');
    expect(run.stdout).toContain('"msg":"stopped"');
    expect(userId).not.toBe('');
    const logs = run.stdout + run.stderr;
    expect(logs).not.toContain('Question-témoin-XYZ');
    expect(logs).not.toContain(userId);
  }, 90_000);
});
