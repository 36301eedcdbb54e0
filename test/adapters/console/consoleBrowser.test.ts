import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runKbCheck } from '../../../knowledge/cli/kbCheck.js';
import { applyKbPatchToDir, loadKnowledgeBase } from '../../../knowledge/index.js';
import { FIXTURE_KB_DIR } from '../../fixtures/kb.js';
import { ask, click, hasChromium, launchChromium, see } from '../helpers/browser.js';
import { startRealApp, type RealApp } from '../helpers/realApp.js';

/** `npm run screenshots:console` sets it to docs/: the README's console pictures come from this test. */
const SCREENSHOT_DIR = process.env.CONSOLE_SCREENSHOTS_DIR;
const PASSWORD = 'correct horse battery staple';
const ANSWERED = 'Le référencement au Catalogue de services de Mon espace santé est-il obligatoire ?';
// Vague on purpose: a question that names the MOS and NOS without saying what it asks gets « Vouliez-vous dire… ».
const CLARIFIED = "j'aimerais des infos sur le MOS et les NOS";
const DECLINED = 'Quel temps fera-t-il à Brest demain ?';
/** Two declined questions on one subject the FAQ lacks: one cluster, which becomes a new entry. */
const MISSING = ['Comment obtenir une carte CPS pour un éditeur de logiciel ?', 'Comment un éditeur de logiciel obtient-il une carte CPS ?'];
const MORE_PHRASINGS = [
  'Carte CPS pour un éditeur', 'Un éditeur peut-il avoir une carte CPS ?', 'Demande de carte CPS pour une société éditrice',
  'Nos développeurs ont-ils droit à une carte CPS ?', 'Carte de professionnel de santé pour tester notre logiciel',
];
const NEW_ANSWER = 'Les éditeurs demandent des cartes de test, et non des cartes CPS, auprès de l’ANS.';

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
    for (const question of MISSING) {
      await ask(chat, question);
      await chat.getByText('Je n’ai pas trouvé de réponse').nth(MISSING.indexOf(question) + 1).waitFor();
    }
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
    expect(await page.textContent('[data-testid="questions"]')).toBe('5');
    expect(await page.textContent('[data-testid="answered"]')).toBe('20\u202f%');
    expect(await page.textContent('[data-testid="declined"]')).toBe('60\u202f%');
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
    await cluster.locator('.status', { hasText: 'hors sujet' }).waitFor();
    await screenshot(page, 'console-unanswered.png');

    await page.goto(`${app.url}/console/propositions`);
    const proposal = page.locator('tr.proposal', { hasText: CLARIFIED });
    await proposal.waitFor();
    await proposal.getByRole('button', { name: 'Accepter' }).click();
    await page.locator('tr.proposal', { hasText: 'acceptée' }).waitFor();
    await screenshot(page, 'console-proposals.png');

    await page.goto(`${app.url}/console/correctif`);
    await see(page, `+      - "${CLARIFIED}"`);
    await page.goto(`${app.url}/console/reponses`);
    await see(page, 'Il manque un exemple concret');
    await screenshot(page, 'console-answers.png');
    await page.close();
  }, 60_000);

  it('writes a new entry from the cluster of questions the FAQ lacks: its questions preselected, then the patch applies and kb:check passes', async () => {
    const page = await newPage();
    await page.goto(`${app.url}/console/sans-reponse`);
    const cluster = page.locator('tr.cluster', { hasText: MISSING[0] });
    await cluster.waitFor();
    expect(await cluster.textContent()).toContain(MISSING[1]);
    await cluster.getByRole('link', { name: 'Nouvelle entrée nécessaire' }).click();
    await page.waitForURL(/\/console\/sans-reponse\/nouvelle-entree\?/);
    for (const question of MISSING) expect(await page.getByLabel(question).isChecked(), question).toBe(true);
    await page.fill('textarea[name="extra"]', MORE_PHRASINGS.join('\n'));
    await page.selectOption('select[name="entryId"]', 'mes-referencement-obligatoire');
    await page.fill('textarea[name="answer"]', NEW_ANSWER);
    await screenshot(page, 'console-new-entry.png');
    await page.getByRole('button', { name: 'Enregistrer l’entrée' }).click();
    await page.waitForURL(`${app.url}/console/correctif`);
    await see(page, `+    question: "${MISSING[0]}"`);
    await see(page, NEW_ANSWER);
    expect(await page.locator('li.new-entry').textContent()).toContain('complète');
    await screenshot(page, 'console-patch.png');

    const patch = await page.request.get(`${app.url}/console/correctif.patch`);
    expect(patch.status()).toBe(200);
    const copy = await mkdtemp(path.join(tmpdir(), 'kb-console-'));
    try {
      await cp(FIXTURE_KB_DIR, copy, { recursive: true });
      expect((await applyKbPatchToDir(copy, await patch.text())).ok).toBe(true);
      const check = await runKbCheck(['--dir', copy, '--no-cache']);
      expect(check).toEqual({ exitCode: 0, lines: [expect.stringMatching(/^KB OK: 18 entries/)] });
      const entry = (await loadKnowledgeBase(copy)).entries.find((e) => e.question === MISSING[0]);
      expect(entry?.alternates).toEqual([MISSING[1], ...MORE_PHRASINGS]);
      expect(entry?.answer).toBe(NEW_ANSWER);
      expect(entry?.offer).toBe('mon-espace-sante');
    } finally {
      await rm(copy, { recursive: true, force: true });
    }
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
    for (const path of ['/console', '/console/reponses', '/console/sans-reponse', '/console/sans-reponse/nouvelle-entree?cle=x', '/console/propositions', '/console/correctif']) {
      await page.goto(`${app.url}${path}`);
      expect(new URL(page.url()).pathname, path).toBe('/console/login');
    }
    for (const path of ['/console/export/questions.csv', '/console/export/votes.csv', '/console/export/unanswered.csv', '/console/correctif.patch']) {
      expect((await page.request.get(`${app.url}${path}`)).status(), path).toBe(401);
    }
    const anonymous = await page.request.post(`${app.url}/console/sans-reponse/nouvelle-entree`, { form: { key: 'k', phrasing: 'q', entryId: 'mos-definition' } });
    expect(anonymous.status()).toBe(401);
    expect(cspErrors).toEqual([]);
    await page.close();
  }, 60_000);
});
