import { readFile } from 'node:fs/promises';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';

/** What adapters/web/webChatFrench.js defines on `window`. */
interface WebChatFrench {
  locale: string;
  strings: Record<string, unknown> & {
    GLOBALIZE: {
      plural(count: number): string;
      dateFormatter(options: { skeleton: string }): (date: Date | string) => string;
      relativeTimeFormatter(unit: string): (value: number) => string;
      unitFormatter(unit: string, options: { form: string }): (value: number) => string;
    };
  };
  // A plain function on `window`, called without its object: typed as a property so no `this` is implied.
  sentAt: (date: Date, now: Date) => string;
}

/** Runs the browser script as the page does, with Node's Intl (full ICU, like Chromium's). */
async function loadScript(): Promise<WebChatFrench> {
  const source = await readFile(new URL('../../../adapters/web/webChatFrench.js', import.meta.url), 'utf8');
  const window: { AnsFaqWebChatFrench?: WebChatFrench } = {};
  runInNewContext(source, { window, Intl, Date });
  if (!window.AnsFaqWebChatFrench) throw new Error('webChatFrench.js defined nothing');
  return window.AnsFaqWebChatFrench;
}

describe('webChatFrench.js: French for Web Chat’s own words', () => {
  it('says when a message was sent in 24-hour French: « à 15:44 » today, with the day (and year) before', async () => {
    const { sentAt } = await loadScript();
    const now = new Date(2026, 10, 29, 16, 0);
    expect(sentAt(new Date(2026, 10, 29, 15, 44), now)).toBe('à 15:44');
    expect(sentAt(new Date(2026, 10, 28, 9, 5), now)).toBe('le 28 novembre à 09:05');
    expect(sentAt(new Date(2025, 11, 31, 23, 59), now)).toBe('le 31 décembre 2025 à 23:59');
  });

  it('gives Web Chat a Globalize stand-in: French relative times, file sizes and plural rules', async () => {
    const { strings } = await loadScript();
    const globalize = strings.GLOBALIZE;
    expect(globalize.relativeTimeFormatter('minute')(-5)).toBe('Il y a 5 minutes');
    expect(globalize.relativeTimeFormatter('hour')(-3)).toBe('Il y a 3 heures');
    // Intl puts a no-break space between the number and its unit.
    expect(globalize.unitFormatter('byte', { form: 'long' })(12)).toMatch(/^12\soctets$/);
    expect(globalize.unitFormatter('kilobyte', { form: 'short' })(3)).toMatch(/^3\sko$/);
    expect([0, 1, 2].map((count) => globalize.plural(count))).toEqual(['one', 'one', 'other']);
    // Web Chat's date call, screen-reader template included: « Envoyé à 15:44 ».
    const template = String(strings.ACTIVITY_STATUS_SEND_STATUS_ALT_SENT_AT);
    const today = globalize.dateFormatter({ skeleton: 'MMMMdhm' })(new Date().toISOString());
    expect(template.replace('$1', today)).toMatch(/^Envoyé à \d{2}:\d{2}$/);
  });

  it('overrides only strings Web Chat has, with typographic apostrophes', async () => {
    const { locale, strings } = await loadScript();
    expect(locale).toBe('fr-FR');
    // Web Chat's own French (botframework-webchat-api, a dependency of botframework-webchat).
    const shipped = new URL('../../../node_modules/botframework-webchat-api/src/localization/fr-FR.json', import.meta.url);
    const webChatFrench: Record<string, string> = JSON.parse(await readFile(shipped, 'utf8'));
    const texts = Object.entries(strings).filter(([id]) => id !== 'GLOBALIZE');
    expect(texts.map(([id]) => id).filter((id) => !(id in webChatFrench))).toEqual([]);
    expect(texts.filter(([, text]) => typeof text !== 'string' || text.includes("'"))).toEqual([]);
  });
});
