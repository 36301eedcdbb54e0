import { describe, expect, it } from 'vitest';
import { messages, PAYLOAD_VERSION } from '../../../bot/index.js';
import { ask, click, hasChromium, realAppInChromiumAroundAll, routeBotStream, see } from '../helpers/browser.js';
import { expectTidy, focusReport, settledLayout, type FocusReport } from '../helpers/layoutProbe.js';

/** Suggested actions longer than a phone line (the bot sends cards, but Web Chat's own buttons must wrap too). */
const LONG_SUGGESTIONS = [
  'Quelles règles mon service doit-il respecter pour être référencé dans le Catalogue de services ?',
  'Quand et comment puis-je demander le référencement de mon service dans Mon espace santé ?',
];

describe.skipIf(!hasChromium)('the chat page: French, keyboard focus and « Taper ma question » (Chromium)', () => {
  const session = realAppInChromiumAroundAll();

  it('speaks French wherever Web Chat speaks: 24-hour screen-reader timestamps, send box, status', async () => {
    const page = await session.context.newPage();
    await page.goto(`${session.real.url}/`);
    await see(page, "Votre question concerne quel type d'offre ?");
    await ask(page, 'référencement');
    await see(page, messages.clarify);
    const texts = await page.evaluate(() => {
      const found: string[] = [];
      const walker = document.createTreeWalker(document.getElementById('webchat') ?? document.body, NodeFilter.SHOW_TEXT);
      while (walker.nextNode()) found.push((walker.currentNode.textContent ?? '').trim());
      return found.filter(Boolean);
    });
    const sentAt = texts.filter((text) => text.startsWith('Envoyé'));
    expect(sentAt.length, 'screen-reader timestamps').toBeGreaterThanOrEqual(2);
    for (const text of sentAt) expect(text).toMatch(/^Envoyé (à \d{2}:\d{2}|le \d{1,2} \p{L}+ à \d{2}:\d{2})$/u);
    expect(texts).toContain('À l’instant');
    expect(texts.join('\n')).not.toMatch(/\b(AM|PM)\b|Send|Type your message|Bot said|Just now/);
    const input = page.locator('.webchat__send-box textarea');
    expect(await input.getAttribute('placeholder')).toBe('Tapez votre question');
    expect(await input.getAttribute('aria-label')).toBe('Votre question');
    expect(await page.locator('.webchat__send-button').getAttribute('title')).toBe('Envoyer');
    await page.close();
  }, 60_000);

  it('shows the 2px #0a76f6 focus ring, whole, on every control the keyboard reaches, card buttons included', async () => {
    const page = await session.context.newPage();
    await page.setViewportSize({ width: 375, height: 740 });
    await page.goto(`${session.real.url}/`);
    await see(page, "Votre question concerne quel type d'offre ?");
    await page.evaluate(() => (document.activeElement instanceof HTMLElement ? document.activeElement.blur() : undefined));
    const reached: FocusReport[] = [];
    // Skip link, Web Chat's keyboard help, transcript, its end marker, send box, send button.
    for (let i = 0; i < 6; i += 1) {
      await page.keyboard.press('Tab');
      reached.push(await focusReport(page));
    }
    const names = reached.map((report) => report.element).join('\n');
    for (const expected of ['a.skip-link', 'div.webchat__basic-transcript', 'textarea.', 'Envoyer']) expect(names).toContain(expected);
    // Into the transcript's last card: Web Chat moves the focus to its first button, then Tab goes through the others.
    for (let i = 0; i < 8 && !(await focusReport(page)).element.startsWith('div.webchat__basic-transcript '); i += 1) await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    reached.push(await focusReport(page));
    await page.keyboard.press('Tab');
    reached.push(await focusReport(page));
    expect(reached.slice(-2).map((report) => report.element).join('\n')).toContain('button.ac-pushButton « Référencement Mon espace santé »');
    expect(reached.filter((report) => !report.ring)).toEqual([]);
    await page.close();
  }, 60_000);

  it('« Taper ma question » moves the focus to the send box; long suggested actions wrap at 320 px', async () => {
    const page = await session.context.newPage();
    await page.setViewportSize({ width: 320, height: 568 });
    const pushActivity = await routeBotStream(page);
    await page.goto(`${session.real.url}/`);
    await see(page, "Votre question concerne quel type d'offre ?");
    // The bot's dead-end card: the button's payload is all the page looks at, as the bot sends it.
    pushActivity({
      attachments: [{
        contentType: 'application/vnd.microsoft.card.adaptive',
        content: {
          type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: 'Je n’ai pas encore de réponse sur ce thème.', wrap: true }],
          actions: [{ type: 'Action.Submit', title: messages.buttonTypeQuestion, data: { faq: PAYLOAD_VERSION, action: 'ask' } }],
        },
      }],
      suggestedActions: { actions: LONG_SUGGESTIONS.map((title) => ({ type: 'imBack', title, value: title })) },
    });
    await page.locator('.webchat__suggested-action', { hasText: LONG_SUGGESTIONS[1] }).waitFor({ state: 'visible' });
    const report = await settledLayout(page);
    expectTidy(report, '320px with suggested actions');
    expect(report.buttonLabels).toEqual(expect.arrayContaining(LONG_SUGGESTIONS));

    await click(page, messages.buttonTypeQuestion);
    await see(page, messages.askNow);
    expect(await page.evaluate(() => document.activeElement?.matches('.webchat__send-box textarea'))).toBe(true);
    await page.close();
  }, 60_000);
});
