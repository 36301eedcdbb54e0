/** Public API of the bot: what adapters/ and tests import. */
export { createFaqBot } from './createFaqBot.js';
export { FaqBot, DIALOG_STATE_PROPERTY } from './FaqBot.js';
export { CONVERSATION_DATA_PROPERTY } from './ConversationMemory.js';
export { createOnTurnError } from './onTurnError.js';
export { MAIN_DIALOG } from './MainDialog.js';
export { TRIAGE_DIALOG } from './TriageDialog.js';
export { COMMENT_DIALOG } from './CommentDialog.js';
export type { BotLogger, FaqBotDependencies } from './dependencies.js';
export type { FeedbackRecord, FeedbackStore } from './FeedbackStore.js';
export type {
  DailyCounts, DecisionKind, EntryCounts, LoggedCandidate, LoggedQuestion, QuestionEvent, QuestionEventKind, QuestionFilter, QuestionLogStore, TextCount, PickCount,
  QuestionRecord, QuestionSource,
} from './QuestionLogStore.js';
export { createIdHasher, hashId, HASH_ID_LENGTH, type IdHasher } from './hashId.js';
export { messages, BOT_NAME, BOT_DISPLAY_NAME, BOT_FULL_NAME } from './messages.js';
export { PAYLOAD_VERSION, parsePayload, type FaqPayload } from './payload.js';
export { SUBMIT_ACTION_INVOKE, TEAMS_FEEDBACK_LOOP } from './teamsFeedback.js';
export { DEFAULT_TYPING_TIMING, TYPING_DELAY_MS, TYPING_INTERVAL_MS, type TypingTiming } from './typing.js';
export { DEFAULT_ANSWER_MAX_AGE_MONTHS } from './answerTrust.js';
export { MAX_MESSAGE_CHARS } from './userInput.js';
export {
  derivePhrasingProposals,
  MIN_PHRASING_WORDS,
  type ConversationEvents,
  type LoggedDecision,
  type PhrasingEvent,
  type PhrasingProposal,
  type PhrasingProposalOptions,
} from './curation/phrasingProposals.js';
export {
  conversationsFromLog,
  phrasingProposalsFromLog,
  unansweredClusters,
  unansweredSamples,
  type LoggedQuestionView,
} from './curation/fromQuestionLog.js';
