import { existsSync } from 'node:fs';
import type { FeedbackStore } from '../../bot/index.js';
import type { AppConfig } from '../config.js';
import { PostgresDatabase, type DatabaseLog } from './postgres/PostgresDatabase.js';
import { PostgresFeedbackStore } from './postgres/PostgresFeedbackStore.js';
import { SqliteFeedbackStore } from './SqliteFeedbackStore.js';

/** The part of the configuration that says where feedback is kept: PostgreSQL (`DATABASE_URL`) or the SQLite file (`FEEDBACK_DB`). */
export type FeedbackStoreConfig = Pick<AppConfig, 'feedbackDb'> & Partial<Pick<AppConfig, 'database'>>;

const silentLog: DatabaseLog = { info: () => undefined, warn: () => undefined };

/**
 * The one place that turns the configuration into a feedback store, for the server and
 * `npm run feedback` alike: the shared PostgreSQL database when `DATABASE_URL` is set
 * (migrations applied; closing the store closes its connections), otherwise the embedded
 * SQLite file. Both run the same contract suite. The server, which shares one database
 * handle among its stores, builds its stores with `openStorage` instead.
 */
export async function openFeedbackStore(config: FeedbackStoreConfig, log: DatabaseLog = silentLog): Promise<FeedbackStore> {
  if (config.database) {
    const db = await PostgresDatabase.create(config.database, log);
    return new PostgresFeedbackStore(db, () => db.close());
  }
  return SqliteFeedbackStore.create(config.feedbackDb);
}

/**
 * The configured store when it has been written to, otherwise undefined:
 * a reader (`npm run feedback`) must not create an empty SQLite file where the bot never wrote.
 * A configured PostgreSQL database always exists (it is opened, migrations included).
 */
export async function openExistingFeedbackStore(config: FeedbackStoreConfig, log: DatabaseLog = silentLog): Promise<FeedbackStore | undefined> {
  return config.database || existsSync(config.feedbackDb) ? openFeedbackStore(config, log) : undefined;
}
