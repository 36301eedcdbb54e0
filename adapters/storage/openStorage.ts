import { MemoryStorage, type Storage } from 'botbuilder';
import type { FeedbackStore, QuestionLogStore } from '../../bot/index.js';
import type { AppConfig } from '../config.js';
import type { CurationStore } from '../console/CurationStore.js';
import { DIRECT_LINE_CHANNEL_ID, MemoryDirectLineStore, type DirectLineStoreFactory } from '../directline/index.js';
import { InProcessTurnGate, type TurnGate } from '../TurnGate.js';
import { BOT_STATE_PRELOAD, PostgresBotStorage } from './postgres/PostgresBotStorage.js';
import { PostgresCurationStore } from './postgres/PostgresCurationStore.js';
import { PostgresDatabase, type DatabaseLog } from './postgres/PostgresDatabase.js';
import { PostgresDirectLineStore } from './postgres/PostgresDirectLineStore.js';
import { PostgresFeedbackStore } from './postgres/PostgresFeedbackStore.js';
import { PostgresQuestionLogStore } from './postgres/PostgresQuestionLogStore.js';
import { PostgresTurnGate } from './postgres/PostgresTurnGate.js';
import { CONVERSATION_PRELOAD } from './postgres/TurnAppends.js';
import type { TurnPreloads } from './postgres/TurnTransaction.js';
import { SqliteCurationStore } from './SqliteCurationStore.js';
import { SqliteFeedbackStore } from './SqliteFeedbackStore.js';
import { SqliteQuestionLogStore } from './SqliteQuestionLogStore.js';

/** How often each instance folds the question log's rollup deltas (migration 007) when nobody reads the counts. */
export const ROLLUP_COMPACT_INTERVAL_MS = 60_000;

/** Everything the server keeps beyond one request, from one engine: the embedded default or PostgreSQL. */
export interface StorageBackend {
  readonly kind: 'embedded' | 'postgres';
  readonly feedbackStore: FeedbackStore;
  /** The question log the console reads, and the console's decisions. */
  readonly questionLog: QuestionLogStore;
  readonly curation: CurationStore;
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

export type StorageConfig = Pick<AppConfig, 'feedbackDb' | 'questionLogDb'> & Partial<Pick<AppConfig, 'database'>>;

/**
 * The server's store factory. With `DATABASE_URL`: one PostgreSQL handle (migrations
 * applied) shared by the feedback store, the question log and the console's decisions,
 * the bot state with compare-and-set, the advisory-lock turn gate and the Direct Line
 * tables, so any instance can serve any request. Without: SQLite for feedback and the
 * question log, memory for bot state and Direct Line, an in-process turn queue (one instance).
 */
export async function openStorage(config: StorageConfig, log: DatabaseLog): Promise<StorageBackend> {
  if (config.database) {
    const db = await PostgresDatabase.create(config.database, log);
    const questionLog = new PostgresQuestionLogStore(db);
    // The gate's turns are Direct Line turns: their lock brings botbuilder's ConversationState document with it, and
    // holds their conversation for the activities they append.
    const preloads = (conversationId: string): TurnPreloads => ({
      [BOT_STATE_PRELOAD]: PostgresBotStorage.preload([`${DIRECT_LINE_CHANNEL_ID}/conversations/${conversationId}/`]),
      [CONVERSATION_PRELOAD]: PostgresDirectLineStore.preload(conversationId),
    });
    const stopCompacting = questionLog.compactEvery(ROLLUP_COMPACT_INTERVAL_MS, log);
    return {
      kind: 'postgres',
      feedbackStore: new PostgresFeedbackStore(db),
      questionLog,
      curation: new PostgresCurationStore(db),
      botStorage: new PostgresBotStorage(db),
      turnGate: new PostgresTurnGate(db, preloads),
      directLineStore: PostgresDirectLineStore.factory(db),
      database: db,
      close: () => {
        stopCompacting();
        return db.close();
      },
    };
  }
  const feedbackStore = await SqliteFeedbackStore.create(config.feedbackDb);
  const questionLog = await SqliteQuestionLogStore.create(config.questionLogDb);
  const curation = await SqliteCurationStore.create(config.questionLogDb);
  return {
    kind: 'embedded',
    feedbackStore,
    questionLog,
    curation,
    botStorage: new MemoryStorage(),
    turnGate: new InProcessTurnGate(),
    directLineStore: MemoryDirectLineStore.factory,
    close: async () => {
      await Promise.all([feedbackStore.close(), questionLog.close(), curation.close()]);
    },
  };
}
