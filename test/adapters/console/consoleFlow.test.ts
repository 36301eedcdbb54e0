import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyKbPatchToDir, loadKnowledgeBase } from '../../../knowledge/index.js';
import { FIXTURE_KB_DIR } from '../../fixtures/kb.js';
import { startRealApp, type RealApp } from '../helpers/realApp.js';
import { BotVisitor } from './botVisitor.js';
import { ConsoleClient } from './consoleClient.js';

const PASSWORD = 'correct horse battery staple';
const ANSWERED = 'Le référencement au Catalogue de services de Mon espace santé est-il obligatoire ?';
// Vague on purpose: a question that names the MOS and NOS without saying what it asks gets « Vouliez-vous dire… ».
const CLARIFIED = "j'aimerais des infos sur le MOS et les NOS";
const DECLINED = 'Quel temps fera-t-il à Brest demain ?';

/** What a browser would post back from an attribute value. */
const unescapeHtml = (value: string): string => value.replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/** Conversations through Direct Line (answered + 👎 and comment, clarified + pick + 👍, declined), then the console reads them. */
describe('console over a real conversation log', () => {
  let app: RealApp;
  let console_: ConsoleClient;
  beforeAll(async () => {
    app = await startRealApp({ CONSOLE_ADMIN_PASSWORD: PASSWORD });
    const visitor = await BotVisitor.start(app.url);
    expect(await visitor.say(ANSWERED)).toContain('Cette réponse vous a-t-elle été utile');
    await visitor.click('Non');
    expect(await visitor.say('Il manque un exemple concret')).toContain('commentaire a été enregistré');
    expect(await visitor.say(CLARIFIED)).toContain('Vouliez-vous dire');
    await visitor.click('À quoi peuvent servir le MOS');
    await visitor.click('Oui');
    expect(await visitor.say(DECLINED)).toContain('Je n’ai pas trouvé de réponse');
    console_ = new ConsoleClient(app.url);
    await console_.signIn('admin', PASSWORD);
  });
  afterAll(async () => {
    await app.stop();
  });

  it('counts the questions and decisions on the overview, with the 👍 rate', async () => {
    const page = (await console_.get('/console')).text;
    expect(page).toMatch(/data-testid="questions">3</);
    expect(page).toMatch(/data-testid="answered">33\u202f%</);
    expect(page).toMatch(/data-testid="declined">33\u202f%</);
    expect(page).toMatch(/data-testid="helpful">50&nbsp;%/);
    expect(page).toContain('id="donnees-graphes"');
  });

  it('shows per-entry votes and comments on « Réponses », and the confusion between the offered entries', async () => {
    const page = (await console_.get('/console/reponses')).text;
    const row = (id: string): string => page.slice(page.indexOf(`id="entree-${id}"`)).split('</tr>')[0];
    expect(row('mes-referencement-obligatoire')).toMatch(/<td>1<\/td>\s*<td>0<\/td><td>1<\/td>\s*<td>1<ul class="examples"><li>Il manque un exemple concret/);
    expect(row('mos-nos-cas-usage')).toMatch(/<td>1<\/td>\s*<td>1<\/td><td>0<\/td>/);
    // Offered together in « Vouliez-vous dire… », one picked: each is confused with the other.
    expect(row('mos-nos-cas-usage')).toContain('Pourquoi se conformer au MOS');
  });

  it('lists the declined question among the unanswered, and classes it out of scope (kept)', async () => {
    const page = (await console_.get('/console/sans-reponse')).text;
    expect(page).toContain(DECLINED.replace(/'/g, '&#39;'));
    const key = /name="key" value="([^"]*brest[^"]*)"/.exec(page)?.[1];
    expect(key).toBeDefined();
    const form = { _csrf: ConsoleClient.csrfOf(page), key: unescapeHtml(key ?? ''), text: DECLINED, status: 'out-of-scope' };
    expect((await console_.post('/console/sans-reponse/decision', { ...form, _csrf: '' })).status).toBe(403);
    expect((await console_.post('/console/sans-reponse/decision', form)).status).toBe(303);
    expect((await console_.get('/console/sans-reponse')).text).toContain('hors sujet');
  });

  it('opens the new-entry form with the cluster’s question ticked; a refused form comes back with what was typed; no CSRF, 403', async () => {
    const list = (await console_.get('/console/sans-reponse')).text;
    const href = unescapeHtml(/href="(\/console\/sans-reponse\/nouvelle-entree\?[^"]+)"/.exec(list)?.[1] ?? '');
    const form = await console_.get(href);
    expect(form.status).toBe(200);
    expect(form.text).toMatch(/<input type="checkbox" name="phrasing" value="Quel temps fera-t-il à Brest demain \?" checked>/);
    const key = unescapeHtml(/name="key" value="([^"]+)"/.exec(form.text)?.[1] ?? '');
    const fields = { _csrf: ConsoleClient.csrfOf(form.text), key, phrasing: DECLINED, offered: DECLINED, extra: 'Météo à Brest', entryId: 'nope', answer: 'Voir Météo-France.' };
    const refused = await console_.post('/console/sans-reponse/nouvelle-entree', fields);
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('choisissez l’entrée');
    expect(refused.text).toContain('>Météo à Brest</textarea>');
    expect(refused.text).toContain('>Voir Météo-France.</textarea>');
    expect((await console_.post('/console/sans-reponse/nouvelle-entree', { ...fields, _csrf: 'forged' })).status).toBe(403);
    expect((await console_.get('/console/sans-reponse/nouvelle-entree?cle=aucun-groupe')).status).toBe(404);
  });

  it('proposes the clarified question as a phrasing of the picked entry, and accepts it', async () => {
    const page = (await console_.get('/console/propositions')).text;
    expect(page).toContain('j&#39;aimerais des infos sur le MOS et les NOS');
    expect(page).toContain('mos-nos-cas-usage');
    const key = unescapeHtml(/name="key" value="([^"]+)"/.exec(page)?.[1] ?? '');
    const form = { _csrf: ConsoleClient.csrfOf(page), key, text: CLARIFIED, entryId: 'mos-nos-cas-usage', status: 'accepted' };
    expect((await console_.post('/console/propositions/decision', { ...form, entryId: 'unknown-entry' })).status).toBe(400);
    expect((await console_.post('/console/propositions/decision', form)).status).toBe(303);
    expect((await console_.get('/console/propositions')).text).toContain('acceptée');
  });

  it('turns the accepted phrasing into a patch that applies to the KB and passes its checks', async () => {
    const page = (await console_.get('/console/correctif')).text;
    expect(page).toContain('+      - &quot;j&#39;aimerais des infos sur le MOS et les NOS&quot;');
    const patch = await console_.get('/console/correctif.patch');
    expect(patch.status).toBe(200);
    const copy = await mkdtemp(path.join(tmpdir(), 'kb-patched-'));
    try {
      await cp(FIXTURE_KB_DIR, copy, { recursive: true });
      const applied = await applyKbPatchToDir(copy, patch.text);
      expect(applied.ok).toBe(true);
      // What npm run kb:check does: load and validate the whole KB.
      const kb = await loadKnowledgeBase(copy);
      expect(kb.entries.find((e) => e.id === 'mos-nos-cas-usage')?.alternates).toContain(CLARIFIED);
    } finally {
      await rm(copy, { recursive: true, force: true });
    }
    expect((await new ConsoleClient(app.url).get('/console/correctif.patch')).status).toBe(401);
  });

  it('exports CSV with a BOM and ; separators', async () => {
    for (const name of ['questions', 'votes', 'unanswered']) {
      const response = await console_.get(`/console/export/${name}.csv`);
      expect(response.status, name).toBe(200);
      expect(response.headers.get('content-type'), name).toBe('text/csv; charset=utf-8');
      expect(response.text.charCodeAt(0), name).toBe(0xfeff);
      expect(response.text.split('\r\n')[0], name).toContain(';');
    }
    const questions = (await console_.get('/console/export/questions.csv')).text.split('\r\n');
    expect(questions.filter((line) => line.includes(';tapée;'))).toHaveLength(3);
    expect((await console_.get('/console/export/votes.csv')).text).toContain('Il manque un exemple concret');
  });
});
