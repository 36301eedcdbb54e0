import { Channels, MessageFactory, type Attachment, type StatePropertyAccessor, type TurnContext } from 'botbuilder';
import { answerQuestion, type RankedEntry } from '../embeddings/index.js';
import type { FaqEntry } from '../knowledge/index.js';
import { answerCard, buttonsCard, type Button } from './cards.js';
import {
  emptyConversationData,
  findAnswerByTurn,
  findOffer,
  nextTurn,
  remember,
  type FaqConversationData,
  type ShownAnswer,
  type ShownCandidate,
  type ShownOffer,
} from './conversationData.js';
import type { FaqBotDependencies } from './dependencies.js';
import { recordBase, voteKeyFor } from './feedbackRecords.js';
import { messages } from './messages.js';
import { TEAMS_FEEDBACK_LOOP } from './teamsFeedback.js';
import { nextTriageStep, triagePath } from './triage.js';
import { TYPING_INTERVAL_MS, withTyping } from './typing.js';
import { boundComment, MAX_MESSAGE_CHARS, quoteUserText } from './userInput.js';

/** Triage results shown as buttons at most ("a handful"). */
export const MAX_RESULT_BUTTONS = 5;

/** Where an answer came from and how it ranked, stored with the votes on it. */
interface AnswerMeta {
  readonly question: string;
  readonly score?: number;
  readonly rank?: number;
  readonly alternatives: readonly ShownCandidate[];
}

/** What a card vote led to: thanks, a 👎 that invites a comment (on `voteKey`), or a click on an answer no longer remembered. */
export type VoteOutcome =
  | { readonly kind: 'thanked' }
  | { readonly kind: 'askComment'; readonly voteKey: string }
  | { readonly kind: 'stale' };

/**
 * The bot's replies and the records they imply. The dialogs decide *when*;
 * this class decides *what* is sent and stored. Turn-scoped state lives in
 * ConversationState through the `data` accessor.
 */
export class FaqResponder {
  private readonly clock: () => Date;

  constructor(
    private readonly deps: FaqBotDependencies,
    private readonly data: StatePropertyAccessor<FaqConversationData>,
  ) {
    this.clock = deps.clock ?? (() => new Date());
  }

  state(context: TurnContext): Promise<FaqConversationData> {
    return this.data.get(context, emptyConversationData());
  }

  async welcome(context: TurnContext): Promise<void> {
    await context.sendActivity(messages.welcome);
  }

  async help(context: TurnContext): Promise<void> {
    await context.sendActivity(messages.help);
  }

  async say(context: TurnContext, text: string): Promise<void> {
    await context.sendActivity(text);
  }

  /** Asks the next clarifying question (`waiting`) or ends the triage with results or an honest dead end (`done`). */
  async triageStep(context: TurnContext): Promise<'waiting' | 'done'> {
    const data = await this.state(context);
    const step = nextTriageStep(this.deps.knowledgeBase, data.facets);
    data.pendingChoice = undefined;
    if (step.kind === 'ask') {
      const turn = nextTurn(data);
      const facet = step.question.facet;
      data.pendingChoice = { facet, turn };
      const buttons = step.choices.map((choice) => ({ title: choice.label, payload: { action: 'choose', facet, value: choice.value, turn } }) as const);
      await this.sendCard(context, buttonsCard([step.question.prompt], buttons));
      return 'waiting';
    }
    if (step.kind === 'empty') {
      await this.sendCard(context, buttonsCard([messages.emptyBranch(step.label)], this.deadEndButtons()));
      return 'done';
    }
    const shown = step.entries.slice(0, MAX_RESULT_BUTTONS);
    const intro = shown.length < step.entries.length ? messages.triageResultsMore(shown.length, step.entries.length) : messages.triageResults;
    await this.sendOffer(context, data, 'triage', triagePath(data.facets), shown.map((entry) => ({ entry })), [intro, messages.triageInviteTyping]);
    return 'done';
  }

