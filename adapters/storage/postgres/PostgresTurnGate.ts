import { InProcessTurnGate, type TurnGate } from '../../TurnGate.js';
import type { PostgresDatabase } from './PostgresDatabase.js';
import type { TurnPreloads } from './TurnTransaction.js';

/**
 * One turn at a time per conversation across instances: each turn runs inside a
 * transaction holding `pg_advisory_xact_lock(schema, conversation)`, taken on the lock
 * pool so that the turn's other queries (feedback, activities) never wait for a connection
 * the locks hold; its bot state is read and written in that transaction
 * ({@link PostgresDatabase.turnScoped}), and commits as the lock goes. The lock goes with the transaction, so an instance killed
 * mid-turn releases it as soon as PostgreSQL sees its connection close. Turns of the same
 * conversation on this instance queue in memory first: they never hold several lock
 * connections waiting on each other.
 *
 * `preloads` gives, by name, the parameterless statements sent with the lock, in the same round
 * trip (PostgresBotStorage.preload: the conversation's bot state; PostgresDirectLineStore.preload:
 * its Direct Line conversation, locked for the turn's appends), so that the turn's first reads
 * cost no round trip of their own.
 */
export class PostgresTurnGate implements TurnGate {
  private readonly local = new InProcessTurnGate();

  constructor(
    private readonly db: PostgresDatabase,
    private readonly preloads?: (conversationId: string) => TurnPreloads,
  ) {}

  run<T>(conversationId: string, turn: () => Promise<T>): Promise<T> {
    // Two 32-bit keys: the schema (instances of another deployment on the same server do not collide) and the conversation.
    return this.local.run(conversationId, () => this.db.lockedTransaction('PostgresTurnGate.run', [this.db.schema, conversationId], turn, this.preloads?.(conversationId)));
  }
}
