/** What the FAQ team decided about a phrasing proposal or a cluster of unanswered questions. */
export type CurationStatus = 'accepted' | 'rejected' | 'phrasing' | 'new-entry' | 'out-of-scope';

export interface CurationDecision {
  /** The proposal's or the cluster's stable key. */
  readonly key: string;
  readonly kind: 'proposal' | 'cluster';
  /** Proposals: `accepted` or `rejected`. Clusters: `phrasing` (of `entryId`), `new-entry` or `out-of-scope`. */
  readonly status: CurationStatus;
  /** The phrasing to add, or the cluster's first example. */
  readonly text: string;
  readonly entryId?: string;
  /** ISO time of the decision. */
  readonly time: string;
  /** Who decided (the curator's sign-in name). */
  readonly user: string;
  /** For `new-entry`: the entry the curator wrote from the cluster (absent while only marked as needed). */
  readonly draft?: NewEntryText;
}

/** A new entry as the curator wrote it on the console: the FAQ's rules are checked when the patch is built. */
export interface NewEntryText {
  /** The question first, then its alternates (the KB asks for the question and at least six alternates). */
  readonly phrasings: readonly string[];
  /** The agency's answer; absent until written, the patch then carries the draft placeholder that `kb:check` lists. */
  readonly answer?: string;
}

/**
 * The console's decisions, kept so that a proposal or cluster shows its
 * status and accepted ones make the KB patch. Implementations live in
 * adapters/storage/ (`SqliteCurationStore`, beside the question log) and run
 * test/adapters/storage/curationStoreContract.ts.
 */
export interface CurationStore {
  /** Records a decision; a later decision on the same key replaces it. */
  decide(decision: CurationDecision): Promise<void>;
  /** Every decision, oldest first. */
  decisions(): Promise<CurationDecision[]>;
  close(): Promise<void>;
}
