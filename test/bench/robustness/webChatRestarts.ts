/**
 * Web Chat in Chromium across repeated crashes: the server (`adapters/main.ts`, its own
 * process) is killed with SIGKILL under an open page and restarted on the same port
 * and data folder, `rounds` times; each round counts as recovered when a question typed
 * after the restart is answered in the same page, without a reload.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import { chromium } from 'playwright-core';
import type { MainProcess } from '../../adapters/helpers/mainProcess.js';
import { freePort, restartUnderWebChat, seeText, starter, type RestartRound } from '../../adapters/helpers/webChatRestart.js';

export async function runWebChatRestarts(options: { rounds: number; workDir: string; chromium: string }): Promise<RestartRound[]> {
  const dataDir = await mkdtemp(path.join(options.workDir, 'restart-data-'));
  const profile = await mkdtemp(path.join(options.workDir, 'restart-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: options.chromium,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
    locale: 'fr-FR',
  });
  const start = starter(await freePort(), dataDir);
  let server: MainProcess = await start();
  const results: RestartRound[] = [];
  try {
    const page = await context.newPage();
    await page.goto(`${server.url}/`);
    await seeText(page, 'Bonjour, je suis l’assistant du Portail Industriels de l’ANS.');
    for (let round = 1; round <= options.rounds; round += 1) {
      const outcome = await restartUnderWebChat(page, server, start, round);
      server = outcome.server;
      results.push(outcome.result);
      console.log(`  restart ${round}: ${JSON.stringify(outcome.result)}`);
    }
  } finally {
    await context.close();
    await server.stop();
    await rm(dataDir, { recursive: true, force: true });
    await rm(profile, { recursive: true, force: true });
  }
  return results;
}
