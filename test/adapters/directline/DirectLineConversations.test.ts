import type { Activity } from 'botbuilder';
import { describe, expect, it } from 'vitest';
import {
  CONVERSATION_OVERHEAD_BYTES, DEFAULT_CONVERSATION_LIMITS, DirectLineConversations, storedBytes, type ActivitySet, type AppendResult, type ConversationLimits,
} from '../../../adapters/directline/index.js';

const limits: ConversationLimits = { ...DEFAULT_CONVERSATION_LIMITS, maxActivities: 3, maxConversations: 2, idleMs: 1_000, evictableIdleMs: 100 };

/** The stored activity of a successful append. */
function stored(result: AppendResult): Partial<Activity> {
  if (result.kind !== 'stored') throw new Error(`append refused an activity of ${result.bytes} bytes`);
  return result.activity;
}

describe('DirectLineConversations', () => {
  it('numbers activities, serves them from a watermark and pushes them to subscribers', () => {
    const conversations = new DirectLineConversations(limits);
    expect(conversations.start('c1', 'u1', 0)).toEqual({ kind: 'created' });
    const pushed: ActivitySet[] = [];
    conversations.subscribe('c1', (set) => pushed.push(set));
    const first = stored(conversations.append('c1', { type: 'message', text: 'un' }, 0));
    conversations.append('c1', { type: 'message', text: 'deux' }, 0);
    expect(first.id).toBe('c1|0000000');
    expect(conversations.since('c1', 1, 0)).toEqual({ activities: [expect.objectContaining({ text: 'deux' })], watermark: '2' });
    expect(pushed.map((set) => [set.activities[0].text, set.watermark])).toEqual([['un', '1'], ['deux', '2']]);
  });

  it('keeps a bounded log; a client behind resumes at the oldest kept activity', () => {
    const conversations = new DirectLineConversations(limits);
    conversations.start('c1', 'u1', 0);
    for (const text of ['a', 'b', 'c', 'd', 'e']) conversations.append('c1', { type: 'message', text }, 0);
    const all = conversations.since('c1', 0, 0);
    expect(all.activities.map((activity) => activity.text)).toEqual(['c', 'd', 'e']);
    expect(all.watermark).toBe('5');
    expect(conversations.since('c1', 4, 0).activities.map((activity) => activity.text)).toEqual(['e']);
    expect(conversations.since('c1', 5, 0).activities).toEqual([]);
  });

  it('numbers a recreated conversation from the given sequence number, so ids and watermarks never repeat', () => {
    const conversations = new DirectLineConversations(limits);
    conversations.start('c1', 'u1', 0, 1_700_000_000_000);
    const first = stored(conversations.append('c1', { type: 'message', text: 'reprise' }, 0));
    expect(first.id).toBe('c1|1700000000000');
    expect(conversations.since('c1', 12, 0)).toEqual({ activities: [first], watermark: '1700000000001' });
  });

  it('refuses a new conversation when full, and a second user on an existing one', () => {
    const conversations = new DirectLineConversations(limits);
    conversations.start('c1', 'u1', 0);
    expect(conversations.start('c1', 'u1', 0)).toEqual({ kind: 'existing' });
    expect(conversations.start('c1', 'intruder', 0)).toEqual({ kind: 'other-user' });
    conversations.start('c2', 'u2', 0);
    expect(conversations.start('c3', 'u3', 50)).toEqual({ kind: 'full' });
  });

  it('when full, lets a new conversation push out the one idle the longest, never a watched or recent one', () => {
    const expired: string[] = [];
    const conversations = new DirectLineConversations(limits, (id) => expired.push(id));
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
    const conversations = new DirectLineConversations(limits, (id) => expired.push(id));
    conversations.start('idle', 'u1', 0);
    conversations.start('watched', 'u2', 0);
    conversations.subscribe('watched', () => {});
    expect(conversations.sweep(500)).toBe(0);
    expect(conversations.sweep(2_000)).toBe(1);
    expect(expired).toEqual(['idle']);
    expect(conversations.has('watched')).toBe(true);
    expect(() => conversations.append('idle', { type: 'message' }, 2_000)).toThrow(/append: unknown conversation/);
  });

  it('replaces an updated activity in place and pushes the new version', () => {
    const conversations = new DirectLineConversations(limits);
    conversations.start('c1', 'u1', 0);
    const kept = stored(conversations.append('c1', { type: 'message', text: 'avant' }, 0));
    const pushed: ActivitySet[] = [];
    conversations.subscribe('c1', (set) => pushed.push(set));
    expect(conversations.replace('c1', { id: kept.id, text: 'après' })).toBe(true);
    expect(conversations.since('c1', 0, 0).activities[0]).toMatchObject({ id: kept.id, text: 'après', type: 'message' });
    expect(pushed[0].activities[0].text).toBe('après');
    expect(conversations.replace('c1', { id: 'missing', text: 'x' })).toBe(false);
  });
});

