import type { ConversationState, StatePropertyAccessor, TurnContext } from 'botbuilder';
import type { Facet, FacetFilter } from '../knowledge/index.js';
import type { DecisionKind } from './QuestionLogStore.js';

/** Conversation-state property name (stable: it is a key in the storage). */
export const CONVERSATION_DATA_PROPERTY = 'faqConversation';
/** How many shown answers and button lists a conversation remembers (votes and clicks on older ones get a kind reply). */
export const MAX_REMEMBERED = 20;

/** An entry offered or answered, with the retrieval score when it came from a search. */
export interface ShownCandidate {
  readonly id: string;
  readonly score?: number;
}

/** A list of question buttons that was shown (triage results, "Vouliez-vous dire…", nearby questions, next best answers). */
export interface ShownOffer {
  readonly turn: number;
  readonly source: 'triage' | 'clarify' | 'nearby' | 'nextBest';
  /** The user's question, or the triage path when the list came from buttons. */
  readonly question: string;
  readonly candidates: readonly ShownCandidate[];
  /** The logged question the list was shown for (clicks and « aucune » are recorded against it). */
  readonly questionId?: string;
}

/** An answer that was shown, so votes (card buttons or Teams' native loop) can be tied to it. */
export interface ShownAnswer {
  readonly turn: number;
  readonly answerId: string;
  readonly question: string;
  readonly score?: number;
  /** 1-based rank among the candidates the answer came from. */
  readonly rank?: number;
  /** Id of the activity that carried the answer (Teams' feedback invoke refers to it by `replyToId`). */
  readonly activityId?: string;
  /** The runner-up entries, offered after a 👎. */
  readonly alternatives: readonly ShownCandidate[];
  /** The logged question the answer was shown for (votes are recorded against it). */
  readonly questionId?: string;
}

/** The last logged question, until a click settles it (a new typed question after an unsettled one is a rephrasing). */
export interface LastQuestion {
  readonly id: string;
  readonly decision: DecisionKind;
}

/** The clarifying question waiting for a click. */
export interface PendingChoice {
  readonly facet: Facet;
  readonly turn: number;
}

/** The 👎 vote waiting for an optional comment. */
export interface PendingComment {
  readonly voteKey: string;
  readonly turn: number;
}

/** The stored form (plain JSON in ConversationState). Only this module reads or writes it. */
interface FaqConversationData {
  /** Facets chosen so far in the triage; they filter free-text searches. */
  facets: FacetFilter;
  /** Last card nonce handed out. */
  lastTurn: number;
  pendingChoice?: PendingChoice;
  /** The triage path of a branch with no entry just shown: the next typed question is recorded with it for the curators. */
  deadEnd?: string;
  offers: ShownOffer[];
  answers: ShownAnswer[];
  pendingComment?: PendingComment;
  lastQuestion?: LastQuestion;
}

/**
 * The bot's per-conversation memory: the one owner of the triage path, the
 * pending question and comment, and what was shown. Dialogs, FaqBot and the
 * presenter ask it; none of them touches the state accessor.
 */
export class ConversationMemory {
  private readonly data: StatePropertyAccessor<FaqConversationData>;

  constructor(conversationState: ConversationState) {
    this.data = conversationState.createProperty<FaqConversationData>(CONVERSATION_DATA_PROPERTY);
  }

  /** This turn's view of the conversation; changes are saved with the conversation state at the end of the turn. */
  async load(context: TurnContext): Promise<Conversation> {
    return new Conversation(await this.data.get(context, { facets: {}, lastTurn: 0, offers: [], answers: [] }));
  }
}

/** One conversation's memory during a turn, in three parts: the triage, what was shown, the pending comment. */
export class Conversation {
  readonly triage: TriageMemory;
  readonly shown: ShownMemory;
  readonly comment: CommentMemory;

  constructor(data: FaqConversationData) {
    const nextTurn = (): number => (data.lastTurn += 1);
    this.triage = new TriageMemory(data, nextTurn);
    this.shown = new ShownMemory(data, nextTurn);
    this.comment = new CommentMemory(data, nextTurn);
  }

