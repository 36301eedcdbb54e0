import { existsSync } from 'node:fs';
import type { FeedbackStore } from '../../bot/index.js';
import type { AppConfig } from '../config.js';
import { SqliteFeedbackStore } from './SqliteFeedbackStore.js';

/** The part of the configuration that says where feedback is kept (`FEEDBACK_DB`). */
export type FeedbackStoreConfig = Pick<AppConfig, 'feedbackDb'>;

/**
 * The one place that turns the configuration into a feedback store, for the
 * server and `npm run feedback` alike. Today `FEEDBACK_DB` is the file of the
 * embedded SQLite store; a store for several instances (PostgreSQL) is chosen
 * here from the same setting, and runs the same contract suite.
 */
export async function openFeedbackStore(config: FeedbackStoreConfig): Promise<FeedbackStore> {
  return SqliteFeedbackStore.create(config.feedbackDb);
}

/**
 * The configured store when it has been written to, otherwise undefined:
 * a reader (`npm run feedback`) must not create an empty store where the bot never wrote.
 */
export async function openExistingFeedbackStore(config: FeedbackStoreConfig): Promise<FeedbackStore | undefined> {
  return existsSync(config.feedbackDb) ? openFeedbackStore(config) : undefined;
}
