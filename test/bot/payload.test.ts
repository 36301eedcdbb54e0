import { describe, expect, it } from 'vitest';
import { parsePayload, PAYLOAD_VERSION, toCardData, type FaqPayload } from '../../bot/payload.js';

describe('card payloads', () => {
  it('round-trips every action through the card data', () => {
    const payloads: FaqPayload[] = [
      { action: 'choose', facet: 'offer', value: 'mos-nos', turn: 3 },
      { action: 'answer', id: 'mos-definition', turn: 4 },
      { action: 'vote', helpful: false, turn: 5 },
      { action: 'none', turn: 6 },
      { action: 'skip', turn: 7 },
      { action: 'restart' },
      { action: 'ask' },
      { action: 'contact' },
    ];
    for (const payload of payloads) {
      const data = toCardData(payload);
      expect(data.faq).toBe(PAYLOAD_VERSION);
      expect(parsePayload(JSON.parse(JSON.stringify(data)))).toEqual({ kind: 'payload', payload });
    }
  });

  it('rejects what is not ours or is malformed, with a reason', () => {
    const cases: [unknown, string][] = [
      [null, 'not an object'],
      ['restart', 'not an object'],
      [[1], 'not an object'],
      [{ action: 'restart' }, 'not a FAQ card payload of this version'],
      [{ faq: 2, action: 'restart' }, 'not a FAQ card payload of this version'],
      [{ faq: 1, action: 'explode' }, 'unknown action'],
      [{ faq: 1, action: 'choose', facet: 'colour', value: 'x', turn: 1 }, 'malformed choose'],
      [{ faq: 1, action: 'choose', facet: 'offer', value: 'x'.repeat(500), turn: 1 }, 'malformed choose'],
      [{ faq: 1, action: 'answer', id: 'x', turn: -1 }, 'malformed answer'],
      [{ faq: 1, action: 'answer', id: 'x', turn: 1.5 }, 'malformed answer'],
      [{ faq: 1, action: 'vote', helpful: 'yes', turn: 1 }, 'malformed vote'],
      [{ faq: 1, action: 'none' }, 'malformed none'],
    ];
    for (const [value, reason] of cases) expect(parsePayload(value), JSON.stringify(value)).toEqual({ kind: 'invalid', reason });
  });
});
