import type { TurnContext } from 'botbuilder';
import { answerQuestion, type RankedEntry, type Retriever } from '../embeddings/index.js';
import type { FaqEntry, KnowledgeBase } from '../knowledge/index.js';
import { answerTrust, DEFAULT_ANSWER_MAX_AGE_MONTHS } from './answerTrust.js';
import type { Conversation, ShownAnswer, ShownCandidate, ShownOffer } from './ConversationMemory.js';
import type { BotLogger } from './dependencies.js';
import type { FeedbackRecorder } from './FeedbackRecorder.js';
import type { IdHasher } from './hashId.js';
import type { QuestionRecorder } from './QuestionRecorder.js';
import { messages } from './messages.js';
import {
  answerReply,
  emptyBranchReply,
  longMessageReply,
  noneChosenReply,
  notFoundReply,
  questionsReply,
  replyChannelOf,
  smallTalkReply,
  triageQuestionReply,
  triageResultsTexts,
} from './replies.js';
import { nextTriageStep, offerContacts, triagePath, type TriageStep } from './triage.js';
import { DEFAULT_TYPING_TIMING, withTyping, type TypingTiming } from './typing.js';
import { quoteUserText } from './userInput.js';

/** Triage results shown as buttons at most ("a handful"). */
export const MAX_RESULT_BUTTONS = 5;

/** What the presenter shows from and reports to. */
export interface FaqPresenterOptions {
  readonly knowledgeBase: KnowledgeBase;
  readonly retriever: Retriever;
  /** Questions nobody could answer are recorded as they are declined. */
  readonly feedback: FeedbackRecorder;
  /** Every question, typed or clicked, goes to the question log with its decision. */
  readonly questions: QuestionRecorder;
  readonly hashId: IdHasher;
  readonly logger: BotLogger;
  /** When the typing indicator starts while a search runs, and its period (default `DEFAULT_TYPING_TIMING`). */
  readonly typing?: TypingTiming;
  /** Months after an entry's `reviewed` date when its answer says it may be out of date (default 12; 0: never). */
  readonly answerMaxAgeMonths?: number;
  /** Today, for the age of answers; tests pin it. */
  readonly clock?: () => Date;
}

/** Where a shown answer came from and how it ranked, stored with the votes on it. */
type AnswerMeta = Pick<ShownAnswer, 'question' | 'score' | 'rank' | 'alternatives' | 'questionId'>;

/**
 * Shows what the conversation asks for (the next triage step, an answer, a
 * list of questions) and remembers it, so that later clicks and votes find it.
 * The dialogs decide when; the reply builders decide the wording and cards.
 */
export class FaqPresenter {
  constructor(private readonly options: FaqPresenterOptions) {}

  /** Asks the next clarifying question (`waiting`) or ends the triage with results or an honest dead end (`done`). */
  async triageStep(context: TurnContext, conversation: Conversation): Promise<'waiting' | 'done'> {
    const { triage } = conversation;
    const step = nextTriageStep(this.options.knowledgeBase, triage.facets);
    triage.endChoice();
    if (step.kind === 'ask') {
      await context.sendActivity(triageQuestionReply(step.question, step.choices, triage.awaitChoice(step.question.facet)));
      return 'waiting';
    }
    const path = triagePath(triage.facets);
    const entries = step.kind === 'empty' ? [] : step.entries;
    // Questions asked with buttons are logged too, dead ends included; written while the reply goes out.
    const logged = this.options.questions.question(context.activity, conversation, {
      source: 'triage', text: path, facets: triage.facets, decision: step.kind === 'empty' ? 'empty' : 'list', candidates: entries.map((entry) => ({ id: entry.id })),
    });
    try {
      return await this.triageResults(context, conversation, step, path, logged.id);
    } finally {
      await logged.written;
    }
  }

