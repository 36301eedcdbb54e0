import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MainProcess } from './helpers/mainProcess.js';
import { freePort, restartUnderWebChat, seeText, starter } from './helpers/webChatRestart.js';

const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`browser restart test skipped: ${CHROMIUM} is absent (apt-get install -y chromium)`);

describe.skipIf(!hasChromium)('Web Chat across a server crash and restart (Debian chromium, headless)', () => {
  let dataDir = '';
  let profile = '';
  let context: BrowserContext;
  let server: MainProcess | undefined;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'ans-faq-restart-data-'));
    profile = await mkdtemp(join(tmpdir(), 'ans-faq-restart-chromium-'));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
        '--disable-component-update', '--disable-sync'],
      locale: 'fr-FR',
    });
  }, 120_000);

  afterAll(async () => {
    await context?.close();
    await server?.stop();
    await rm(dataDir, { recursive: true, force: true });
    await rm(profile, { recursive: true, force: true });
  });

  it('goes on without a reload: the reconnect resumes the conversation, the next question is answered, the outage message is not shown as sent', async () => {
    const start = starter(await freePort(), dataDir);
    server = await start();
    const page = await context.newPage();
    await page.goto(`${server.url}/`);
    await seeText(page, 'Bonjour, je suis l’assistant du Portail Industriels de l’ANS.');

    const round = await restartUnderWebChat(page, server, start, 1);
    server = round.server;
    console.info(`Web Chat restart round: ${JSON.stringify(round.result)}`);
    expect(round.result.recovered).toBe(true);
    expect(['delivered', 'failed']).toContain(round.result.outageMessage);
    // The page was never reloaded: the welcome from before the crash is still in the transcript.
    await seeText(page, 'Bonjour, je suis l’assistant du Portail Industriels de l’ANS.', 1_000);
  }, 240_000);
});
