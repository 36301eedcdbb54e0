import type { Facet, FacetFilter } from '../knowledge/index.js';

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
}

/** The bot's per-conversation memory, kept in ConversationState (plain JSON). */
export interface FaqConversationData {
  /** Facets chosen so far in the triage; they filter free-text searches. */
  facets: FacetFilter;
  /** Last card nonce handed out. */
  lastTurn: number;
  /** The clarifying question waiting for a click, if any. */
  pendingChoice?: { readonly facet: Facet; readonly turn: number };
  offers: ShownOffer[];
  answers: ShownAnswer[];
  /** The 👎 vote waiting for an optional comment. */
  pendingComment?: { readonly voteKey: string; readonly turn: number };
}

export function emptyConversationData(): FaqConversationData {
  return { facets: {}, lastTurn: 0, offers: [], answers: [] };
}

/** Hands out the next card nonce. */
export function nextTurn(data: FaqConversationData): number {
  data.lastTurn += 1;
  return data.lastTurn;
}

/** Appends, keeping only the `MAX_REMEMBERED` most recent items. */
export function remember<T>(list: readonly T[], item: T): T[] {
  return [...list, item].slice(-MAX_REMEMBERED);
}

export function findOffer(data: FaqConversationData, turn: number): ShownOffer | undefined {
  return data.offers.find((offer) => offer.turn === turn);
}

export function findAnswerByTurn(data: FaqConversationData, turn: number): ShownAnswer | undefined {
  return data.answers.find((answer) => answer.turn === turn);
}

export function findAnswerByActivity(data: FaqConversationData, activityId: string): ShownAnswer | undefined {
  return data.answers.find((answer) => answer.activityId === activityId);
}
