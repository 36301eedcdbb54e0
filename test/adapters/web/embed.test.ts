import type { Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, countByImpact, hasChromium, realAppInChromiumAroundAll, startAgencySite } from '../helpers/browser.js';
import { expectTidy, focusReport, settledLayout } from '../helpers/layoutProbe.js';

/**
 * An agency page's own CSS, written without the widget in mind: type selectors, a 62.5 % root size, a blue header
 * (the rule that once made the panel's title blue on blue), and rules that would hide or reshape the widget's parts.
 */
const HOSTILE_CSS = `
html { font-size: 62.5%; }
body { margin: 0; font: 2rem/1 Georgia, serif; color: #333; letter-spacing: .05em; }
* { box-sizing: content-box; }
header { background: #000091; color: #fff; padding: 2rem; }
header p { color: #fff; }
button { display: block; width: 100%; padding: 3rem; border-radius: 2rem; background: #e1000f; color: #fff; font-size: 3rem; text-transform: uppercase; }
p, span { margin: 2rem; font-size: 2.4rem; }
iframe { height: 50px; border: 5px solid #e1000f; }
svg { display: none; }
div { position: relative; }
[hidden] { display: block; }`;

const FIRST_QUESTION = /Votre question concerne quel type d['’]offre\s\?/;

/** The widget's parts in the page's shadow root, as computed styles. */
async function widgetStyles(page: Page): Promise<Record<string, Record<string, string>>> {
  return page.evaluate(() => {
    const root = document.querySelector('ans-faq-assistant')?.shadowRoot;
    const read = (selector: string, properties: string[]): Record<string, string> => {
      const element = root?.querySelector(selector);
      if (!element) return { missing: selector };
      const style = getComputedStyle(element);
      const rect = element.getBoundingClientRect();
      return Object.fromEntries([...properties.map((name) => [name, style.getPropertyValue(name)]), ['width', String(Math.round(rect.width))], ['height', String(Math.round(rect.height))]]);
    };
    return {
      launcher: read('#ans-faq-launcher', ['background-color', 'color', 'font-size', 'text-transform', 'border-top-left-radius', 'display']),
      icon: read('#ans-faq-launcher svg', ['display']),
      header: read('.header', ['background-color']),
      title: read('#ans-faq-title', ['color', 'font-size', 'letter-spacing', 'font-family']),
      close: read('#ans-faq-close', ['background-color', 'color', 'font-size']),
      frame: read('iframe', ['border-top-width', 'display']),
    };
  });
}

/** The element of the widget's shadow root that has the focus. */
function focusedInWidget(page: Page): Promise<string | undefined> {
  return page.evaluate(() => document.querySelector('ans-faq-assistant')?.shadowRoot?.activeElement?.id);
}

describe.skipIf(!hasChromium)('embed.js on an agency page with hostile CSS (Chromium)', () => {
  const session = realAppInChromiumAroundAll();
  let agency: Awaited<ReturnType<typeof startAgencySite>>;

  beforeAll(async () => {
    agency = await startAgencySite(session.real.url, HOSTILE_CSS);
  });

  afterAll(async () => {
    await agency?.close();
  });

  /** The bot's page in the panel's iframe. */
  function botFrame(page: Page): Frame {
    const frame = page.frames().find((candidate) => candidate.url().startsWith(`${session.real.url}/?embed=1`));
    if (!frame) throw new Error('the panel has no frame of the bot page');
    return frame;
  }

  async function openPanel(page: Page): Promise<void> {
    await page.locator('#ans-faq-launcher').click();
    await page.frameLocator('#ans-faq-panel iframe').getByText(FIRST_QUESTION).last().waitFor({ state: 'visible' });
  }

  it('keeps its own look whatever the page’s CSS; the launcher’s name starts with its text; axe: nothing serious, panel open', async () => {
    const page = await session.context.newPage();
    await page.goto(`${agency.url}/page`);
    const launcher = page.getByRole('button', { name: /^Une question \?/ });
    await launcher.waitFor({ state: 'visible' });
    // The page's own CSS is in force (its CSP lets its nonce'd style through).
    expect(await page.evaluate(() => getComputedStyle(document.querySelector('header') ?? document.body).backgroundColor)).toBe('rgb(0, 0, 145)');
    expect(await page.locator('#ans-faq-panel').isHidden()).toBe(true);
    expect(await launcher.getAttribute('aria-expanded')).toBe('false');
    // Keyboard: Tab reaches the launcher (after the page's own content), with the focus ring; Enter opens the panel
    // and puts the focus on its close button.
    await page.locator('#ans-faq-launcher').focus();
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Tab');
    expect(await focusReport(page)).toMatchObject({ ring: true });
    await page.keyboard.press('Enter');
    await page.frameLocator('#ans-faq-panel iframe').getByText(FIRST_QUESTION).last().waitFor({ state: 'visible' });
    expect(await launcher.getAttribute('aria-expanded')).toBe('true');
    expect(await focusedInWidget(page)).toBe('ans-faq-close');
    expect(await focusReport(page)).toMatchObject({ ring: true });

    const styles = await widgetStyles(page);
    expect(styles.launcher).toMatchObject({ 'background-color': 'rgb(0, 0, 145)', color: 'rgb(255, 255, 255)', 'font-size': '18px', 'text-transform': 'none', 'border-top-left-radius': '0px' });
    expect(Number(styles.launcher.width)).toBeLessThan(260);
    expect(styles.icon.display).not.toBe('none');
    expect(styles.header['background-color']).toBe('rgb(255, 255, 255)');
    expect(styles.title).toMatchObject({ color: 'rgb(22, 22, 22)', 'font-size': '16px', 'letter-spacing': 'normal' });
    expect(styles.title['font-family']).not.toContain('Georgia');
    expect(styles.close).toMatchObject({ color: 'rgb(0, 0, 145)', 'font-size': '14px' });
    expect(styles.frame['border-top-width']).toBe('0px');
    expect(Number(styles.frame.height)).toBeGreaterThan(400);

    const frame = botFrame(page);
    const onPage = await axeViolations(page);
    const inFrame = await axeViolations(frame);
    console.info(`embed, panel open: axe violations on the agency page: ${countByImpact(onPage)}; in the panel: ${countByImpact(inFrame)}`);
    expect([...onPage, ...inFrame].filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')).toEqual([]);
    await page.close();
  }, 90_000);

  it('closes on Escape from inside the chat, from its header or by its × button, and gives the focus back to the launcher', async () => {
    const page = await session.context.newPage();
    await page.goto(`${agency.url}/page`);
    await openPanel(page);
    const panel = page.locator('#ans-faq-panel');

    // From the send box, inside the iframe: the framed page tells embed.js.
    await page.frameLocator('#ans-faq-panel iframe').locator('.webchat__send-box textarea').click();
    await page.keyboard.press('Escape');
    await panel.waitFor({ state: 'hidden' });
    expect(await focusedInWidget(page)).toBe('ans-faq-launcher');
    expect(await page.locator('#ans-faq-launcher').getAttribute('aria-expanded')).toBe('false');

    // From the panel's header (the close button has the focus after opening).
    await page.keyboard.press('Enter');
    await panel.waitFor({ state: 'visible' });
    expect(await focusedInWidget(page)).toBe('ans-faq-close');
    await page.keyboard.press('Escape');
    await panel.waitFor({ state: 'hidden' });
    expect(await focusedInWidget(page)).toBe('ans-faq-launcher');

    // A close message from any other window (here, the agency page itself) is ignored: only the bot's frame may send it.
    await openPanel(page);
    await page.evaluate(() => window.postMessage({ type: 'ans-faq:close' }, '*'));
    await page.waitForTimeout(300);
    expect(await panel.isVisible()).toBe(true);

    await page.locator('#ans-faq-close').click();
    await panel.waitFor({ state: 'hidden' });
    expect(await focusedInWidget(page)).toBe('ans-faq-launcher');
    await page.close();
  }, 60_000);

  it('on a 375×740 phone: the panel fills the screen, the launcher is hidden meanwhile, nothing covers the send box', async () => {
    const page = await session.context.newPage();
    await page.setViewportSize({ width: 375, height: 740 });
    await page.goto(`${agency.url}/page`);
    await openPanel(page);
    expect(await page.locator('#ans-faq-launcher').isHidden()).toBe(true);
    expect(await page.locator('#ans-faq-panel').boundingBox()).toEqual({ x: 0, y: 0, width: 375, height: 740 });

    // The page's topmost element over the frame's send box is the frame itself.
    const frame = botFrame(page);
    // (A frame's element box is given in the page's coordinates.)
    const sendBox = await frame.locator('.webchat__send-box textarea').boundingBox();
    if (!sendBox) throw new Error('no send box on screen');
    const topmost = await page.evaluate(({ x, y }) => document.querySelector('ans-faq-assistant')?.shadowRoot?.elementFromPoint(x, y)?.tagName,
      { x: sendBox.x + sendBox.width / 2, y: sendBox.y + sendBox.height / 2 });
    expect(topmost).toBe('IFRAME');
    expectTidy(await settledLayout(frame), 'embed at 375px');

    await frame.locator('.webchat__send-box textarea').click();
    await page.keyboard.press('Escape');
    await page.locator('#ans-faq-panel').waitFor({ state: 'hidden' });
    expect(await page.locator('#ans-faq-launcher').isVisible()).toBe(true);
    expect(await focusedInWidget(page)).toBe('ans-faq-launcher');
    await page.close();
  }, 60_000);
});
