/**
 * What the « Questions sans réponse » and « Propositions de formulations »
 * pages need from the curation logic, as small function types (implemented
 * on the bot's own analysis in curationTools.ts).
 */
import type { LoggedQuestion } from '../../bot/index.js';

export interface UnansweredCluster {
  /** Stable key of the cluster (actions refer to it). */
  readonly key: string;
  readonly count: number;
  readonly examples: string[];
  readonly nearestEntryId?: string;
  /** Keys of every member text: a decision taken on the cluster is found again when the cluster's first member changes. */
  readonly memberKeys: string[];
}

export type ClusterUnanswered = (questions: readonly LoggedQuestion[]) => Promise<UnansweredCluster[]>;

/** X typed, then Y picked (or 👍 on Y after a clarification): X is proposed as a phrasing of Y. */
export interface PhrasingProposal {
  readonly key: string;
  readonly text: string;
  readonly entryId: string;
  /** How many times users made this link. */
  readonly count: number;
}

export type DeriveProposals = (questions: readonly LoggedQuestion[]) => PhrasingProposal[];
