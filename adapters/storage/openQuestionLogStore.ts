import { existsSync } from 'node:fs';
import type { QuestionLogStore } from '../../bot/index.js';
import type { AppConfig } from '../config.js';
import type { CurationStore } from '../console/CurationStore.js';
import { SqliteCurationStore } from './SqliteCurationStore.js';
import { SqliteQuestionLogStore } from './SqliteQuestionLogStore.js';

/** The part of the configuration that says where the question log is kept (`QUESTION_LOG_DB`). */
export type QuestionLogStoreConfig = Pick<AppConfig, 'questionLogDb'>;

/**
 * The one place that turns the configuration into a question log, for the
 * server, the console and the seed script alike (like `openFeedbackStore`):
 * the embedded SQLite file today; another engine is chosen here from the
 * configuration and runs the same contract suite.
 */
export async function openQuestionLogStore(config: QuestionLogStoreConfig): Promise<QuestionLogStore> {
  return SqliteQuestionLogStore.create(config.questionLogDb);
}

/** The console's decisions, kept beside the question log they are about. */
export async function openCurationStore(config: QuestionLogStoreConfig): Promise<CurationStore> {
  return SqliteCurationStore.create(config.questionLogDb);
}

/** The configured log when it has been written to, otherwise undefined (a reader must not create an empty one). */
export async function openExistingQuestionLogStore(config: QuestionLogStoreConfig): Promise<QuestionLogStore | undefined> {
  return existsSync(config.questionLogDb) ? openQuestionLogStore(config) : undefined;
}
