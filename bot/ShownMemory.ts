import type { DecisionKind } from './QuestionLogStore.js';

/**
 * How many shown answers a conversation remembers: votes (card buttons, Teams' native loop) on older ones get
 * a kind reply. The state is read and written at every turn (with PostgreSQL, one `bot_state` document), so it
 * keeps what a visitor can still act on, a few screens back, not the whole conversation.
 */
export const MAX_REMEMBERED_ANSWERS = 10;
/** How many lists of question buttons a conversation remembers (clicks on older ones get a kind reply). */
export const MAX_REMEMBERED_OFFERS = 10;

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
  /** Id of the activity that carried the answer: kept where Teams' feedback invoke may refer to it by `replyToId`. */
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

/**
 * The next best answers offered after a 👎 are that answer's runner-ups: stored as the answer's nonce, not as
 * a second copy of its question, runner-ups and question id. Gone with the answer it names.
 */
export interface NextBestOffer {
  readonly turn: number;
  readonly source: 'nextBest';
  readonly answerTurn: number;
}

/** A remembered list: in full, or the runner-ups of a remembered answer (state written before them holds only full lists). */
export type RememberedOffer = ShownOffer | NextBestOffer;

/** The part of the stored conversation that ShownMemory owns (plain JSON in ConversationState). */
export interface ShownData {
  offers: RememberedOffer[];
  answers: ShownAnswer[];
  lastQuestion?: LastQuestion;
}

/** The answers and question lists shown, so that later clicks and votes find what they refer to. */
export class ShownMemory {
  constructor(
    private readonly data: ShownData,
    private readonly nextTurn: () => number,
  ) {}

  /** The nonce of the answer card about to be sent (remembered by `rememberAnswer` once sent). */
  newAnswerTurn(): number {
    return this.nextTurn();
  }

  rememberAnswer(answer: ShownAnswer): void {
    this.data.answers = remember(this.data.answers, answer, MAX_REMEMBERED_ANSWERS);
    // A next best list goes with the answer it refers to.
    const kept = new Set(this.data.answers.map((each) => each.turn));
    this.data.offers = this.data.offers.filter((offer) => !('answerTurn' in offer) || kept.has(offer.answerTurn));
  }

  /** Remembers a list of question buttons about to be shown; returns the nonce its buttons carry. */
  rememberOffer(offer: Omit<ShownOffer, 'turn'>): number {
    const turn = this.nextTurn();
    this.data.offers = remember(this.data.offers, { turn, ...offer }, MAX_REMEMBERED_OFFERS);
    return turn;
  }

  /**
   * Remembers the next best answers about to be offered after a 👎 on `answer` (`shown`: the runner-ups
   * offered, in order); returns the nonce their buttons carry.
   */
  rememberNextBest(answer: ShownAnswer, shown: readonly ShownCandidate[]): number {
    const { question, questionId } = answer;
    // All of the runner-ups, as remembered: a reference to the answer says the same.
    const same = shown.length === answer.alternatives.length && shown.every((candidate, index) => candidate.id === answer.alternatives[index].id);
    if (!same || this.answerAt(answer.turn) === undefined) {
      return this.rememberOffer({ source: 'nextBest', question, candidates: shown, ...(questionId !== undefined && { questionId }) });
    }
    const turn = this.nextTurn();
    this.data.offers = remember(this.data.offers, { turn, source: 'nextBest', answerTurn: answer.turn }, MAX_REMEMBERED_OFFERS);
    return turn;
  }

  offer(turn: number): ShownOffer | undefined {
    const remembered = this.data.offers.find((offer) => offer.turn === turn);
    if (remembered === undefined || !('answerTurn' in remembered)) return remembered;
    const answer = this.answerAt(remembered.answerTurn);
    if (answer === undefined) return undefined;
    const { question, alternatives: candidates, questionId } = answer;
    return { turn, source: 'nextBest', question, candidates, ...(questionId !== undefined && { questionId }) };
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

/** Appends, keeping only the `max` most recent items. */
function remember<T>(list: readonly T[], item: T, max: number): T[] {
  return [...list, item].slice(-max);
}
