import { describe, expect, it } from 'vitest';
import { ManualClock } from './ManualClock.js';

describe('ManualClock', () => {
  it('moves only when advanced, running each periodic task once per elapsed interval at its due time', () => {
    const clock = new ManualClock(1_000);
    const runs: number[] = [];
    const stop = clock.every(100, () => runs.push(clock.now()));
    expect(clock.now()).toBe(1_000);
    clock.advance(99);
    expect(runs).toEqual([]);
    clock.advance(250);
    expect(runs).toEqual([1_100, 1_200, 1_300]);
    expect(clock.now()).toBe(1_349);
    stop();
    clock.advance(1_000);
    expect(runs).toHaveLength(3);
    expect(clock.taskCount).toBe(0);
  });

  it('interleaves tasks of different intervals in time order', () => {
    const clock = new ManualClock(0);
    const order: string[] = [];
    clock.every(30, () => order.push(`a${clock.now()}`));
    clock.every(20, () => order.push(`b${clock.now()}`));
    clock.advance(60);
    expect(order).toEqual(['b20', 'a30', 'b40', 'a60', 'b60']);
  });
});
