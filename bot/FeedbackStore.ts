/** One stored record: a thumbs vote on an answer, or a question the bot could not answer. */
export interface FeedbackRecord {
  readonly kind: 'feedback' | 'unanswered';
  /** ISO 8601 time of the (last) vote or of the unanswered question. */
  readonly time: string;
  readonly channel: string;
  /** sha256 of the user id, salted: raw ids are never stored. */
  readonly userHash: string;
  readonly conversationHash: string;
  /** The user's question, or the triage path ("offer=… > theme=…") when the answer came from buttons. */
  readonly question: string;
  /** Answer id; absent for `unanswered`. */
  readonly answerId?: string;
  readonly score?: number;
  /** 1-based rank of the answer in the candidates shown. */
  readonly rank?: number;
  /** KB content hash when the answer was given. */
  readonly kbVersion: string;
  /** Thumbs up (true) or down (false); absent for `unanswered`. */
  readonly helpful?: boolean;
  readonly comment?: string;
}

/**
 * Durable storage of feedback and unanswered questions. Implementations live
 * at the edge, in adapters/storage/ (`SqliteFeedbackStore`, better-sqlite3 in
 * WAL mode), chosen from the configuration by `openFeedbackStore`; every one
 * runs the contract suite in test/adapters/storage/feedbackStoreContract.ts.
 */
export interface FeedbackStore {
  /**
   * Records a vote. A second vote by the same user on the same answer in the
   * same conversation (same `voteKey`) replaces the first; the earlier comment
   * is kept when the new vote has none and the same `helpful` value.
   */
  recordFeedback(record: FeedbackRecord & { readonly kind: 'feedback'; readonly voteKey: string }): Promise<void>;
  /** Adds a comment to the vote identified by `voteKey`; rejects when no vote has that key. */
  addComment(voteKey: string, comment: string): Promise<void>;
  recordUnanswered(record: FeedbackRecord & { readonly kind: 'unanswered' }): Promise<void>;
  /** Every record, oldest first. */
  list(): Promise<FeedbackRecord[]>;
  /**
   * Empties the free text (question, comment) of records older than `before`
   * (ISO time), keeping the rest (RETENTION_DAYS); returns how many records it emptied.
   */
  purgeText(before: string): Promise<number>;
  close(): Promise<void>;
}