  /** Free text: search within the chosen facets (relaxed when empty), then answer, clarify or fall back. */
  async answerText(context: TurnContext, text: string, truncated: boolean): Promise<void> {
    const data = await this.state(context);
    if (truncated) await context.sendActivity(messages.longMessage(MAX_MESSAGE_CHARS));
    const interval = this.deps.typingIntervalMs ?? TYPING_INTERVAL_MS;
    const decision = await withTyping(context, interval, () => answerQuestion(this.deps.retriever, text, data.facets), (error) =>
      this.deps.logger.debug({ err: error }, 'typing indicator failed'),
    );
    const { relaxed } = decision;
    if (relaxed) await context.sendActivity(messages.relaxed);
    const best = decision.kind === 'answer' ? decision.best : undefined;
    this.deps.logger.info(
      { conversation: this.hash(context.activity.conversation.id), outcome: decision.kind, relaxed, answerId: best?.entry.id, score: best?.score },
      'free-text search',
    );
    if (decision.kind === 'answer') {
      const alternatives = decision.alternatives.map(toCandidate);
      await this.sendAnswer(context, decision.best.entry, { question: text, score: decision.best.score, rank: decision.rank, alternatives });
    } else if (decision.kind === 'clarify') {
      await this.sendOffer(context, data, 'clarify', text, decision.candidates, [messages.clarify], true);
    } else {
      await this.recordUnanswered(context, text);
      const notFound = messages.notFound(quoteUserText(text));
      // Too weak to answer with, but the vendor may recognise their question among the nearest ones.
      if (decision.nearby.length > 0) await this.sendOffer(context, data, 'nearby', text, decision.nearby, [notFound, messages.nearby]);
      const texts = decision.nearby.length > 0 ? [messages.notFoundNoted] : [notFound, messages.notFoundNoted];
      await this.sendCard(context, buttonsCard([...texts, ...this.contactLines(data), messages.rephrase], [this.restartButton()]));
    }
  }

  /** A click on a question button (triage results, "Vouliez-vous dire…", next best). */
  async answerChosen(context: TurnContext, id: string, turn: number): Promise<boolean> {
    const entry = this.entry(id);
    if (!entry) return false;
    const offer = findOffer(await this.state(context), turn);
    const index = offer ? offer.candidates.findIndex((candidate) => candidate.id === id) : -1;
    const meta: AnswerMeta =
      offer && index >= 0
        ? { question: offer.question, score: offer.candidates[index].score, rank: index + 1, alternatives: offer.candidates.filter((c) => c.id !== id) }
        : { question: entry.question, alternatives: [] };
    await this.sendAnswer(context, entry, meta);
    return true;
  }

  /** 👍 / 👎 from the card. A 👎 offers the next best answers; the caller then asks for a comment. */
  async vote(context: TurnContext, helpful: boolean, turn: number): Promise<VoteOutcome> {
    const data = await this.state(context);
    const answer = findAnswerByTurn(data, turn);
    if (!answer) {
      await context.sendActivity(messages.staleButton);
      return { kind: 'stale' };
    }
    const voteKey = await this.storeVote(context, answer, helpful);
    if (helpful) {
      await context.sendActivity(messages.thanksHelpful);
      return { kind: 'thanked' };
    }
    await context.sendActivity(messages.sorryNotHelpful);
    if (answer.alternatives.length > 0) {
      const candidates = answer.alternatives.flatMap((c) => {
        const entry = this.entry(c.id);
        return entry ? [{ entry, score: c.score }] : [];
      });
      await this.sendOffer(context, data, 'nextBest', answer.question, candidates, [messages.nextBest], true);
    }
    return { kind: 'askComment', voteKey };
  }

  /** Teams' native 👍 / 👎 (and optional text) on the answer whose activity id is `replyToId`. */
  async teamsVote(context: TurnContext, answer: ShownAnswer, helpful: boolean, comment: string | undefined): Promise<void> {
    await this.storeVote(context, answer, helpful, comment);
  }

  async askComment(context: TurnContext, turn: number): Promise<void> {
    await this.sendCard(context, buttonsCard([messages.commentPrompt], [{ title: messages.buttonSkip, payload: { action: 'skip', turn } }]));
  }

  /** `text` is a classified non-empty message (an empty one never reaches the comment step). */
  async saveComment(context: TurnContext, voteKey: string, text: string): Promise<void> {
    await this.deps.feedbackStore.addComment(voteKey, boundComment(text));
    await context.sendActivity(messages.commentThanks);
  }

  /** "Aucune de ces questions": recorded as unanswered under the question the list was for. */
  async noneOfThese(context: TurnContext, turn: number): Promise<boolean> {
    const data = await this.state(context);
    const offer = findOffer(data, turn);
    if (!offer) return false;
    await this.recordUnanswered(context, offer.question);
    await this.sendCard(context, buttonsCard([messages.noneChosen, ...this.contactLines(data), messages.rephrase], [this.restartButton()]));
    return true;
  }

