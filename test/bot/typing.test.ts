import { TestAdapter, TurnContext } from 'botbuilder';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { TYPING_INTERVAL_MS, withTyping } from '../../bot/typing.js';

afterEach(() => {
  vi.useRealTimers();
});

describe('withTyping', () => {
  it('shows typing at once, then at most once every 3 s while the work runs, and stops after', async () => {
    vi.useFakeTimers();
    const adapter = new TestAdapter();
    const context = new TurnContext(adapter, { type: 'message', text: 'x', conversation: { id: 'c', isGroup: false, conversationType: 'personal', name: 'c' }, channelId: 'test', serviceUrl: 'https://test' });
    const work = withTyping(context, TYPING_INTERVAL_MS, () => new Promise<string>((resolve) => setTimeout(() => resolve('done'), 7_000)), () => undefined);
    await vi.advanceTimersByTimeAsync(7_000);
    await expect(work).resolves.toBe('done');
    await vi.advanceTimersByTimeAsync(10_000);
    const typing = adapter.activeQueue.filter((a) => a.type === 'typing');
    expect(typing).toHaveLength(3); // t=0, 3 s, 6 s; none after the work settled
  });

  it('stops the indicator when the work fails, and lets the failure through', async () => {
    vi.useFakeTimers();
    const adapter = new TestAdapter();
    const context = new TurnContext(adapter, { type: 'message', text: 'x', conversation: { id: 'c', isGroup: false, conversationType: 'personal', name: 'c' }, channelId: 'test', serviceUrl: 'https://test' });
    await expect(withTyping(context, TYPING_INTERVAL_MS, () => Promise.reject(new Error('boom')), () => undefined)).rejects.toThrow('boom');
    await vi.advanceTimersByTimeAsync(10_000);
    expect(adapter.activeQueue.filter((a) => a.type === 'typing')).toHaveLength(1);
  });

  it('runs the work while the first indicator is sent, and returns only once that indicator is out', async () => {
    const adapter = new TestAdapter();
    const context = new TurnContext(adapter, { type: 'message', text: 'x', conversation: { id: 'c', isGroup: false, conversationType: 'personal', name: 'c' }, channelId: 'test', serviceUrl: 'https://test' });
    let sendTyping: () => void = () => undefined;
    const events: string[] = [];
    context.onSendActivities(async (_context, activities, next) => {
      if (activities.some((a) => a.type === 'typing')) await new Promise<void>((resolve) => (sendTyping = resolve));
      events.push('typing sent');
      return next();
    });
    const work = withTyping(context, TYPING_INTERVAL_MS, async () => {
      events.push('work ran');
      return 'done';
    }, () => undefined);
    let returned = false;
    void work.then(() => (returned = true));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(events).toEqual(['work ran']);
    expect(returned).toBe(false);
    sendTyping();
    await expect(work).resolves.toBe('done');
    expect(events).toEqual(['work ran', 'typing sent']);
  });

  it('reports a failed first indicator and still runs the work', async () => {
    const adapter = new TestAdapter();
    const context = new TurnContext(adapter, { type: 'message', text: 'x', conversation: { id: 'c', isGroup: false, conversationType: 'personal', name: 'c' }, channelId: 'test', serviceUrl: 'https://test' });
    context.onSendActivities(async () => {
      throw new Error('typing refused');
    });
    const errors: unknown[] = [];
    await expect(withTyping(context, TYPING_INTERVAL_MS, () => Promise.resolve('done'), (error) => errors.push(error))).resolves.toBe('done');
    expect(errors).toEqual([new Error('typing refused')]);
  });
});