  /** Back to the first clarifying question: no facet, nothing pending. */
  restart(): void {
    this.triage.reset();
    this.comment.end();
  }
}

/** The triage path and the question waiting for a click. */
export class TriageMemory {
  constructor(
    private readonly data: FaqConversationData,
    private readonly nextTurn: () => number,
  ) {}

  get facets(): FacetFilter {
    return this.data.facets;
  }

  get pendingChoice(): PendingChoice | undefined {
    return this.data.pendingChoice;
  }

  choose(facet: Facet, value: string): void {
    this.data.facets = { ...this.data.facets, [facet]: value };
    this.data.deadEnd = undefined;
  }

  /** The triage reached a branch with no entry (`path`, as `triagePath` writes it). */
  reachDeadEnd(path: string): void {
    this.data.deadEnd = path;
  }

  /** The dead end the user may now be typing a question about, once: the next call returns undefined. */
  takeDeadEnd(): string | undefined {
    const path = this.data.deadEnd;
    this.data.deadEnd = undefined;
    return path;
  }

  /** A clarifying question about `facet` is being shown: returns the nonce its buttons carry. */
  awaitChoice(facet: Facet): number {
    const turn = this.nextTurn();
    this.data.pendingChoice = { facet, turn };
    return turn;
  }

  /** No clarifying question is waiting any more. */
  endChoice(): void {
    this.data.pendingChoice = undefined;
  }

  reset(): void {
    this.data.facets = {};
    this.data.deadEnd = undefined;
    this.endChoice();
  }
}

/** The answers and question lists shown, so that later clicks and votes find what they refer to. */
export class ShownMemory {
  constructor(
    private readonly data: FaqConversationData,
    private readonly nextTurn: () => number,
  ) {}

  /** The nonce of the answer card about to be sent (remembered by `rememberAnswer` once sent). */
  newAnswerTurn(): number {
    return this.nextTurn();
  }

  rememberAnswer(answer: ShownAnswer): void {
    this.data.answers = remember(this.data.answers, answer);
  }

  /** Remembers a list of question buttons about to be shown; returns the nonce its buttons carry. */
  rememberOffer(offer: Omit<ShownOffer, 'turn'>): number {
    const turn = this.nextTurn();
    this.data.offers = remember(this.data.offers, { turn, ...offer });
    return turn;
  }

  offer(turn: number): ShownOffer | undefined {
    return this.data.offers.find((offer) => offer.turn === turn);
  }

  answerAt(turn: number): ShownAnswer | undefined {
    return this.data.answers.find((answer) => answer.turn === turn);
  }

  get lastQuestion(): LastQuestion | undefined {
    return this.data.lastQuestion;
  }

  rememberQuestion(question: LastQuestion): void {
    this.data.lastQuestion = question;
  }

  /** A candidate of that question was clicked: the next question is a new one, not a rephrasing. */
  settleQuestion(id: string): void {
    if (this.data.lastQuestion?.id === id) this.data.lastQuestion = undefined;
  }

  /** The answer carried by the activity `activityId` (Teams' feedback invoke names it by `replyToId`). */
  answerFor(activityId: string): ShownAnswer | undefined {
    return this.data.answers.find((answer) => answer.activityId === activityId);
  }
}

/** The 👎 vote waiting for an optional comment. */
export class CommentMemory {
  constructor(
    private readonly data: FaqConversationData,
    private readonly nextTurn: () => number,
  ) {}

  get pending(): PendingComment | undefined {
    return this.data.pendingComment;
  }

  /** A comment on the vote `voteKey` is being asked for: returns the nonce of the prompt's "Passer" button. */
  await(voteKey: string): number {
    const turn = this.nextTurn();
    this.data.pendingComment = { voteKey, turn };
    return turn;
  }

  end(): void {
    this.data.pendingComment = undefined;
  }
}

/** Appends, keeping only the `MAX_REMEMBERED` most recent items. */
function remember<T>(list: readonly T[], item: T): T[] {
  return [...list, item].slice(-MAX_REMEMBERED);
}
