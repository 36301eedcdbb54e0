import { describe, expect, it } from 'vitest';
import { fr, frenchSpacing, hasLooseFrenchSpacing, NARROW_NBSP, NBSP } from '../../bot/frenchTypography.js';
import { messages } from '../../bot/messages.js';

/** Every message as the user reads it (nested groups included); functions are called with sample values without spaces. */
function allMessages(): [string, string][] {
  const found: [string, string][] = [];
  const visit = (prefix: string, value: unknown): void => {
    if (typeof value === 'string') found.push([prefix, value]);
    else if (typeof value === 'function') {
      const args = Array.from({ length: value.length }, (_, i) => (i === 0 ? 'X' : 'Y'));
      found.push([prefix, String(Reflect.apply(value, undefined, args))]);
    } else if (value !== null && typeof value === 'object') {
      for (const [key, child] of Object.entries(value)) visit(`${prefix}.${key}`, child);
    }
  };
  visit('messages', messages);
  return found;
}

describe('French typography of the bot\'s words', () => {
  it('puts a no-break space before ; ! ? : and inside « », once', () => {
    const text = frenchSpacing('Vraiment ? Oui ! Note : « menu » ; fin');
    expect(text).toBe(`Vraiment${NARROW_NBSP}? Oui${NARROW_NBSP}! Note${NBSP}: «${NBSP}menu${NBSP}»${NARROW_NBSP}; fin`);
    expect(frenchSpacing(text)).toBe(text);
    expect(hasLooseFrenchSpacing(text)).toBe(false);
  });

  it('leaves interpolated values (the user\'s words, labels) exactly as they are', () => {
    const quoted = 'la météo ?';
    expect(fr`Je n’ai pas trouvé « ${quoted} » : désolé.`).toBe(`Je n’ai pas trouvé «${NBSP}la météo ?${NBSP}»${NBSP}: désolé.`);
  });

  it('every message of bot/messages.ts follows it, with typographic apostrophes', () => {
    for (const [name, text] of allMessages()) {
      expect(hasLooseFrenchSpacing(text), `${name}: ${JSON.stringify(text)}`).toBe(false);
      expect(text, `${name} uses ’, not '`).not.toMatch(/'/);
    }
  });
});
