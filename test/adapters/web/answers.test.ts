import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { frenchDate } from '../../../bot/answerTrust.js';
import { messages } from '../../../bot/index.js';
import type { FeedbackRecord } from '../../../bot/index.js';
import { ask, axeViolations, click, hasChromium, realAppInChromiumAroundAll, see } from '../helpers/browser.js';
import { expectTidy, settledLayout } from '../helpers/layoutProbe.js';

/** The real FAQ (its links, its review dates), lexical search only: what a vendor on a phone reads. */
const REAL_KB = { KB_DIR: 'knowledge/data', EMBEDDINGS_PROVIDER: 'none' };

/** Font sizes of every text block of the bot's cards. */
function botTextSizes(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const blocks = document.querySelectorAll('#webchat .ac-textBlock');
    return [...new Set(Array.from(blocks).map((block) => getComputedStyle(block).fontSize))];
  });
}

/** Top of the element holding `text`, bottom of the last card button: to say what comes after what. */
function verticalOrder(page: Page, text: string, button: string): Promise<{ textTop: number; buttonBottom: number }> {
  return page.evaluate(
    ([t, b]) => {
      // French no-break spaces in the page read as plain spaces.
      const loose = (el: Element): string => (el.textContent ?? '').replace(/[\u00a0\u202f]/g, ' ');
      const blocks = Array.from(document.querySelectorAll('#webchat .ac-textBlock')).filter((el) => loose(el).includes(t));
      const buttons = Array.from(document.querySelectorAll('#webchat .ac-pushButton')).filter((el) => loose(el).includes(b));
      const textBlock = blocks.at(-1);
      const lastButton = buttons.at(-1);
      if (!textBlock || !lastButton) throw new Error(`not found: ${t} / ${b}`);
      return { textTop: textBlock.getBoundingClientRect().top, buttonBottom: lastButton.getBoundingClientRect().bottom };
    },
    [text, button],
  );
}

async function waitForRecords(read: () => Promise<FeedbackRecord[]>, expected: number): Promise<FeedbackRecord[]> {
  for (let i = 0; i < 50; i += 1) {
    const records = await read();
    if (records.length >= expected) return records;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return read();
}

describe.skipIf(!hasChromium)('answers on a 375×740 phone: trust, links, dead ends, order of the lists (Chromium, real FAQ)', () => {
  const session = realAppInChromiumAroundAll({ width: 375, height: 740 }, REAL_KB);

  it('an answer names its source and French review date, shows its links as real links, in one text size, tidy and accessible', async () => {
    const page = await session.context.newPage();
    await page.goto(`${session.real.url}/`);
    await see(page, "Votre question concerne quel type d'offre ?");
    await ask(page, 'Que sont les NOS (Nomenclatures des objets de santé) et comment sont-elles organisées ?');
    await see(page, 'Le Modèle des Objets de Santé (MOS) et les Nomenclatures des Objets de Santé (NOS) sont indissociables');
    await see(page, messages.answerSource(frenchDate(new Date(Date.UTC(2026, 10, 26)))));
    const link = page.locator('#webchat a[href="https://esante.gouv.fr/acces-ressources-nos"]');
    await link.waitFor({ state: 'visible' });
    expect(await link.textContent()).toBe('Accès aux ressources des NOS (esante.gouv.fr)');
    expect(await botTextSizes(page)).toEqual(['16px']);
    expectTidy(await settledLayout(page), '375px, answer with a link');
    const serious = (await axeViolations(page)).filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
    expect(serious).toEqual([]);

    // The 2021 answer has no review date: it says it may be out of date, above the agency's words.
    await ask(page, 'Quand et comment puis-je demander le référencement de mon service dans Mon espace santé ?');
    await see(page, messages.answerUndated);
    await see(page, 'A partir de novembre 2021, vous pourrez réaliser votre demande en ligne');
    await page.close();
  }, 90_000);

  it('puts « Ce n’est pas votre question ? » after the list it refers to', async () => {
    const page = await session.context.newPage();
    await page.goto(`${session.real.url}/`);
    await click(page, 'Référencement Mon espace santé');
    await click(page, 'Catalogue de services référencés');
    await click(page, 'Éligibilité et critères');
    await see(page, messages.triageInviteTyping);
    const lastQuestion = 'Quelles règles mon service doit-il respecter pour être référencé dans le Catalogue de services ?';
    const order = await verticalOrder(page, 'Ce n’est pas votre question', lastQuestion);
    expect(order.textTop).toBeGreaterThanOrEqual(order.buttonBottom);
    expectTidy(await settledLayout(page), '375px, triage results');
    await page.close();
  }, 60_000);

  it('Ségur, a branch without answers: no unrelated contact, the typed question goes to the curators with the path', async () => {
    const page = await session.context.newPage();
    await page.goto(`${session.real.url}/`);
    const before = (await session.real.feedbackRecords()).length;
    await click(page, 'Ségur du numérique en santé');
    await see(page, 'Je n’ai pas encore de réponse sur');
    await page.getByRole('button', { name: messages.buttonRestart, exact: true }).last().waitFor({ state: 'visible' });
    expect(await page.getByRole('button', { name: messages.buttonContact }).count()).toBe(0);
    expect(await page.locator('#webchat').textContent()).not.toContain('innovation@esante.gouv.fr');
    await click(page, messages.buttonTypeQuestion);
    await see(page, messages.askNow);
    await ask(page, 'Quel financement SONS pour un éditeur de logiciel hospitalier ?');
    const records = (await waitForRecords(() => session.real.feedbackRecords(), before + 2)).slice(before);
    expect(records.map((record) => [record.kind, record.question])).toEqual([
      ['unanswered', 'offer=segur'],
      ['unanswered', 'Quel financement SONS pour un éditeur de logiciel hospitalier ?'],
    ]);
    await page.close();
  }, 60_000);
});
