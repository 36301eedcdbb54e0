/** How a question reached the bot: typed by the user, or built from triage button clicks. */
export type QuestionSource = 'typed' | 'triage';

/**
 * What the bot did with a question: `answer`, `clarify` (« Vouliez-vous dire… »),
 * `none` (declined, nearby questions maybe shown), `list` (triage results shown as
 * buttons) or `empty` (a triage dead end: no entry on that branch).
 */
export type DecisionKind = 'answer' | 'clarify' | 'none' | 'list' | 'empty';

/** An entry the decision named, best first, with its retrieval score when it came from a search. */
export interface LoggedCandidate {
  readonly id: string;
  readonly score?: number;
}

/** One question as it was asked and decided. */
export interface QuestionRecord {
  /** Unique id chosen by the recorder; events refer to it. */
  readonly id: string;
  /** ISO 8601 time. */
  readonly time: string;
  readonly channel: string;
  /** KB content hash the decision was made on. */
  readonly kbVersion: string;
  /** Salted hash of the conversation id: raw ids are never stored. */
  readonly conversationHash: string;
  readonly source: QuestionSource;
  /** The typed text, or the triage path ("offer=… > theme=…"); emptied by `purgeText` after the retention period. */
  readonly text: string;
  /** Triage facets in force when the question was decided. */
  readonly facets: Readonly<Record<string, string>>;
  readonly decision: DecisionKind;
  readonly candidates: readonly LoggedCandidate[];
}

/**
 * What the user did after a question: clicked a candidate, voted on an answer,
 * commented a vote, said « aucune de ces questions » (`rejected`), or asked
 * again in other words (`rephrased`). A question followed by nothing was left.
 */
export type QuestionEventKind = 'clicked' | 'voted' | 'commented' | 'rejected' | 'rephrased';

export interface QuestionEvent {
  /** The question followed; may be left out of a `commented` event that names its vote by `voteKey`. */
  readonly questionId?: string;
  readonly time: string;
  readonly kind: QuestionEventKind;
  /** The entry clicked or voted on. */
  readonly entryId?: string;
  /** 👍 (true) or 👎 (false), for `voted`. */
  readonly helpful?: boolean;
  /** Identifies a vote: a later vote with the same key replaces it, a comment names it. */
  readonly voteKey?: string;
  /** For `commented`; purged with the text. */
  readonly comment?: string;
}

/** A stored question with what followed it, oldest event first. */
export interface LoggedQuestion extends QuestionRecord {
  readonly events: readonly QuestionEvent[];
}

/** Which questions a query is about; days are Europe/Paris calendar days (YYYY-MM-DD), both ends included. */
export interface QuestionFilter {
  readonly fromDay?: string;
  readonly toDay?: string;
  readonly channel?: string;
  readonly kbVersion?: string;
  readonly decisions?: readonly DecisionKind[];
  /** Only the questions typed by users, or only the ones built from triage clicks. */
  readonly source?: QuestionSource;
  /**
   * Only the questions left without an answer: declined (`none`), triage dead
   * ends (`empty`), and clarifications or lists refused with « aucune de ces
   * questions » (a `rejected` event).
   */
  readonly unanswered?: boolean;
  /** Only the questions followed by at least one event of one of these kinds. */
  readonly followedBy?: readonly QuestionEventKind[];
}

/** Counts for one Europe/Paris day, channel and KB version (the overview's unit). */
export interface DailyCounts {
  readonly day: string;
  readonly channel: string;
  readonly kbVersion: string;
  readonly questions: number;
  readonly answered: number;
  readonly clarified: number;
  readonly declined: number;
  /** Questions whose last vote was 👍 / 👎. */
  readonly up: number;
  readonly down: number;
}

/** How one entry fared: shown as the answer (decided or clicked), its votes and comments. */
export interface EntryCounts {
  readonly entryId: string;
  readonly shown: number;
  readonly up: number;
  readonly down: number;
  readonly comments: number;
}

/** A question text and how many matching questions had it. */
export interface TextCount {
  readonly text: string;
  readonly count: number;
}

/** Clicks on `picked` while the question also offered `offered` (the console's « souvent confondue avec »). */
export interface PickCount {
  readonly picked: string;
  readonly offered: string;
  readonly times: number;
}

/**
 * The question log the console reads: every question (typed or clicked) with
 * its decision, then the user's follow-ups. Implementations live in
 * adapters/storage/ (`SqliteQuestionLogStore`, `PostgresQuestionLogStore`), are
 * opened by `openQuestionLogStore`, and run the contract suite in
 * test/adapters/storage/questionLogStoreContract.ts.
 */
export interface QuestionLogStore {
  recordQuestion(question: QuestionRecord): Promise<void>;
  /** Questions then events, all or nothing (imports and the seed script); events follow `recordEvent`'s rules. */
  recordBatch(questions: readonly QuestionRecord[], events: readonly QuestionEvent[]): Promise<void>;
  /**
   * Adds a follow-up to a stored question. A `voted` event with the `voteKey`
   * of an earlier one replaces it (the last choice wins); a `commented` event
   * with a `voteKey` attaches to that vote's question. Events about an unknown
   * question are ignored (its row may have been deleted). A store may send it with the turn under way, whose commit
   * it then shares (PostgresQuestionLogStore): resolved means accepted, not yet stored.
   */
  recordEvent(event: QuestionEvent): Promise<void>;
  /** Per-day counts, ordered by day, channel, KB version; `decisions` does not apply. Kept as daily rollups: fast at 100,000 questions. */
  dailyCounts(filter?: QuestionFilter): Promise<DailyCounts[]>;
  /** Per-entry counts, most shown first; `decisions` does not apply. */
  entryCounts(filter?: QuestionFilter): Promise<EntryCounts[]>;
  /** Questions with their events, newest first, at most `limit` (default 1,000). */
  list(filter?: QuestionFilter, limit?: number): Promise<LoggedQuestion[]>;
  /**
   * The distinct non-empty texts of the matching questions with their counts,
   * most asked first (ties in code-point order of the text), at most `limit`:
   * the unanswered questions' clusters are built from these, not from rows.
   */
  textCounts(filter: QuestionFilter, limit: number): Promise<TextCount[]>;
  /**
   * For every `clicked` event of a matching question, one count for each other
   * entry the question offered (its candidates but the clicked one), summed per
   * (picked, offered) pair, ordered by picked then offered.
   */
  pickCounts(filter?: QuestionFilter): Promise<PickCount[]>;
  /**
   * Every matching question with its events, in `list`'s order (newest first),
   * `pageSize` at a time (default 1,000): exports stream the whole log through
   * this without holding it. Questions recorded during the scan may be left out.
   */
  scan(filter?: QuestionFilter, pageSize?: number): AsyncIterable<LoggedQuestion[]>;
  /** Distinct channels and KB versions seen (for the console's filters). */
  dimensions(): Promise<{ channels: string[]; kbVersions: string[] }>;
  /** Empties the free text (question text, comments) of questions asked before `before` (ISO time); returns how many. */
  purgeText(before: string): Promise<number>;
  close(): Promise<void>;
}
