/**
 * What the « Questions sans réponse » and « Propositions de formulations »
 * pages need from the curation logic, as small function types (implemented
 * on the bot's own analysis in curationTools.ts).
 */
import type { LoggedQuestion, TextCount } from '../../bot/index.js';

export interface UnansweredCluster {
  /** Stable key of the cluster (actions refer to it). */
  readonly key: string;
  readonly count: number;
  /** The cluster's distinct questions, most asked first (the first ones are its examples). */
  readonly members: readonly TextCount[];
  readonly nearestEntryId?: string;
  /** Keys of every member text: a decision taken on the cluster is found again when the cluster's first member changes. */
  readonly memberKeys: string[];
}

/** Clusters the unanswered questions' texts (`QuestionLogStore.textCounts`, most asked first). */
export type ClusterUnanswered = (texts: readonly TextCount[]) => Promise<UnansweredCluster[]>;

/** X typed, then Y picked (or 👍 on Y after a clarification): X is proposed as a phrasing of Y. */
export interface PhrasingProposal {
  readonly key: string;
  readonly text: string;
  readonly entryId: string;
  /** How many times users made this link. */
  readonly count: number;
}

export type DeriveProposals = (questions: readonly LoggedQuestion[]) => PhrasingProposal[];
