/**
 * One turn at a time per conversation. In one process an in-memory queue is enough
 * ({@link InProcessTurnGate}); several instances share a PostgreSQL advisory lock
 * (`PostgresTurnGate` in adapters/storage/postgres/).
 */
export interface TurnGate {
  /** Runs `turn` once every earlier turn of `conversationId` (on any instance) has finished; resolves with its result. */
  run<T>(conversationId: string, turn: () => Promise<T>): Promise<T>;
}

/** Turns of one conversation one after the other, in arrival order, within this process. */
export class InProcessTurnGate implements TurnGate {
  private readonly queues = new Map<string, Promise<void>>();

  run<T>(conversationId: string, turn: () => Promise<T>): Promise<T> {
    const previous = this.queues.get(conversationId) ?? Promise.resolve();
    const result = previous.then(turn);
    // The queue only orders turns; this turn's failure reaches the caller through `result`.
    const settled = result.then(
      () => undefined,
      () => undefined,
    );
    this.queues.set(conversationId, settled);
    void settled.then(() => {
      if (this.queues.get(conversationId) === settled) this.queues.delete(conversationId);
    });
    return result;
  }

  /** Conversations with a turn running or queued. */
  get size(): number {
    return this.queues.size;
  }
}
