import { ConversationMemory } from './ConversationMemory.js';
import type { FaqBotDependencies } from './dependencies.js';
import { FaqBot } from './FaqBot.js';
import { FaqPresenter } from './FaqPresenter.js';
import { FeedbackRecorder } from './FeedbackRecorder.js';
import { MainDialog } from './MainDialog.js';
import { QuestionRecorder } from './QuestionRecorder.js';

/**
 * Builds the bot from its dependencies (the composition root's single entry
 * point into bot/). Each part gets only what it uses: the conversation memory
 * owns the state, the recorders the feedback store and the question log, the presenter the
 * retrieval, the dialogs the routing.
 */
export function createFaqBot(deps: FaqBotDependencies): FaqBot {
  const { knowledgeBase, hashId, logger } = deps;
  const memory = new ConversationMemory(deps.conversationState);
  const kbVersion = knowledgeBase.version;
  const questions = new QuestionRecorder({ store: deps.questionLog, hashId, kbVersion, logger, clock: deps.clock });
  const feedback = new FeedbackRecorder({ store: deps.feedbackStore, hashId, kbVersion, logger, questions, clock: deps.clock });
  const presenter = new FaqPresenter({
    knowledgeBase,
    retriever: deps.retriever,
    feedback,
    questions,
    hashId,
    logger,
    typing: deps.typing,
    answerMaxAgeMonths: deps.answerMaxAgeMonths,
    clock: deps.clock,
  });
  const dialog = new MainDialog({ knowledgeBase, memory, presenter, feedback, logger });
  return new FaqBot({ conversationState: deps.conversationState, userState: deps.userState, memory, presenter, feedback, dialog, hashId, logger });
}