  private async triageResults(
    context: TurnContext, conversation: Conversation, step: Exclude<TriageStep, { kind: 'ask' }>, path: string, questionId: string,
  ): Promise<'done'> {
    const { triage } = conversation;
    if (step.kind === 'empty') {
      // A dead end reached by buttons is a question the FAQ lacks: the curators see its path, then what the user types.
      await this.options.feedback.recordUnanswered(context.activity, path);
      triage.reachDeadEnd(path);
      await context.sendActivity(emptyBranchReply(step.label, offerContacts(this.options.knowledgeBase, triage.facets)));
      return 'done';
    }
    if (step.entries.length === 1) {
      // A list of one question would only cost a click.
      await this.showAnswer(context, conversation, step.entries[0], { question: path, alternatives: [], questionId });
      return 'done';
    }
    const shown = step.entries.slice(0, MAX_RESULT_BUTTONS).map((entry) => ({ entry }));
    const texts = triageResultsTexts(shown.length, step.entries.length);
    await this.showQuestions(context, conversation, { source: 'triage', question: path, questionId }, shown, texts.before, false, texts.after);
    return 'done';
  }

  /** Free text: answer, ask « Vouliez-vous dire… », or say so and show the nearby questions. */
  async answerText(context: TurnContext, conversation: Conversation, text: string, truncated: boolean): Promise<void> {
    const { logger } = this.options;
    if (truncated) await context.sendActivity(longMessageReply());
    const facets = conversation.triage.facets;
    const answer = await withTyping(context, this.options.typing ?? DEFAULT_TYPING_TIMING, () => answerQuestion(this.options.retriever, text, facets), (error) =>
      logger.debug({ err: error }, 'typing indicator failed'),
    );
    if (answer.kind === 'smallTalk') {
      logger.info({ conversation: this.hashedConversation(context), outcome: answer.kind, talk: answer.talk }, 'free-text search');
      // Asked for a person (or unhappy) where the offer has no known contact: every known one, each named with its offer.
      const contacts = offerContacts(this.options.knowledgeBase, facets);
      await context.sendActivity(smallTalkReply(answer.talk, contacts.length > 0 ? contacts : offerContacts(this.options.knowledgeBase, {})));
      return;
    }
    // The first question typed after a dead end goes to the curators whatever the search finds elsewhere in the FAQ.
    const deadEnd = conversation.triage.takeDeadEnd();
    if (deadEnd !== undefined) await this.options.feedback.recordUnanswered(context.activity, text);
    if (answer.relaxed) await context.sendActivity(messages.relaxed);
    if (answer.retrieval.evidence?.english) await context.sendActivity(answer.kind === 'answer' ? messages.englishPreface : messages.englishNote);
    const best = answer.kind === 'answer' ? answer.best : undefined;
    logger.info(
      { conversation: this.hashedConversation(context), outcome: answer.kind, relaxed: answer.relaxed, answerId: best?.entry.id, score: best?.score },
      'free-text search',
    );
    const candidates = answer.kind === 'answer' ? [answer.best, ...answer.alternatives] : answer.kind === 'clarify' ? answer.candidates : answer.nearby;
    // Written while the reply goes out (one wait, not two in a row), and done before the turn ends.
    const logged = this.options.questions.question(context.activity, conversation, {
      source: 'typed', text, facets, decision: answer.kind, candidates: candidates.map(toCandidate),
    });
    const questionId = logged.id;
    try {
      if (answer.kind === 'answer') {
        const meta = { question: text, score: answer.best.score, rank: answer.rank, alternatives: answer.alternatives.map(toCandidate), questionId };
        await this.showAnswer(context, conversation, answer.best.entry, meta);
      } else if (answer.kind === 'clarify') {
        await this.showQuestions(context, conversation, { source: 'clarify', question: text, questionId }, answer.candidates, [messages.clarify], true);
      } else {
        if (deadEnd === undefined) await this.options.feedback.recordUnanswered(context.activity, text);
        const quoted = quoteUserText(text);
        // Too weak to answer with, but the vendor may recognise their question among the nearest ones.
        const nearby = answer.nearby.length > 0;
        const offer = { source: 'nearby', question: text, questionId } as const;
        if (nearby) await this.showQuestions(context, conversation, offer, answer.nearby, [messages.notFound(quoted), messages.nearby]);
        await context.sendActivity(notFoundReply(offerContacts(this.options.knowledgeBase, facets), nearby ? undefined : quoted));
      }
    } finally {
      await logged.written;
    }
  }

