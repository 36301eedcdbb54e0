/**
 * What the « Questions sans réponse » and « Propositions de formulations »
 * pages need from the curation logic, as small function types: i14b's
 * clustering (the bot's French analysis) and proposal derivation plug in
 * here. The defaults below are deliberately simple stand-ins.
 */
import type { LoggedQuestion } from '../../bot/index.js';
import { foldForComparison } from '../../knowledge/index.js';

export interface UnansweredCluster {
  /** Stable key of the cluster (actions refer to it). */
  readonly key: string;
  readonly count: number;
  readonly examples: string[];
  readonly nearestEntryId?: string;
}

export type ClusterUnanswered = (questions: readonly LoggedQuestion[]) => UnansweredCluster[];

/** X typed, then Y picked (or 👍 on Y after a clarification): X is proposed as a phrasing of Y. */
export interface PhrasingProposal {
  readonly key: string;
  readonly text: string;
  readonly entryId: string;
  /** How many times users made this link. */
  readonly count: number;
}

export type DeriveProposals = (questions: readonly LoggedQuestion[]) => PhrasingProposal[];

/** Examples shown per cluster. */
export const MAX_EXAMPLES = 5;

/** Stand-in clustering: the same words once accents, case and punctuation are folded. */
export const clusterByFoldedText: ClusterUnanswered = (questions) => {
  const clusters = new Map<string, { examples: string[]; count: number; nearest: Map<string, number> }>();
  for (const question of questions) {
    if (question.text === '') continue;
    const key = foldForComparison(question.text).replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
    const cluster = clusters.get(key) ?? { examples: [], count: 0, nearest: new Map<string, number>() };
    cluster.count += 1;
    if (cluster.examples.length < MAX_EXAMPLES && !cluster.examples.includes(question.text)) cluster.examples.push(question.text);
    const nearest = question.candidates[0]?.id;
    if (nearest !== undefined) cluster.nearest.set(nearest, (cluster.nearest.get(nearest) ?? 0) + 1);
    clusters.set(key, cluster);
  }
  return [...clusters].map(([key, c]) => {
    const nearestEntryId = [...c.nearest].sort((a, b) => b[1] - a[1])[0]?.[0];
    return { key, count: c.count, examples: c.examples, ...(nearestEntryId !== undefined && { nearestEntryId }) };
  }).sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
};

/** Stand-in derivation: typed questions that were not answered directly, then settled by a click or a 👍 on another entry. */
export const proposalsFromClicks: DeriveProposals = (questions) => {
  const proposals = new Map<string, PhrasingProposal>();
  for (const question of questions) {
    if (question.source !== 'typed' || question.decision === 'answer' || question.text === '') continue;
    const clicked = question.events.find((e) => e.kind === 'clicked')?.entryId;
    const downVoted = question.events.some((e) => e.kind === 'voted' && e.entryId === clicked && e.helpful === false);
    if (clicked === undefined || downVoted) continue;
    const key = `${clicked}|${foldForComparison(question.text)}`;
    const known = proposals.get(key);
    proposals.set(key, { key, text: known?.text ?? question.text, entryId: clicked, count: (known?.count ?? 0) + 1 });
  }
  return [...proposals.values()].sort((a, b) => b.count - a.count || a.text.localeCompare(b.text));
};
