import { MemoryStorage, type Storage } from 'botbuilder';
import type { FeedbackStore } from '../../bot/index.js';
import type { AppConfig } from '../config.js';
import { MemoryDirectLineStore, type DirectLineStoreFactory } from '../directline/index.js';
import { InProcessTurnGate, type TurnGate } from '../TurnGate.js';
import { PostgresBotStorage } from './postgres/PostgresBotStorage.js';
import { PostgresDatabase, type DatabaseLog } from './postgres/PostgresDatabase.js';
import { PostgresDirectLineStore } from './postgres/PostgresDirectLineStore.js';
import { PostgresFeedbackStore } from './postgres/PostgresFeedbackStore.js';
import { PostgresTurnGate } from './postgres/PostgresTurnGate.js';
import { SqliteFeedbackStore } from './SqliteFeedbackStore.js';

/** Everything the server keeps beyond one request, from one engine: the embedded default or PostgreSQL. */
export interface StorageBackend {
  readonly kind: 'embedded' | 'postgres';
  readonly feedbackStore: FeedbackStore;
  /** botbuilder state (conversation and user). */
  readonly botStorage: Storage;
  readonly turnGate: TurnGate;
  /** Where the built-in Direct Line endpoint keeps conversations and activities. */
  readonly directLineStore: DirectLineStoreFactory;
  /** The shared database, for /healthz; absent for the embedded default. */
  readonly database?: { readonly isUp: boolean };
  /** Closes the stores and the database connections. */
  close(): Promise<void>;
}

export type StorageConfig = Pick<AppConfig, 'feedbackDb'> & Partial<Pick<AppConfig, 'database'>>;

/**
 * The server's store factory. With `DATABASE_URL`: one PostgreSQL handle (migrations
 * applied) shared by the feedback store, the bot state with compare-and-set, the
 * advisory-lock turn gate and the Direct Line tables, so any instance can serve any
 * request. Without: SQLite for feedback, memory for bot state and Direct Line, an
 * in-process turn queue (one instance).
 */
export async function openStorage(config: StorageConfig, log: DatabaseLog): Promise<StorageBackend> {
  if (config.database) {
    const db = await PostgresDatabase.create(config.database, log);
    return {
      kind: 'postgres',
      feedbackStore: new PostgresFeedbackStore(db),
      botStorage: new PostgresBotStorage(db),
      turnGate: new PostgresTurnGate(db),
      directLineStore: PostgresDirectLineStore.factory(db),
      database: db,
      close: () => db.close(),
    };
  }
  const feedbackStore = await SqliteFeedbackStore.create(config.feedbackDb);
  return {
    kind: 'embedded',
    feedbackStore,
    botStorage: new MemoryStorage(),
    turnGate: new InProcessTurnGate(),
    directLineStore: MemoryDirectLineStore.factory,
    close: () => feedbackStore.close(),
  };
}
