import { describe, expect, it } from 'vitest';
import { channelActivityProblems } from '../../adapters/channelActivity.js';

const VALID = {
  type: 'message',
  id: 'a1',
  channelId: 'msteams',
  serviceUrl: 'https://smba.example/',
  from: { id: 'u1' },
  recipient: { id: 'b1' },
  conversation: { id: 'c1' },
  text: 'bonjour',
};

describe('channelActivityProblems', () => {
  it('accepts a usable activity, extra fields included', () => {
    expect(channelActivityProblems({ ...VALID, channelData: { tenant: { id: 't' } }, value: { x: 1 } })).toEqual([]);
  });

  it('reports every problem at once', () => {
    const problems = channelActivityProblems({ type: 5, conversation: 42, from: 'u1', serviceUrl: 3, text: {} });
    expect(problems).toEqual([
      'type must be a non-empty string',
      'from must be an object with a string id',
      'conversation must be an object with a string id',
      'text must be a string',
      'serviceUrl must be an http(s) URL',
    ]);
  });

  it('requires a serviceUrl that is an http(s) URL (replies go there)', () => {
    const { serviceUrl: _omitted, ...withoutServiceUrl } = VALID;
    expect(channelActivityProblems(withoutServiceUrl)).toEqual(['serviceUrl must be an http(s) URL']);
    for (const serviceUrl of ['file:///etc/passwd', 'smba.example', 'http://', 'javascript:alert(1)']) {
      expect(channelActivityProblems({ ...VALID, serviceUrl })).toEqual(['serviceUrl must be an http(s) URL']);
    }
  });

  it('requires the conversation, not the other accounts', () => {
    const { conversation: _omitted, ...withoutConversation } = VALID;
    expect(channelActivityProblems(withoutConversation)).toEqual(['conversation must be an object with a string id']);
    const { from: _from, recipient: _recipient, ...withoutAccounts } = VALID;
    expect(channelActivityProblems(withoutAccounts)).toEqual([]);
  });

  it('refuses bodies that are not objects', () => {
    for (const body of [null, [], 'message', 3]) expect(channelActivityProblems(body)).toHaveLength(1);
  });
});
