import type { Clock } from '../../adapters/clock.js';

/** A {@link Clock} that only moves when the test says so; `advance` runs the periodic tasks that fall due, in order. */
export class ManualClock implements Clock {
  private current: number;
  private readonly tasks = new Set<{ readonly intervalMs: number; nextAt: number; readonly task: () => void }>();

  constructor(startMs: number = Date.now()) {
    this.current = startMs;
  }

  now(): number {
    return this.current;
  }

  every(intervalMs: number, task: () => void): () => void {
    const entry = { intervalMs, nextAt: this.current + intervalMs, task };
    this.tasks.add(entry);
    return () => this.tasks.delete(entry);
  }

  /** Moves time forward by `ms`, running each due task once per interval elapsed. */
  advance(ms: number): void {
    const target = this.current + ms;
    for (;;) {
      const due = [...this.tasks].filter((entry) => entry.nextAt <= target).sort((a, b) => a.nextAt - b.nextAt)[0];
      if (!due) break;
      this.current = due.nextAt;
      due.nextAt += due.intervalMs;
      due.task();
    }
    this.current = target;
  }

  /** Periodic tasks still registered. */
  get taskCount(): number {
    return this.tasks.size;
  }
}
