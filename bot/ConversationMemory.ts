import type { ConversationState, StatePropertyAccessor, TurnContext } from 'botbuilder';
import type { Facet, FacetFilter } from '../knowledge/index.js';
import { ShownMemory, type ShownData } from './ShownMemory.js';

export {
  MAX_REMEMBERED_ANSWERS, MAX_REMEMBERED_OFFERS, ShownMemory,
  type LastQuestion, type ShownAnswer, type ShownCandidate, type ShownOffer,
} from './ShownMemory.js';

/** Conversation-state property name (stable: it is a key in the storage). */
export const CONVERSATION_DATA_PROPERTY = 'faqConversation';
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

/** The stored form (plain JSON in ConversationState). Only this module and ShownMemory (its `ShownData` part) read or write it. */
interface FaqConversationData extends ShownData {
  /** Facets chosen so far in the triage; they filter free-text searches. */
  facets: FacetFilter;
  /** Last card nonce handed out. */
  lastTurn: number;
  pendingChoice?: PendingChoice;
  /** The triage path of a branch with no entry just shown: the next typed question is recorded with it for the curators. */
  deadEnd?: string;
  pendingComment?: PendingComment;
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
