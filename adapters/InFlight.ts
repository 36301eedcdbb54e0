/**
 * Counts the work in progress (bot turns, HTTP requests) so that a graceful shutdown
 * can wait for it after the server stopped accepting new work.
 */
export class InFlight {
  private readonly pending = new Set<Promise<unknown>>();

  /** Tracks `work` until it settles; returns it unchanged. */
  track<T>(work: Promise<T>): Promise<T> {
    this.pending.add(work);
    const forget = (): void => {
      this.pending.delete(work);
    };
    work.then(forget, forget);
    return work;
  }

  get size(): number {
    return this.pending.size;
  }

  /** Resolves when everything tracked so far (and started meanwhile) has settled, or after `timeoutMs`. */
  async drain(timeoutMs: number): Promise<'drained' | 'timeout'> {
    const deadline = Date.now() + timeoutMs;
    while (this.pending.size > 0) {
      const left = deadline - Date.now();
      if (left <= 0) return 'timeout';
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, left);
      });
      // Failures were reported by whoever awaited the work; here only completion matters.
      await Promise.race([Promise.allSettled([...this.pending]), timeout]);
      clearTimeout(timer);
    }
    return 'drained';
  }
}
