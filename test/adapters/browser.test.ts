import { existsSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRealApp, type RealApp } from './helpers/realApp.js';

const CHROMIUM = '/usr/bin/chromium';
const SCREENSHOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../docs/widget.png');
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`browser test skipped: ${CHROMIUM} is absent (apt-get install -y chromium)`);

/** Clicks the most recent button with this label (older cards may carry the same one). */
async function click(page: Page, name: string): Promise<void> {
  const button = page.getByRole('button', { name, exact: true }).last();
  await button.waitFor({ state: 'visible' });
  await button.click();
}

/**
 * Waits for a text in the transcript. Web Chat's Markdown renderer curls straight
 * apostrophes (d'offre → d’offre), so both forms are accepted.
 */
async function see(page: Page, text: string): Promise<void> {
  const escaped = text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/['’]/g, "['’]");
  await page.getByText(new RegExp(escaped)).last().waitFor({ state: 'visible' });
}

describe.skipIf(!hasChromium)('the chat page in a real browser (Debian chromium, headless)', () => {
  let real: RealApp;
  let context: BrowserContext;
  let profile: string;
  let agencyServer: Server;
  let agencySite: string;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    real = await startRealApp();
    // A stand-in for an agency page on another origin (another port) with the one-line snippet.
    // Served for real on loopback: Chromium refuses to let a non-local page load loopback scripts.
    agencyServer = createHttpServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      res.end(`<!doctype html><html lang="fr"><head><title>Portail</title></head><body><h1>Portail Industriels</h1>
<script src="${real.url}/embed.js" defer></script></body></html>`);
    });
    await new Promise<void>((done) => agencyServer.listen(0, '127.0.0.1', done));
    const address = agencyServer.address();
    if (address === null || typeof address === 'string') throw new Error('agency stand-in has no port');
    agencySite = `http://127.0.0.1:${address.port}`;
    profile = await mkdtemp(join(tmpdir(), 'ans-faq-chromium-'));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
        '--disable-component-update', '--disable-sync'],
      viewport: { width: 1100, height: 900 },
      locale: 'fr-FR',
    });
  }, 120_000);

  afterAll(async () => {
    await context?.close();
    await real?.stop();
    await new Promise((done) => (agencyServer ? agencyServer.close(done) : done(undefined)));
    if (profile) await rm(profile, { recursive: true, force: true });
  });

  it('guides by clicks, answers a typed question verbatim, and stores the 👍 in the feedback store', async () => {
    const page = await context.newPage();
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(message.text());
    });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(`${real.url}/`);
    expect(await page.getAttribute('html', 'lang')).toBe('fr');

    // Welcome and the first clarifying question, verbatim from the seed.
    await see(page, 'Bonjour, je suis l’assistant du Portail Industriels de l’ANS.');
    await see(page, "Votre question concerne quel type d'offre ?");

    // Triage by clicks down to an answer.
    await click(page, 'Référencement Mon espace santé');
    await click(page, 'Catalogue de services référencés');
    await click(page, 'Éligibilité et critères');
    await click(page, 'Quelles règles mon service doit-il respecter pour être référencé dans le Catalogue de services ?');
    const doctrine = real.app.knowledgeBase.entries.find((entry) => entry.id === 'mes-referencement-doctrine');
    await see(page, firstSentence(doctrine?.answer ?? 'missing entry'));

    // A typed follow-up question (within the chosen facets), answered with the agency's words.
    const input = page.locator('[data-id="webchat-sendbox-input"]');
    await input.fill('Une application mobile gratuite peut-elle candidater au référencement ?');
    await input.press('Enter');
    await see(page, 'Dans une approche inclusive, tous les services numériques à destination des citoyens');
    await see(page, 'l’apposition du marquage CE dispositif médical.');
    await see(page, 'Cette réponse vous a-t-elle été utile ?');

    await click(page, '👍 Oui');
    await see(page, 'Merci pour votre retour !');
    // Let Web Chat finish scrolling the last message into view before the README screenshot.
    await page.waitForTimeout(800);
    await page.screenshot({ path: SCREENSHOT, fullPage: false });

    const records = await real.feedbackRecords();
    expect(records).toContainEqual(
      expect.objectContaining({ kind: 'feedback', channel: 'directline', answerId: 'mes-referencement-eligibilite', helpful: true }),
    );
    const stored = records.find((record) => record.answerId === 'mes-referencement-eligibilite');
    expect(stored?.question).toBe('Une application mobile gratuite peut-elle candidater au référencement ?');
    expect(stored?.userHash).toMatch(/^[0-9a-f]{32}$/);
    expect(stored?.kbVersion).toBe(real.app.knowledgeBase.version);
    expect(pageErrors.filter((text) => /Content Security Policy|Refused/i.test(text))).toEqual([]);
  }, 90_000);

  it('embed.js gives any page a keyboard-operable floating button that opens the chat', async () => {
    const page = await context.newPage();
    await page.goto(`${agencySite}/page`);
    const launcher = page.locator('#ans-faq-launcher');
    await launcher.waitFor({ state: 'visible' });
    expect(await launcher.getAttribute('aria-expanded')).toBe('false');
    await launcher.focus();
    await page.keyboard.press('Enter');
    expect(await launcher.getAttribute('aria-expanded')).toBe('true');
    const frame = page.frameLocator('#ans-faq-panel iframe');
    await frame.getByText(/Votre question concerne quel type d['’]offre \?/).last().waitFor({ state: 'visible' });
    await page.keyboard.press('Escape');
    expect(await page.locator('#ans-faq-panel').isHidden()).toBe(true);
    expect(await launcher.getAttribute('aria-expanded')).toBe('false');
  }, 60_000);
});

function firstSentence(answer: string): string {
  return answer.split('\n')[0].split(/(?<=[.:])\s/)[0];
}