describe('DirectLineConversations: bytes held', () => {
  const text = (bytes: number): Partial<Activity> => ({ type: 'message', text: 'x'.repeat(bytes) });
  const sized = { ...DEFAULT_CONVERSATION_LIMITS, maxActivities: 100, maxConversations: 100, evictableIdleMs: 1_000 };

  it('refuses an activity over the per-activity limit without storing it', () => {
    const conversations = new DirectLineConversations({ ...sized, maxActivityBytes: 500 });
    conversations.start('c1', 'u1', 0);
    const refused = conversations.append('c1', text(600), 0);
    expect(refused).toEqual({ kind: 'too-large', bytes: expect.any(Number) });
    expect(conversations.since('c1', 0, 0)).toEqual({ activities: [], watermark: '0' });
    expect(conversations.totalBytes).toBe(CONVERSATION_OVERHEAD_BYTES);
  });

  it('keeps each conversation under its byte budget by dropping its oldest activities', () => {
    const conversations = new DirectLineConversations({ ...sized, maxActivityBytes: 1_000, maxConversationBytes: 2_500 });
    conversations.start('c1', 'u1', 0);
    for (let i = 0; i < 6; i += 1) conversations.append('c1', text(900), 0);
    const kept = conversations.since('c1', 0, 0);
    expect(kept.activities).toHaveLength(2);
    expect(kept.watermark).toBe('6');
    expect(kept.activities[0].id).toBe('c1|0000004');
    expect(conversations.totalBytes).toBe(CONVERSATION_OVERHEAD_BYTES + kept.activities.reduce((sum, activity) => sum + storedBytes(activity), 0));
  });

  it('keeps all conversations under the total: idle unwatched ones go first, then the oldest activities of the least recent', () => {
    const expired: string[] = [];
    const maxTotalBytes = 4 * CONVERSATION_OVERHEAD_BYTES + 6_000;
    const conversations = new DirectLineConversations({ ...sized, maxActivityBytes: 1_500, maxConversationBytes: 5_000, maxTotalBytes }, (id) => expired.push(id));
    conversations.start('old', 'u0', 0);
    conversations.append('old', text(1_000), 0);
    conversations.start('watched', 'u1', 0);
    conversations.subscribe('watched', () => {});
    conversations.append('watched', text(1_000), 0);
    conversations.start('a', 'u2', 5_000);
    conversations.start('b', 'u3', 5_000);
    for (let i = 0; i < 3; i += 1) conversations.append('a', text(1_000), 5_000);
    expect(expired).toEqual([]);
    // "old" is idle and unwatched: it goes first.
    for (let i = 0; i < 2; i += 1) conversations.append('b', text(1_000), 5_000);
    expect(expired).toEqual(['old']);
    // Then the least recently active conversations lose their oldest activities, the watched one included.
    for (let i = 0; i < 3; i += 1) conversations.append('b', text(1_000), 5_100);
    expect(conversations.totalBytes).toBeLessThanOrEqual(maxTotalBytes);
    expect(conversations.since('watched', 0, 5_200).activities).toEqual([]);
    expect(conversations.since('watched', 0, 5_200).watermark).toBe('1');
    expect(conversations.since('a', 0, 5_200).activities).toHaveLength(2);
    // "b" keeps what its own budget allows (four activities of about 1,040 bytes under 5,000).
    expect(conversations.since('b', 0, 5_200).activities).toHaveLength(4);
  });

  it('stays within the total budget whatever the sequence of appends (1,000 conversations filled to their maximum)', () => {
    const maxTotalBytes = 2_000_000;
    const conversations = new DirectLineConversations({
      ...DEFAULT_CONVERSATION_LIMITS, maxActivityBytes: 20_000, maxConversationBytes: 60_000, maxTotalBytes,
    });
    let peak = 0;
    for (let round = 0; round < 4; round += 1) {
      for (let c = 0; c < 1_000; c += 1) {
        const id = `c${c}`;
        if (round === 0) conversations.start(id, `u${c}`, round);
        expect(conversations.append(id, text(19_000), round).kind).toBe('stored');
        peak = Math.max(peak, conversations.totalBytes);
      }
    }
    expect(peak).toBeLessThanOrEqual(maxTotalBytes);
    expect(conversations.size).toBe(1_000);
  });
});
