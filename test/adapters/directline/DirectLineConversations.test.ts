import { describe, expect, it } from 'vitest';
import { DirectLineConversations } from '../../../adapters/directline/index.js';
import type { ActivitySet } from '../../../adapters/directline/index.js';

const limits = { maxActivities: 3, maxConversations: 2, idleMs: 1_000, evictableIdleMs: 100 };

describe('DirectLineConversations', () => {
  it('numbers activities, serves them from a watermark and pushes them to subscribers', () => {
    const conversations = new DirectLineConversations(undefined, limits);
    expect(conversations.start('c1', 'u1', 0)).toEqual({ kind: 'created' });
    const pushed: ActivitySet[] = [];
    conversations.subscribe('c1', (set) => pushed.push(set));
    const first = conversations.append('c1', { type: 'message', text: 'un' }, 0);
    conversations.append('c1', { type: 'message', text: 'deux' }, 0);
    expect(first.id).toBe('c1|0000000');
    expect(conversations.since('c1', 1, 0)).toEqual({ activities: [expect.objectContaining({ text: 'deux' })], watermark: '2' });
    expect(pushed.map((set) => [set.activities[0].text, set.watermark])).toEqual([['un', '1'], ['deux', '2']]);
  });

  it('keeps a bounded log; a client behind resumes at the oldest kept activity', () => {
    const conversations = new DirectLineConversations(undefined, limits);
    conversations.start('c1', 'u1', 0);
    for (const text of ['a', 'b', 'c', 'd', 'e']) conversations.append('c1', { type: 'message', text }, 0);
    const all = conversations.since('c1', 0, 0);
    expect(all.activities.map((activity) => activity.text)).toEqual(['c', 'd', 'e']);
    expect(all.watermark).toBe('5');
    expect(conversations.since('c1', 4, 0).activities.map((activity) => activity.text)).toEqual(['e']);
    expect(conversations.since('c1', 5, 0).activities).toEqual([]);
  });

  it('refuses a new conversation when full, and a second user on an existing one', () => {
    const conversations = new DirectLineConversations(undefined, limits);
    conversations.start('c1', 'u1', 0);
    expect(conversations.start('c1', 'u1', 0)).toEqual({ kind: 'existing' });
    expect(conversations.start('c1', 'intruder', 0)).toEqual({ kind: 'other-user' });
    conversations.start('c2', 'u2', 0);
    expect(conversations.start('c3', 'u3', 50)).toEqual({ kind: 'full' });
  });

  it('when full, lets a new conversation push out the one idle the longest, never a watched or recent one', () => {
    const expired: string[] = [];
    const conversations = new DirectLineConversations((id) => expired.push(id), limits);
    conversations.start('watched', 'u1', 0);
    conversations.subscribe('watched', () => {});
    conversations.start('quiet', 'u2', 10);
    expect(conversations.start('new', 'u3', 200)).toEqual({ kind: 'created' });
    expect(expired).toEqual(['quiet']);
    expect(conversations.has('watched')).toBe(true);
    // "new" is recent and "watched" has a stream: nothing can give way.
    expect(conversations.start('newer', 'u4', 250)).toEqual({ kind: 'full' });
  });

  it('forgets idle conversations nobody watches and reports them', () => {
    const expired: string[] = [];
    const conversations = new DirectLineConversations((id) => expired.push(id), limits);
    conversations.start('idle', 'u1', 0);
    conversations.start('watched', 'u2', 0);
    conversations.subscribe('watched', () => {});
    expect(conversations.sweep(500)).toBe(0);
    expect(conversations.sweep(2_000)).toBe(1);
    expect(expired).toEqual(['idle']);
    expect(conversations.has('watched')).toBe(true);
    expect(() => conversations.append('idle', { type: 'message' })).toThrow(/append: unknown conversation/);
  });

  it('replaces an updated activity in place and pushes the new version', () => {
    const conversations = new DirectLineConversations(undefined, limits);
    conversations.start('c1', 'u1', 0);
    const stored = conversations.append('c1', { type: 'message', text: 'avant' }, 0);
    const pushed: ActivitySet[] = [];
    conversations.subscribe('c1', (set) => pushed.push(set));
    expect(conversations.replace('c1', { id: stored.id, text: 'après' })).toBe(true);
    expect(conversations.since('c1', 0, 0).activities[0]).toMatchObject({ id: stored.id, text: 'après', type: 'message' });
    expect(pushed[0].activities[0].text).toBe('après');
    expect(conversations.replace('c1', { id: 'missing', text: 'x' })).toBe(false);
  });
});
