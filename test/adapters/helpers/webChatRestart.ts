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

/**
 * Kills the server under an open Web Chat (SIGKILL: a crash, not a graceful stop), types a
 * message while it is down, restarts it on the same port and data folder, then types a
 * question: the round recovers when the question's answer appears in the same page.
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
  await seeText(page, messages.conversationResumed, 60_000).catch(() => undefined);
  await typeMessage(page, 'Le référencement au Catalogue de services est-il obligatoire ?');
  let recovered = true;
  try {
    await seeText(page, 'Cette réponse vous a-t-elle été utile ?', 60_000);
    // One feedback question per round so far: this round's answer is there, not only an earlier one.
    recovered = (await page.getByText(/Cette réponse vous a-t-elle été utile/).count()) >= round;
  } catch {
    recovered = false;
  }
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
