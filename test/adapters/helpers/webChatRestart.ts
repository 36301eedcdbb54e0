import { createServer } from 'node:net';
import type { Page } from 'playwright-core';
import { messages } from '../../../bot/index.js';
import { startMainProcess, type MainProcess } from './mainProcess.js';

/** A free TCP port on loopback: a restarted server must come back where Web Chat expects it. */
export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const address = probe.address();
  await new Promise((resolve) => probe.close(resolve));
  if (address === null || typeof address === 'string') throw new Error('freePort: no port');
  return address.port;
}

/** Waits for a text in the transcript; Web Chat curls straight apostrophes, so both forms match. */
export async function seeText(page: Page, text: string, timeoutMs = 30_000): Promise<void> {
  const escaped = text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/['’]/g, "['’]");
  await page.getByText(new RegExp(escaped)).last().waitFor({ state: 'visible', timeout: timeoutMs });
}

export async function typeMessage(page: Page, text: string): Promise<void> {
  const input = page.locator('[data-id="webchat-sendbox-input"]');
  await input.fill(text);
  await input.press('Enter');
}

/** Number of messages in the transcript Web Chat shows as failed to send. */
export function failedSends(page: Page): Promise<number> {
  return page.getByText(/Échec de l['’]envoi/).count();
}

export interface RestartRound {
  /** The reply to the message typed after the restart came, without reloading the page. */
  readonly recovered: boolean;
  /** How the message typed while the server was down ended: delivered (its reply came), shown as failed, or neither in time. */
  readonly outageMessage: 'delivered' | 'failed' | 'unresolved';
  readonly recoveryMs: number;
}

/** Polls until the transcript shows `pattern` at least `count` times; whether it did within `timeoutMs`. */
async function waitForCount(page: Page, pattern: RegExp, count: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if ((await page.getByText(pattern).count()) >= count) return true;
    if (Date.now() > deadline) return false;
    await page.waitForTimeout(250);
  }
}

const FEEDBACK_QUESTION = /Cette réponse vous a-t-elle été utile/;

/**
 * Kills the server under an open Web Chat (SIGKILL: a crash, not a graceful stop), types a
 * message while it is down, restarts it on the same port and data folder, then types a
 * question: round `round` (from 1) recovers when the question's answer (the round-th
 * feedback question in the transcript) appears in the same page, without a reload.
 */
export async function restartUnderWebChat(
  page: Page,
  server: MainProcess,
  start: () => Promise<MainProcess>,
  round: number,
): Promise<{ server: MainProcess; result: RestartRound }> {
  await server.kill();
  const outageText = `Message pendant la coupure ${round}`;
  await typeMessage(page, outageText);
  const restarted = await start();
  const began = Date.now();
  // Web Chat reconnects 3–15 s after the socket dropped (then every 20 s): the resumed conversation opens with the notice.
  const noticePattern = new RegExp(messages.conversationResumed.slice(0, 40).replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  await waitForCount(page, noticePattern, round, 60_000);
  await typeMessage(page, 'Le référencement au Catalogue de services est-il obligatoire ?');
  const recovered = await waitForCount(page, FEEDBACK_QUESTION, round, 60_000);
  const recoveryMs = Date.now() - began;
  // Web Chat marks a message failed once its send timeout (20 s) passes without the server's echo.
  let outageMessage: RestartRound['outageMessage'] = 'unresolved';
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if ((await failedSends(page)) >= round) {
      outageMessage = 'failed';
      break;
    }
    // Delivered: the bot's reply quotes it, so it shows twice.
    if ((await page.getByText(outageText).count()) > 1) {
      outageMessage = 'delivered';
      break;
    }
    await page.waitForTimeout(500);
  }
  return { server: restarted, result: { recovered, outageMessage, recoveryMs } };
}

/** Starts `adapters/main.ts` on a fixed port and data folder (lexical retrieval, no network). */
export function starter(port: number, dataDir: string): () => Promise<MainProcess> {
  return () => startMainProcess({ PORT: String(port), EMBEDDINGS_PROVIDER: 'none', DATA_DIR: dataDir, LOG_LEVEL: 'info' });
}
