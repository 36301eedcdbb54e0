/** Storage at the edge: implementations of bot/'s storage interfaces, chosen from the configuration. */
export { openExistingFeedbackStore, openFeedbackStore, type FeedbackStoreConfig } from './openFeedbackStore.js';
export { openCurationStore, openExistingQuestionLogStore, openQuestionLogStore, type QuestionLogStoreConfig } from './openQuestionLogStore.js';
export { parisDay } from './parisDay.js';
export { PostgresDatabase, type DatabaseLog, type SqlRunner } from './postgres/PostgresDatabase.js';
export { PostgresFeedbackStore } from './postgres/PostgresFeedbackStore.js';
export { DatabaseUnavailableError, isDatabaseUnavailable } from './postgres/databaseErrors.js';
