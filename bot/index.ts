/** Public API of the bot: what adapters/ and tests import. */
export { createFaqBot, FaqBot, CONVERSATION_DATA_PROPERTY, DIALOG_STATE_PROPERTY } from './FaqBot.js';
export { createOnTurnError } from './onTurnError.js';
export { MAIN_DIALOG, TRIAGE_DIALOG, COMMENT_DIALOG, MainDialog } from './MainDialog.js';
export type { BotLogger, FaqBotDependencies } from './dependencies.js';
export type { FeedbackRecord, FeedbackStore } from './FeedbackStore.js';
export { SqliteFeedbackStore } from './SqliteFeedbackStore.js';
export { createIdHasher, hashId, HASH_ID_LENGTH, type IdHasher } from './hashId.js';
export { messages, INNOVATION_CONTACT, BOT_NAME, BOT_DISPLAY_NAME, BOT_FULL_NAME } from './messages.js';
export { PAYLOAD_VERSION, parsePayload, type FaqPayload } from './payload.js';
export { SUBMIT_ACTION_INVOKE, TEAMS_FEEDBACK_LOOP } from './teamsFeedback.js';
export { TYPING_INTERVAL_MS } from './typing.js';
export { MAX_MESSAGE_CHARS } from './userInput.js';
