/**
 * The console's curation on the bot's own analysis: unanswered questions
 * clustered with the French analyser and the retriever (embeddings/clustering),
 * phrasing proposals from the question log (bot/curation), and accepted
 * decisions turned into KB improvements for the patch (knowledge/edit).
 */
import { phrasingProposalsFromLog, type TextCount } from '../../bot/index.js';
import { clusterUnanswered, detectSmallTalk, type ClusteringTools } from '../../embeddings/index.js';
import { foldForComparison, MIN_ALTERNATES, suggestEntryDraft, type FaqEntry, type KbImprovement } from '../../knowledge/index.js';
import type { ClusterUnanswered, DeriveProposals, UnansweredCluster } from './curation.js';
import type { CurationDecision } from './CurationStore.js';

/** Clusters shown at most (the most asked); each is scored by the retriever. */
export const MAX_CLUSTERS = 50;
/** Members kept per cluster (the most asked): examples and new-entry phrasings come from them. */
export const MAX_MEMBERS = 30;
/** Clusterings kept (one per set of texts: a period, a channel…). */
const CACHED_CLUSTERINGS = 8;

/** Keys travel through HTML forms: a NUL would come back as U+FFFD. */
const formKey = (key: string): string => key.split(String.fromCharCode(0)).join('|');

/**
 * Clusters on the bot's analyser and retriever. The result depends only on
 * the texts and their counts (the KB is fixed for the process), so it is
 * kept for the same input: a page shown again while no unanswered question
 * came in costs one SQL aggregate, not a clustering and 150 retrievals.
 */
export function clusterWithBotAnalysis(tools: ClusteringTools): ClusterUnanswered {
  const cache = new Map<string, Promise<UnansweredCluster[]>>();
  const cluster = async (texts: readonly TextCount[]): Promise<UnansweredCluster[]> => {
    // Small talk logged before the bot recognised it (an older version) is not a question to answer.
    const samples = texts.filter((t) => detectSmallTalk(t.text) === undefined).map((t) => ({ id: t.text, text: t.text, count: t.count }));
    const clusters = await clusterUnanswered(samples, tools, { limit: MAX_CLUSTERS });
    return clusters.map((c) => ({
      key: formKey(c.key),
      count: c.count,
      members: c.members.slice(0, MAX_MEMBERS).map((member) => ({ text: member.text, count: member.count })),
      memberKeys: c.members.map((member) => formKey(foldForComparison(member.text))),
      ...(c.nearest !== undefined && { nearestEntryId: c.nearest.entryId }),
    }));
  };
  return (texts) => {
    const key = JSON.stringify(texts.map((t) => [t.text, t.count]));
    let result = cache.get(key);
    if (result === undefined) {
      result = cluster(texts);
      // A failed clustering is not kept: the next request tries again.
      result.catch(() => cache.delete(key));
      cache.set(key, result);
      if (cache.size > CACHED_CLUSTERINGS) cache.delete(cache.keys().next().value as string);
    }
    return result;
  };
}

/** Proposals from the log's questions: each typed question followed by its own picks and votes (bot/curation). */
export function proposalsFromLog(entries: readonly FaqEntry[]): DeriveProposals {
  return (questions) =>
    phrasingProposalsFromLog(questions, { entries }).map((p) => ({ key: formKey(p.key), text: p.text, entryId: p.entryId, count: p.evidence }));
}

/**
 * Accepted proposals and clusters added as phrasings, as KB improvements; a
 * new entry written on the console becomes an entry draft: its phrasings (the
 * first is the question), the offer, theme and contact of the entry it was
 * modelled on, and the agency's answer or, until written, the draft
 * placeholder. One whose texts the KB already has all is left out.
 */
export function improvementsOf(decisions: readonly CurationDecision[], entries: readonly FaqEntry[]): KbImprovement[] {
  const known = new Set(entries.flatMap((entry) => [entry.question, ...entry.alternates]).map(foldForComparison));
  const ids = new Set(entries.map((entry) => entry.id));
  const drafted = new Set<string>();
  return decisions.flatMap((d): KbImprovement[] => {
    if (d.entryId === undefined) return [];
    if (d.status === 'accepted' || d.status === 'phrasing') return [{ kind: 'phrasing', entryId: d.entryId, text: d.text }];
    const texts = d.draft?.phrasings ?? [d.text];
    // The model entry may have left the KB since the decision: the draft then waits for the curator to pick another.
    if (d.status !== 'new-entry' || !ids.has(d.entryId) || texts.every((text) => known.has(foldForComparison(text)))) return [];
    const suggested = suggestEntryDraft(texts, { entries, like: d.entryId });
    // Two drafts on the same words get the same id from the KB alone: the later one takes a suffix.
    let id = suggested.id;
    for (let n = 2; drafted.has(id); n++) id = `${suggested.id}-${n}`;
    drafted.add(id);
    const draft = { ...suggested, id };
    return [{ kind: 'entry', draft: d.draft?.answer === undefined ? draft : { ...draft, answer: d.draft.answer } }];
  });
}

/** What a new entry still lacks before the KB takes it, for the patch page. */
export interface DraftGaps {
  /** Phrasings to add (the KB asks for the question and `MIN_ALTERNATES` alternates). */
  readonly phrasingsMissing: number;
  /** The answer is still to write (the patch carries the placeholder, `kb:check` lists it). */
  readonly answerMissing: boolean;
}

export function draftGaps(decision: CurationDecision, entries: readonly FaqEntry[]): DraftGaps {
  const known = new Set(entries.flatMap((entry) => [entry.question, ...entry.alternates]).map(foldForComparison));
  const fresh = new Set((decision.draft?.phrasings ?? [decision.text]).map(foldForComparison).filter((text) => !known.has(text)));
  return { phrasingsMissing: Math.max(0, 1 + MIN_ALTERNATES - fresh.size), answerMissing: decision.draft?.answer === undefined };
}
