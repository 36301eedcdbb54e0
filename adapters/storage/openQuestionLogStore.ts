import { existsSync } from 'node:fs';
import type { QuestionLogStore } from '../../bot/index.js';
import type { AppConfig } from '../config.js';
import type { CurationStore } from '../console/CurationStore.js';
import { PostgresCurationStore } from './postgres/PostgresCurationStore.js';
import { PostgresDatabase, type DatabaseLog } from './postgres/PostgresDatabase.js';
import { PostgresQuestionLogStore } from './postgres/PostgresQuestionLogStore.js';
import { SqliteCurationStore } from './SqliteCurationStore.js';
import { SqliteQuestionLogStore } from './SqliteQuestionLogStore.js';

/** Where the question log is kept: PostgreSQL (`DATABASE_URL`) or the SQLite file (`QUESTION_LOG_DB`). */
export type QuestionLogStoreConfig = Pick<AppConfig, 'questionLogDb'> & Partial<Pick<AppConfig, 'database'>>;

const silentLog: DatabaseLog = { info: () => undefined, warn: () => undefined };

/**
 * The one place that turns the configuration into a question log, for the console's
 * readers and the seed script (like `openFeedbackStore`): the shared PostgreSQL database
 * when `DATABASE_URL` is set (migrations applied; closing the store closes its
 * connections), otherwise the embedded SQLite file. Both run the same contract suite.
 * The server shares one database handle among its stores through `openStorage`.
 */
export async function openQuestionLogStore(config: QuestionLogStoreConfig, log: DatabaseLog = silentLog): Promise<QuestionLogStore> {
  if (config.database) {
    const db = await PostgresDatabase.create(config.database, log);
    return new PostgresQuestionLogStore(db, () => db.close());
  }
  return SqliteQuestionLogStore.create(config.questionLogDb);
}

/** The console's decisions, kept beside the question log they are about (same database). */
export async function openCurationStore(config: QuestionLogStoreConfig, log: DatabaseLog = silentLog): Promise<CurationStore> {
  if (config.database) {
    const db = await PostgresDatabase.create(config.database, log);
    return new PostgresCurationStore(db, () => db.close());
  }
  return SqliteCurationStore.create(config.questionLogDb);
}

/**
 * The configured log when it has been written to, otherwise undefined (a reader must not create an empty SQLite file).
 * A configured PostgreSQL database always exists (it is opened, migrations included).
 */
export async function openExistingQuestionLogStore(config: QuestionLogStoreConfig, log: DatabaseLog = silentLog): Promise<QuestionLogStore | undefined> {
  return config.database || existsSync(config.questionLogDb) ? openQuestionLogStore(config, log) : undefined;
}
