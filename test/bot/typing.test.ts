import { TestAdapter, TurnContext } from 'botbuilder';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_TYPING_TIMING, TYPING_DELAY_MS, TYPING_INTERVAL_MS, withTyping } from '../../bot/typing.js';

afterEach(() => {
  vi.useRealTimers();
});

function turnContext(adapter: TestAdapter): TurnContext {
  return new TurnContext(adapter, { type: 'message', text: 'x', conversation: { id: 'c', isGroup: false, conversationType: 'personal', name: 'c' }, channelId: 'test', serviceUrl: 'https://test' });
}

const typingOf = (adapter: TestAdapter) => adapter.activeQueue.filter((a) => a.type === 'typing');
const later = <T>(ms: number, value: T): Promise<T> => new Promise<T>((resolve) => setTimeout(() => resolve(value), ms));

describe('withTyping', () => {
  it('shows no typing for work done within the delay', async () => {
    vi.useFakeTimers();
    const adapter = new TestAdapter();
    const work = withTyping(turnContext(adapter), DEFAULT_TYPING_TIMING, () => later(TYPING_DELAY_MS - 1, 'done'), () => undefined);
    await vi.advanceTimersByTimeAsync(TYPING_DELAY_MS - 1);
    await expect(work).resolves.toBe('done');
    await vi.advanceTimersByTimeAsync(10_000);
    expect(typingOf(adapter)).toEqual([]);
  });

  it('shows typing once the delay is over, then at most once every 3 s while the work runs, and stops after', async () => {
    vi.useFakeTimers();
    const adapter = new TestAdapter();
    const work = withTyping(turnContext(adapter), DEFAULT_TYPING_TIMING, () => later(7_000, 'done'), () => undefined);
    await vi.advanceTimersByTimeAsync(TYPING_DELAY_MS - 1);
    expect(typingOf(adapter)).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(typingOf(adapter)).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(7_000 - TYPING_DELAY_MS);
    await expect(work).resolves.toBe('done');
    await vi.advanceTimersByTimeAsync(10_000);
    expect(typingOf(adapter)).toHaveLength(3); // t = 0.5 s, 3.5 s, 6.5 s; none after the work settled
    expect(TYPING_INTERVAL_MS).toBe(3_000);
  });

  it('stops the indicator when the work fails, and lets the failure through', async () => {
    vi.useFakeTimers();
    const adapter = new TestAdapter();
    const failing = withTyping(turnContext(adapter), DEFAULT_TYPING_TIMING, () => later(TYPING_DELAY_MS + 100, undefined).then(() => Promise.reject(new Error('boom'))), () => undefined);
    const settled = expect(failing).rejects.toThrow('boom');
    await vi.advanceTimersByTimeAsync(TYPING_DELAY_MS + 100);
    await settled;
    await vi.advanceTimersByTimeAsync(10_000);
    expect(typingOf(adapter)).toHaveLength(1);
  });

  it('returns only once the indicators sent are out, so they reach the channel before the reply', async () => {
    vi.useFakeTimers();
    const adapter = new TestAdapter();
    const context = turnContext(adapter);
    let sendTyping: () => void = () => undefined;
    const events: string[] = [];
    context.onSendActivities(async (_context, activities, next) => {
      if (activities.some((a) => a.type === 'typing')) await new Promise<void>((resolve) => (sendTyping = resolve));
      events.push('typing sent');
      return next();
    });
    const work = withTyping(context, { delayMs: 10, intervalMs: TYPING_INTERVAL_MS }, async () => {
      await later(20, undefined);
      events.push('work ran');
      return 'done';
    }, () => undefined);
    let returned = false;
    void work.then(() => (returned = true));
    await vi.advanceTimersByTimeAsync(20);
    expect(events).toEqual(['work ran']);
    expect(returned).toBe(false);
    sendTyping();
    await expect(work).resolves.toBe('done');
    expect(events).toEqual(['work ran', 'typing sent']);
  });

  it('reports a failed indicator and still returns the work’s result', async () => {
    vi.useFakeTimers();
    const adapter = new TestAdapter();
    const context = turnContext(adapter);
    context.onSendActivities(async () => {
      throw new Error('typing refused');
    });
    const errors: unknown[] = [];
    const work = withTyping(context, DEFAULT_TYPING_TIMING, () => later(TYPING_DELAY_MS + 1, 'done'), (error) => errors.push(error));
    await vi.advanceTimersByTimeAsync(TYPING_DELAY_MS + 1);
    await expect(work).resolves.toBe('done');
    expect(errors).toEqual([new Error('typing refused')]);
  });
});
