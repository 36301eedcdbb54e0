import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ask, click, hasChromium, launchChromium, see } from '../helpers/browser.js';
import { startRealApp, type RealApp } from '../helpers/realApp.js';

/** `npm run screenshots:console` sets it to docs/: the README's console pictures come from this test. */
const SCREENSHOT_DIR = process.env.CONSOLE_SCREENSHOTS_DIR;
const PASSWORD = 'correct horse battery staple';
const ANSWERED = 'Le référencement au Catalogue de services de Mon espace santé est-il obligatoire ?';
const CLARIFIED = "c'est quoi le MOS et les NOS";
const DECLINED = 'Quel temps fera-t-il à Brest demain ?';

async function screenshot(page: Page, file: string): Promise<void> {
  if (SCREENSHOT_DIR) await page.screenshot({ path: path.join(SCREENSHOT_DIR, file), fullPage: true });
}

describe.skipIf(!hasChromium)('the console in Chromium, after real conversations through Direct Line', () => {
  let app: RealApp;
  let browser: Awaited<ReturnType<typeof launchChromium>>;
  const cspErrors: string[] = [];
  beforeAll(async () => {
    app = await startRealApp({ CONSOLE_ADMIN_PASSWORD: PASSWORD });
    browser = await launchChromium({ width: 1280, height: 900 });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  async function newPage(): Promise<Page> {
    const page = await browser.context.newPage();
    page.on('console', (message) => {
      if (message.type() === 'error' && /Content Security Policy|Refused/i.test(message.text())) cspErrors.push(message.text());
    });
    return page;
  }

  it('records answered, clarified and declined questions, a pick and 👍 / 👎 with a comment', async () => {
    const chat = await newPage();
    await chat.goto(`${app.url}/`);
    await see(chat, "Votre question concerne quel type d'offre ?");
    await ask(chat, ANSWERED);
    await see(chat, 'Cette réponse vous a-t-elle été utile ?');
    await click(chat, '👎 Non');
    await see(chat, 'Si vous le souhaitez, écrivez en une phrase ce qui manquait');
    await ask(chat, 'Il manque un exemple concret');
    await see(chat, 'Merci, votre commentaire a été enregistré.');
    await ask(chat, CLARIFIED);
    await see(chat, 'Vouliez-vous dire…');
    await click(chat, 'À quoi peuvent servir le MOS et les NOS dans un système d’information ?');
    await see(chat, 'Cette réponse vous a-t-elle été utile ?');
    await click(chat, '👍 Oui');
    await see(chat, 'Merci pour votre retour !');
    await ask(chat, DECLINED);
    await see(chat, 'Je n’ai pas trouvé de réponse');
    await chat.close();
  }, 120_000);

  it('sends an unauthenticated visitor to the sign-in form, then shows the overview with charts', async () => {
    const page = await newPage();
    await page.goto(`${app.url}/console`);
    expect(new URL(page.url()).pathname).toBe('/console/login');
    await screenshot(page, 'console-login.png');
    await page.fill('input[name="username"]', 'admin');
    await page.fill('input[name="password"]', PASSWORD);
    await page.click('button[type="submit"]');
    await page.waitForURL(`${app.url}/console`);
    expect(await page.textContent('[data-testid="questions"]')).toBe('3');
    expect(await page.textContent('[data-testid="answered"]')).toBe('33\u202f%');
    expect(await page.textContent('[data-testid="declined"]')).toBe('33\u202f%');
    expect(await page.textContent('[data-testid="helpful"]')).toMatch(/^50\u00a0%/);
    // uPlot drew both charts: its script ran under the strict CSP.
    await page.locator('#graphe-volumes canvas').waitFor();
    await page.locator('#graphe-utile canvas').waitFor();
    await screenshot(page, 'console-overview.png');
    await page.close();
  }, 60_000);

  it('shows the declined question in its cluster and the proposal; both decisions are kept; the patch shows the phrasing', async () => {
    const page = await newPage();
    await page.goto(`${app.url}/console/sans-reponse`);
    const cluster = page.locator('tr.cluster', { hasText: DECLINED });
    await cluster.waitFor();
    await cluster.getByRole('button', { name: 'Hors sujet' }).click();
    await page.locator('tr.cluster', { hasText: 'hors sujet' }).waitFor();
    await screenshot(page, 'console-unanswered.png');

    await page.goto(`${app.url}/console/propositions`);
    const proposal = page.locator('tr.proposal', { hasText: CLARIFIED });
    await proposal.waitFor();
    await proposal.getByRole('button', { name: 'Accepter' }).click();
    await page.locator('tr.proposal', { hasText: 'acceptée' }).waitFor();
    await screenshot(page, 'console-proposals.png');

    await page.goto(`${app.url}/console/correctif`);
    await see(page, `+      - "${CLARIFIED}"`);
    await screenshot(page, 'console-patch.png');
    await page.goto(`${app.url}/console/reponses`);
    await see(page, 'Il manque un exemple concret');
    await screenshot(page, 'console-answers.png');
    await page.close();
  }, 60_000);

  it('exports CSV with a BOM and ; separators, refuses an action without CSRF token (403) and every page without a session', async () => {
    const page = await newPage();
    const csv = await page.request.get(`${app.url}/console/export/votes.csv`);
    const bytes = await csv.body();
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString('utf8').split('\r\n')[0]).toBe('\uFEFFdate;canal;question;réponse;utile;commentaire;score;rang;version FAQ');
    const forged = await page.request.post(`${app.url}/console/propositions/decision`, { form: { key: 'k', text: CLARIFIED, status: 'rejected' } });
    expect(forged.status()).toBe(403);
    await browser.context.clearCookies();
    for (const path of ['/console', '/console/reponses', '/console/sans-reponse', '/console/propositions', '/console/correctif']) {
      await page.goto(`${app.url}${path}`);
      expect(new URL(page.url()).pathname, path).toBe('/console/login');
    }
    expect((await page.request.get(`${app.url}/console/export/questions.csv`)).status()).toBe(401);
    expect(cspErrors).toEqual([]);
    await page.close();
  }, 60_000);
});
