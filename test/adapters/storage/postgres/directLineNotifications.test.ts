import { describe, expect, it } from 'vitest';
import { carries, ephemeralNotification, MAX_CARRYING_NOTIFICATION_BYTES, readNotification } from '../../../../adapters/storage/postgres/directLineNotifications.js';

describe('readNotification', () => {
  const streamed = (conversationId: string): boolean => conversationId === 'c';
  const activity = JSON.stringify({ type: 'message', text: 'Réponse 👍', id: 'c|0000000' });

  it('hands over an activity another instance carried for a conversation this one streams, with its id', () => {
    expect(readNotification(`other+ 12 ${activity}\nc`, 'me', streamed)).toEqual({
      kind: 'offer', conversationId: 'c', seq: 12, activity: { type: 'message', text: 'Réponse 👍', id: 'c|0000012' },
    });
  });

  it('ignores its own notifications and those of conversations it does not stream', () => {
    expect(readNotification(`me+ 12 ${activity}\nc`, 'me', streamed)).toEqual({ kind: 'none' });
    expect(readNotification(`other+ 12 ${activity}\nd`, 'me', streamed)).toEqual({ kind: 'none' });
    expect(readNotification('me 12 c', 'me', streamed)).toEqual({ kind: 'none' });
  });

  it('wakes the streams to read from the table for ids alone, a bare conversation id (a previous version) or a carried value that is not an activity', () => {
    expect(readNotification('other 12 c', 'me', streamed)).toEqual({ kind: 'wake', conversationId: 'c', seq: 12 });
    expect(readNotification('c', 'me', streamed)).toEqual({ kind: 'wake', conversationId: 'c' });
    expect(readNotification('other+ 12 [1]\nc', 'me', streamed)).toEqual({ kind: 'wake', conversationId: 'c', seq: 12 });
    expect(readNotification('other+ 12 {not json\nc', 'me', streamed)).toEqual({ kind: 'wake', conversationId: 'c', seq: 12 });
  });
});

describe('ephemeralNotification', () => {
  it('tells the other instances\' streams of an activity that is not stored, and is refused when too large to notify', () => {
    const typing = { type: 'typing', id: 'c|typing-1' };
    const payload = ephemeralNotification('other', 'c', typing);
    expect(payload).toBeDefined();
    expect(readNotification(payload ?? '', 'me', (id) => id === 'c')).toEqual({ kind: 'ephemeral', conversationId: 'c', activity: typing });
    expect(readNotification(payload ?? '', 'other', () => true)).toEqual({ kind: 'none' });
    expect(readNotification(payload ?? '', 'me', () => false)).toEqual({ kind: 'none' });
    expect(ephemeralNotification('other', 'c', { type: 'typing', text: 'x'.repeat(MAX_CARRYING_NOTIFICATION_BYTES) })).toBeUndefined();
  });
});

describe('carries', () => {
  it('carries an activity whose notification stays within the bound, counting the conversation id in bytes', () => {
    expect(carries('c', 100)).toBe(true);
    expect(carries('c', MAX_CARRYING_NOTIFICATION_BYTES)).toBe(false);
    const id = 'é'.repeat(50);
    expect(carries(id, MAX_CARRYING_NOTIFICATION_BYTES - 140)).toBe(true);
    expect(carries(id, MAX_CARRYING_NOTIFICATION_BYTES - 139)).toBe(false);
  });
});