  async contact(context: TurnContext): Promise<void> {
    await context.sendActivity([messages.contactInnovation, messages.contactGeneric].join('\n\n'));
  }

  /** A kind reply to a button we cannot use (stale or unknown), with a way out. */
  async staleButton(context: TurnContext, text: string): Promise<void> {
    await this.sendCard(context, buttonsCard([text], [this.restartButton()]));
  }

  private async sendAnswer(context: TurnContext, entry: FaqEntry, meta: AnswerMeta): Promise<void> {
    const data = await this.state(context);
    const turn = nextTurn(data);
    const activity = MessageFactory.attachment(answerCard(entry, turn));
    if (context.activity.channelId === Channels.Msteams) activity.channelData = structuredClone(TEAMS_FEEDBACK_LOOP);
    const response = await context.sendActivity(activity);
    data.answers = remember(data.answers, { turn, answerId: entry.id, activityId: response?.id, ...meta });
    this.deps.logger.info({ conversation: this.hash(context.activity.conversation.id), answerId: entry.id, rank: meta.rank }, 'answer shown');
  }

  private async sendOffer(
    context: TurnContext,
    data: FaqConversationData,
    source: ShownOffer['source'],
    question: string,
    candidates: readonly Pick<RankedEntry, 'entry'>[] | readonly RankedEntry[],
    texts: readonly string[],
    withNone = false,
  ): Promise<void> {
    const turn = nextTurn(data);
    const shown = candidates.map((c) => ({ id: c.entry.id, ...('score' in c && { score: c.score }) }));
    data.offers = remember(data.offers, { turn, source, question, candidates: shown });
    const buttons: Button[] = candidates.map((c) => ({ title: c.entry.question, payload: { action: 'answer', id: c.entry.id, turn } }));
    if (withNone) buttons.push({ title: messages.noneOfThese, payload: { action: 'none', turn } });
    await this.sendCard(context, buttonsCard(texts, buttons));
  }

  private async storeVote(context: TurnContext, answer: ShownAnswer, helpful: boolean, comment?: string): Promise<string> {
    const voteKey = voteKeyFor(this.deps.hashId, context.activity.conversation.id, answer);
    await this.deps.feedbackStore.recordFeedback({
      ...recordBase(context.activity, this.deps.hashId, this.deps.knowledgeBase.version, this.clock()),
      kind: 'feedback',
      voteKey,
      question: answer.question,
      answerId: answer.answerId,
      ...(answer.score !== undefined && { score: answer.score }),
      ...(answer.rank !== undefined && { rank: answer.rank }),
      helpful,
      ...(comment !== undefined && { comment }),
    });
    this.deps.logger.info({ conversation: this.hash(context.activity.conversation.id), answerId: answer.answerId, helpful }, 'vote stored');
    return voteKey;
  }

  private async recordUnanswered(context: TurnContext, question: string): Promise<void> {
    await this.deps.feedbackStore.recordUnanswered({
      ...recordBase(context.activity, this.deps.hashId, this.deps.knowledgeBase.version, this.clock()),
      kind: 'unanswered',
      question,
    });
  }

  private contactLines(data: FaqConversationData): string[] {
    return data.facets.offer === 'innovation' ? [messages.contactInnovation] : [messages.contactInnovation, messages.contactGeneric];
  }

  private deadEndButtons(): Button[] {
    return [
      { title: messages.buttonTypeQuestion, payload: { action: 'ask' } },
      this.restartButton(),
      { title: messages.buttonContact, payload: { action: 'contact' } },
    ];
  }

  private restartButton(): Button {
    return { title: messages.buttonRestart, payload: { action: 'restart' } };
  }

  private entry(id: string): FaqEntry | undefined {
    return this.deps.knowledgeBase.entries.find((entry) => entry.id === id);
  }

  private async sendCard(context: TurnContext, card: Attachment): Promise<void> {
    await context.sendActivity(MessageFactory.attachment(card));
  }

  private hash(id: string): string {
    return this.deps.hashId(id);
  }
}

function toCandidate(ranked: RankedEntry): ShownCandidate {
  return { id: ranked.entry.id, score: ranked.score };
}
