import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { messages } from '../../../bot/index.js';
import { ask, axeViolations, click, countByImpact, hasChromium, realAppInChromiumAroundAll, see } from '../helpers/browser.js';
import { expectTidy, settledLayout, type LayoutReport } from '../helpers/layoutProbe.js';

/** `npm run screenshots` sets it to docs/: the README's pictures come from this test. */
const SCREENSHOT_DIR = process.env.WIDGET_SCREENSHOTS_DIR;

/** The three steps of the conversation at which the layout is measured. */
type Step = 'guided' | 'choices' | 'answer';

const SIZES: ReadonlyArray<{ width: number; height: number; screenshot?: { step: Step; file: string } }> = [
  { width: 1280, height: 800, screenshot: { step: 'answer', file: 'widget-desktop.png' } },
  { width: 375, height: 740, screenshot: { step: 'choices', file: 'widget-phone.png' } },
  { width: 320, height: 568 },
];

/** A FAQ question is longer than this: the labels the issue saw cut after about 30 characters on a phone. */
const LONG_LABEL = 60;

describe.skipIf(!hasChromium)('the chat page at desktop and phone widths (Chromium)', () => {
  const session = realAppInChromiumAroundAll();

  async function screenshot(page: Page, file: string): Promise<void> {
    if (!SCREENSHOT_DIR) return;
    await mkdir(SCREENSHOT_DIR, { recursive: true });
    // Without the send box's focus ring (typing put the focus there): the picture shows the page at rest.
    await page.evaluate(() => (document.activeElement instanceof HTMLElement ? document.activeElement.blur() : undefined));
    await page.screenshot({ path: resolve(SCREENSHOT_DIR, file) });
  }

  for (const size of SIZES) {
    it(`${size.width}×${size.height}: guided choices, « Vouliez-vous dire… » and an answer show every button whole, nothing overlaps, axe finds nothing serious`, async () => {
      const page = await session.context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      page.on('console', (message) => (message.type() === 'error' ? errors.push(message.text()) : undefined));
      await page.setViewportSize(size);
      await page.goto(`${session.real.url}/`);
      const reports: Partial<Record<Step, LayoutReport>> = {};
      const measure = async (step: Step): Promise<void> => {
        reports[step] = await settledLayout(page);
        expectTidy(reports[step], `${size.width}px, ${step}`);
        if (size.screenshot?.step === step) await screenshot(page, size.screenshot.file);
      };

      await see(page, "Votre question concerne quel type d'offre ?");
      await measure('guided');
      // The four offers and the send button.
      expect(reports.guided?.buttons).toBeGreaterThanOrEqual(5);

      await ask(page, 'référencement');
      await see(page, messages.clarify);
      await measure('choices');
      const long = reports.choices?.buttonLabels.filter((label) => label.length > LONG_LABEL) ?? [];
      expect(long.length, 'long « Vouliez-vous dire… » labels checked').toBeGreaterThanOrEqual(3);

      await click(page, long[0]);
      await see(page, messages.feedbackQuestion);
      await measure('answer');

      const violations = await axeViolations(page);
      console.info(`${size.width}×${size.height}: buttons checked ${reports.guided?.buttons} (guided), ${reports.choices?.buttons} (choices), `
        + `${reports.answer?.buttons} (answer); axe violations: ${countByImpact(violations)}`);
      expect(violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')).toEqual([]);
      // Web Chat reports its render errors (a bad localisation, a CSP refusal) on the console.
      expect(errors).toEqual([]);
      await page.close();
    }, 90_000);
  }

  it('reflows at 320×256 (a 1280×1024 screen zoomed to 400 %, RGAA 10.11): no horizontal scrolling, the chat still usable', async () => {
    const page = await session.context.newPage();
    await page.setViewportSize({ width: 320, height: 256 });
    await page.goto(`${session.real.url}/`);
    await see(page, "Votre question concerne quel type d'offre ?");
    const report = await settledLayout(page);
    expect(report.horizontalScroll).toEqual([]);
    expect(report.overlaps).toEqual([]);
    expect(report.clipped).toEqual([]);
    // The page scrolls vertically to the send box, which still works.
    const input = page.locator('.webchat__send-box textarea');
    await input.scrollIntoViewIfNeeded();
    expect(await input.isVisible()).toBe(true);
    await ask(page, 'référencement');
    await see(page, messages.clarify);
    expect((await settledLayout(page)).horizontalScroll).toEqual([]);
    await page.close();
  }, 60_000);
});
