import { describe, expect, it } from 'vitest';
import { messages } from '../../bot/index.js';
import { ask, click, hasChromium, realAppInChromiumAroundAll, see } from './helpers/browser.js';

describe.skipIf(!hasChromium)('the chat page in a real browser (Debian chromium, headless)', () => {
  const session = realAppInChromiumAroundAll({ width: 1100, height: 900 });

  it('guides by clicks, answers a typed question verbatim, and stores the 👍 in the feedback store', async () => {
    const page = await session.context.newPage();
    const pageErrors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(message.text());
    });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(`${session.real.url}/`);
    expect(await page.getAttribute('html', 'lang')).toBe('fr');

    // Welcome and the first clarifying question, verbatim from the seed.
    await see(page, 'Bonjour, je suis l’assistant du Portail Industriels de l’ANS.');
    await see(page, "Votre question concerne quel type d'offre ?");

    // Triage by clicks down to an answer.
    await click(page, 'Référencement Mon espace santé');
    await click(page, 'Catalogue de services référencés');
    await click(page, 'Éligibilité et critères');
    await click(page, 'Quelles règles mon service doit-il respecter pour être référencé dans le Catalogue de services ?');
    const doctrine = session.real.app.knowledgeBase.entries.find((entry) => entry.id === 'mes-referencement-doctrine');
    await see(page, firstSentence(doctrine?.answer ?? 'missing entry'));

    // A typed follow-up question (within the chosen facets), answered with the agency's words.
    await ask(page, 'Une application mobile gratuite peut-elle candidater au référencement ?');
    await see(page, 'Dans une approche inclusive, tous les services numériques à destination des citoyens');
    await see(page, 'l’apposition du marquage CE dispositif médical.');
    await see(page, messages.feedbackQuestion);

    await click(page, '👍 Oui');
    await see(page, messages.thanksHelpful);
    const records = await session.real.feedbackRecords();
    expect(records).toContainEqual(
      expect.objectContaining({ kind: 'feedback', channel: 'directline', answerId: 'mes-referencement-eligibilite', helpful: true }),
    );
    const stored = records.find((record) => record.answerId === 'mes-referencement-eligibilite');
    expect(stored?.question).toBe('Une application mobile gratuite peut-elle candidater au référencement ?');
    expect(stored?.userHash).toMatch(/^[0-9a-f]{32}$/);
    expect(stored?.kbVersion).toBe(session.real.app.knowledgeBase.version);
    expect(pageErrors.filter((text) => /Content Security Policy|Refused/i.test(text))).toEqual([]);
  }, 90_000);
});

function firstSentence(answer: string): string {
  return answer.split('\n')[0].split(/(?<=[.:])\s/)[0];
}
