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
      'serviceUrl must be a string',
      'text must be a string',
    ]);
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
