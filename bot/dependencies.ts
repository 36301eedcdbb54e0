import type { ConversationState, UserState } from 'botbuilder';
import type { Retriever } from '../embeddings/index.js';
import type { KnowledgeBase } from '../knowledge/index.js';
import type { FeedbackStore } from './FeedbackStore.js';
import type { IdHasher } from './hashId.js';
import type { QuestionLogStore } from './QuestionLogStore.js';
import type { TypingTiming } from './typing.js';

/**
 * The logging the bot needs; pino's logger satisfies it. Callers never put
 * message text or raw user ids in `obj` at info level.
 */
export interface BotLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
  debug(obj: object, msg?: string): void;
}

/** Everything the bot is built from; the composition root (adapters/createApp.ts) or a test provides it, and `createFaqBot` hands each part only what it uses. */
export interface FaqBotDependencies {
  readonly knowledgeBase: KnowledgeBase;
  readonly retriever: Retriever;
  readonly feedbackStore: FeedbackStore;
  /** Where every question and its follow-ups are logged for the console. */
  readonly questionLog: QuestionLogStore;
  /** Salted id hasher (see `createIdHasher`). */
  readonly hashId: IdHasher;
  readonly logger: BotLogger;
  readonly conversationState: ConversationState;
  /** Saved at the end of each turn with the conversation state, for hosts that keep per-user data. */
  readonly userState?: UserState;
  /** Clock for record times and the age of answers; tests pin it. */
  readonly clock?: () => Date;
  /** Months after an entry's `reviewed` date when its answer says it may be out of date (default 12; 0: never). */
  readonly answerMaxAgeMonths?: number;
  /** When the typing indicator starts while a search runs, and its period (default `DEFAULT_TYPING_TIMING`). */
  readonly typing?: TypingTiming;
}
