/** Storage at the edge: implementations of bot/'s storage interfaces, chosen from the configuration. */
export { openExistingFeedbackStore, openFeedbackStore, type FeedbackStoreConfig } from './openFeedbackStore.js';
export { openCurationStore, openExistingQuestionLogStore, openQuestionLogStore, type QuestionLogStoreConfig } from './openQuestionLogStore.js';
export { parisDay } from './parisDay.js';
export { PostgresDatabase, type DatabaseLog, type SqlRunner } from './postgres/PostgresDatabase.js';
export { PostgresFeedbackStore } from './postgres/PostgresFeedbackStore.js';
export { DatabaseUnavailableError, isDatabaseUnavailable } from '../databaseUnavailable.js';
export { openStorage, type StorageBackend, type StorageConfig } from './openStorage.js';
export { PostgresBotStorage, StaleWriteError } from './postgres/PostgresBotStorage.js';
export { PostgresTurnGate } from './postgres/PostgresTurnGate.js';
export { MAX_CARRYING_NOTIFICATION_BYTES, PostgresDirectLineStore } from './postgres/PostgresDirectLineStore.js';
