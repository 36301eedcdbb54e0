/**
 * Time as the server sees it: the current time and periodic tasks. Implementation:
 * {@link systemClock}; tests drive time with a manual clock instead of waiting.
 */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Runs `task` every `intervalMs` until the returned function is called; never keeps the process alive. */
  every(intervalMs: number, task: () => void): () => void;
}

export const systemClock: Clock = Object.freeze({
  now: () => Date.now(),
  every: (intervalMs: number, task: () => void) => {
    const timer = setInterval(task, intervalMs);
    timer.unref();
    return () => clearInterval(timer);
  },
});
