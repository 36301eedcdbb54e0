import { describe, expect, it } from 'vitest';
import { parseClientActivity } from '../../../adapters/directline/index.js';

describe('parseClientActivity', () => {
  it('keeps what the bot needs and drops identity fields the token decides', () => {
    const result = parseClientActivity({
      type: 'message',
      text: 'Bonjour',
      value: { faq: 1, action: 'vote' },
      locale: 'fr-FR',
      channelData: { clientActivityID: 'abc' },
      from: { id: 'someone-else', role: 'bot' },
      conversation: { id: 'another-conversation' },
      id: 'spoofed',
    });
    expect(result).toEqual({
      kind: 'ok',
      activity: { type: 'message', text: 'Bonjour', value: { faq: 1, action: 'vote' }, locale: 'fr-FR', channelData: { clientActivityID: 'abc' } },
    });
  });

  it('reports every problem at once', () => {
    const result = parseClientActivity({ type: 'invoke', text: 42, channelData: [], attachments: [{}], localTimestamp: 'hier' });
    expect(result.kind).toBe('invalid');
    if (result.kind !== 'invalid') return;
    expect(result.problems).toHaveLength(5);
    expect(result.problems.join('\n')).toMatch(/type must be one of message, event, typing/);
    expect(result.problems.join('\n')).toMatch(/text must be a string/);
  });

  it('refuses a body that is not a JSON object', () => {
    for (const body of [null, 'texte', [], 3]) {
      expect(parseClientActivity(body)).toMatchObject({ kind: 'invalid', problems: [expect.stringContaining('JSON object')] });
    }
  });
});
