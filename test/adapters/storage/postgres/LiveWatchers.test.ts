import { describe, expect, it } from 'vitest';
import type { ActivitySet } from '../../../../adapters/directline/index.js';
import { LiveWatchers, type StreamRead } from '../../../../adapters/storage/postgres/LiveWatchers.js';

/** A conversation log in memory behind the batch reader, counting the reads it was asked for. */
function fakeLog() {
  const logs = new Map<string, string[]>();
  const calls: StreamRead[][] = [];
  let failing = new Set<string>();
  const read = async (reads: readonly StreamRead[]): Promise<Array<ActivitySet | undefined>> => {
    calls.push([...reads]);
    // One snapshot, taken when the statement starts; the answer comes a little later.
    const sets = reads.map(({ conversationId, watermark }) => {
      const log = logs.get(conversationId);
      if (log === undefined || failing.has(conversationId)) return undefined;
      return { activities: log.slice(watermark).map((text, i) => ({ id: `${conversationId}|${watermark + i}`, text })), watermark: String(log.length) };
    });
    await new Promise((resolve) => setTimeout(resolve, 30));
    return sets;
  };
  return { logs, calls, read, fail: (ids: string[]) => (failing = new Set(ids)) };
}

const until = async (check: () => boolean): Promise<void> => {
  const deadline = Date.now() + 3_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('until: timed out');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
};

describe('LiveWatchers', () => {
  it('sends the reads asked for in one turn of the event loop together, and delivers each stream its activities once and in order', async () => {
    const log = fakeLog();
    const watchers = new LiveWatchers(log.read);
    const got = new Map<string, string[]>();
    for (const id of ['a', 'b', 'c']) {
      log.logs.set(id, [`${id}0`]);
      watchers.add(id, 0, (set) => got.set(id, [...(got.get(id) ?? []), ...set.activities.map((activity) => activity.text ?? '')]));
    }
    await until(() => got.size === 3);
    expect(log.calls).toHaveLength(1);
    expect(log.calls[0].map((read) => read.conversationId)).toEqual(['a', 'b', 'c']);
    for (const id of ['a', 'b', 'c']) log.logs.get(id)?.push(`${id}1`, `${id}2`);
    watchers.wake('a', 1);
    watchers.wake('b', 1);
    // Woken again while its read is under way (its snapshot taken, its answer not back): read once more after it, from the new watermark.
    await until(() => log.calls.length === 2);
    log.logs.get('a')?.push('a3');
    watchers.wake('a', 3);
    await until(() => got.get('a')?.length === 4 && got.get('b')?.length === 3);
    expect(got.get('a')).toEqual(['a0', 'a1', 'a2', 'a3']);
    expect(got.get('b')).toEqual(['b0', 'b1', 'b2']);
    expect(got.get('c')).toEqual(['c0']);
    expect(log.calls[1]).toEqual([{ conversationId: 'a', watermark: 1 }, { conversationId: 'b', watermark: 1 }]);
    expect(log.calls[2]).toEqual([{ conversationId: 'a', watermark: 3 }]);
    watchers.close();
  });

  it('retries only the streams whose read found nothing, and stops reading for a closed stream', async () => {
    const log = fakeLog();
    const watchers = new LiveWatchers(log.read);
    const got: string[] = [];
    log.logs.set('ok', ['x']);
    log.logs.set('later', ['y']);
    log.fail(['later']);
    watchers.add('ok', 0, (set) => got.push(...set.activities.map((activity) => activity.text ?? '')));
    watchers.add('later', 0, (set) => got.push(...set.activities.map((activity) => activity.text ?? '')));
    const stop = watchers.add('gone', 0, () => got.push('never'));
    stop();
    await until(() => got.includes('x'));
    log.fail([]);
    await until(() => got.includes('y'));
    expect(got).toEqual(['x', 'y']);
    expect(log.calls.flat().filter((read) => read.conversationId === 'later').length).toBeGreaterThanOrEqual(2);
    watchers.close();
  });
  it('hands an activity that is not stored to every stream of the conversation at once, each at its own watermark, which stays where it was', async () => {
    const log = fakeLog();
    log.logs.set('a', ['a0', 'a1']);
    const watchers = new LiveWatchers(log.read);
    const sets: ActivitySet[][] = [[], []];
    watchers.add('a', 0, (set) => sets[0].push(set));
    watchers.add('a', 2, (set) => sets[1].push(set));
    await until(() => sets[0].length === 1 && log.calls.length === 1);
    watchers.broadcast('a', { type: 'typing' });
    watchers.broadcast('b', { type: 'typing' });
    expect(sets[0].at(-1)).toEqual({ activities: [{ type: 'typing' }], watermark: '2' });
    expect(sets[1]).toEqual([{ activities: [{ type: 'typing' }], watermark: '2' }]);
    log.logs.set('a', ['a0', 'a1', 'a2']);
    watchers.offer('a', 2, { id: 'a|2', text: 'a2' });
    expect(sets.map((each) => each.at(-1))).toEqual([{ activities: [{ id: 'a|2', text: 'a2' }], watermark: '3' }, { activities: [{ id: 'a|2', text: 'a2' }], watermark: '3' }]);
  });
});
