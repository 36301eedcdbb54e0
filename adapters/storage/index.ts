/** Storage at the edge: implementations of bot/'s storage interfaces, chosen from the configuration. */
export { openExistingFeedbackStore, openFeedbackStore, type FeedbackStoreConfig } from './openFeedbackStore.js';
export { openCurationStore, openExistingQuestionLogStore, openQuestionLogStore, type QuestionLogStoreConfig } from './openQuestionLogStore.js';
export { parisDay } from './parisDay.js';
export { PostgresDatabase, type DatabaseLog, type SqlRunner } from './postgres/PostgresDatabase.js';
export { PostgresFeedbackStore } from './postgres/PostgresFeedbackStore.js';
export { DatabaseUnavailableError, isDatabaseUnavailable } from '../databaseUnavailable.js';
export { openStorage, type StorageBackend, type StorageConfig } from './openStorage.js';
export { BOT_STATE_PRELOAD, PostgresBotStorage, StaleWriteError } from './postgres/PostgresBotStorage.js';
export { PostgresTurnGate } from './postgres/PostgresTurnGate.js';
export { PostgresDirectLineStore } from './postgres/PostgresDirectLineStore.js';
export { MAX_CARRYING_NOTIFICATION_BYTES } from './postgres/directLineNotifications.js';
export { CONVERSATION_PRELOAD } from './postgres/TurnAppends.js';