  /** A click on a question button (triage results, "Vouliez-vous dire…", next best); false when the entry is unknown. */
  async answerChosen(context: TurnContext, conversation: Conversation, id: string, turn: number): Promise<boolean> {
    const entry = this.entry(id);
    if (!entry) return false;
    const offer = conversation.shown.offer(turn);
    const index = offer ? offer.candidates.findIndex((candidate) => candidate.id === id) : -1;
    const meta: AnswerMeta =
      offer && index >= 0
        ? {
            question: offer.question, score: offer.candidates[index].score, rank: index + 1, alternatives: offer.candidates.filter((c) => c.id !== id),
            ...(offer.questionId !== undefined && { questionId: offer.questionId }),
          }
        : { question: entry.question, alternatives: [] };
    if (offer && index >= 0) await this.options.questions.clicked(conversation, offer.questionId, id);
    await this.showAnswer(context, conversation, entry, meta);
    return true;
  }

  /** After a 👎: the runner-ups of that answer, if it had any. */
  async offerNextBest(context: TurnContext, conversation: Conversation, answer: ShownAnswer): Promise<void> {
    const candidates = answer.alternatives.flatMap((c) => {
      const entry = this.entry(c.id);
      return entry ? [{ entry, score: c.score }] : [];
    });
    if (candidates.length === 0) return;
    const turn = conversation.shown.rememberNextBest(answer, candidates.map(toShown));
    await context.sendActivity(questionsReply([messages.nextBest], candidates.map((c) => c.entry), turn, true, []));
  }

  /** "Aucune de ces questions": recorded as unanswered under the question the list was for; false for an unknown list. */
  async noneOfThese(context: TurnContext, conversation: Conversation, turn: number): Promise<boolean> {
    const offer = conversation.shown.offer(turn);
    if (!offer) return false;
    await this.options.feedback.recordUnanswered(context.activity, offer.question);
    await this.options.questions.rejected(offer.questionId);
    await context.sendActivity(noneChosenReply(offerContacts(this.options.knowledgeBase, conversation.triage.facets)));
    return true;
  }

  private async showAnswer(context: TurnContext, conversation: Conversation, entry: FaqEntry, meta: AnswerMeta): Promise<void> {
    const turn = conversation.shown.newAnswerTurn();
    const trust = answerTrust(entry, { now: this.clock(), maxAgeMonths: this.options.answerMaxAgeMonths ?? DEFAULT_ANSWER_MAX_AGE_MONTHS });
    const response = await context.sendActivity(answerReply(entry, turn, replyChannelOf(context.activity.channelId), trust));
    // Only Teams' native feedback names an answer by its activity id (elsewhere votes carry the card's nonce).
    const activityId = replyChannelOf(context.activity.channelId) === 'teams' ? response?.id : undefined;
    conversation.shown.rememberAnswer({ turn, answerId: entry.id, ...(activityId !== undefined && { activityId }), ...meta });
    this.options.logger.info({ conversation: this.hashedConversation(context), answerId: entry.id, rank: meta.rank }, 'answer shown');
  }

  private async showQuestions(
    context: TurnContext,
    conversation: Conversation,
    offer: Pick<ShownOffer, 'source' | 'question' | 'questionId'>,
    candidates: readonly Pick<RankedEntry, 'entry'>[] | readonly RankedEntry[],
    texts: readonly string[],
    withNone = false,
    after: readonly string[] = [],
  ): Promise<void> {
    const { source, question, questionId } = offer;
    const turn = conversation.shown.rememberOffer({ source, question, candidates: candidates.map(toShown), ...(questionId !== undefined && { questionId }) });
    await context.sendActivity(questionsReply(texts, candidates.map((c) => c.entry), turn, withNone, after));
  }

  private clock(): Date {
    return this.options.clock?.() ?? new Date();
  }

  private entry(id: string): FaqEntry | undefined {
    return this.options.knowledgeBase.entries.find((entry) => entry.id === id);
  }

  private hashedConversation(context: TurnContext): string {
    return this.options.hashId(context.activity.conversation.id);
  }
}

/** A button shown for an entry, with its score when it came from a search. */
function toShown(candidate: Pick<RankedEntry, 'entry'> | RankedEntry): ShownCandidate {
  return { id: candidate.entry.id, ...('score' in candidate && candidate.score !== undefined && { score: candidate.score }) };
}

function toCandidate(ranked: RankedEntry): ShownCandidate {
  return { id: ranked.entry.id, score: ranked.score };
}
