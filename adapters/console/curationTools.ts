/**
 * The console's curation on the bot's own analysis: unanswered questions
 * clustered with the French analyser and the retriever (embeddings/clustering),
 * phrasing proposals from the question log (bot/curation), and accepted
 * decisions turned into KB improvements for the patch (knowledge/edit).
 */
import { derivePhrasingProposals, type ConversationEvents, type LoggedQuestion, type PhrasingEvent } from '../../bot/index.js';
import { clusterUnanswered, type ClusteringTools } from '../../embeddings/index.js';
import { foldForComparison, suggestEntryDraft, type FaqEntry, type KbImprovement } from '../../knowledge/index.js';
import type { ClusterUnanswered, DeriveProposals } from './curation.js';
import type { CurationDecision } from './CurationStore.js';

/** Clusters shown at most (the most asked); each is scored by the retriever. */
export const MAX_CLUSTERS = 50;
const EXAMPLES = 5;

/** Keys travel through HTML forms: a NUL would come back as U+FFFD. */
const formKey = (key: string): string => key.split(String.fromCharCode(0)).join('|');

export function clusterWithBotAnalysis(tools: ClusteringTools): ClusterUnanswered {
  return async (questions) => {
    const samples = questions.filter((q) => q.text !== '' && q.source === 'typed').map((q) => ({ id: q.id, text: q.text }));
    const clusters = await clusterUnanswered(samples, tools, { limit: MAX_CLUSTERS });
    return clusters.map((cluster) => ({
      key: formKey(cluster.key),
      count: cluster.count,
      examples: cluster.members.slice(0, EXAMPLES).map((member) => member.text),
      memberKeys: cluster.members.map((member) => formKey(foldForComparison(member.text))),
      ...(cluster.nearest !== undefined && { nearestEntryId: cluster.nearest.entryId }),
    }));
  };
}

/** The log's questions as the conversations `derivePhrasingProposals` reads: typed questions, picks and votes in time order. */
export function conversationsOf(questions: readonly LoggedQuestion[]): ConversationEvents[] {
  const timelines = new Map<string, { time: string; order: number; event: PhrasingEvent }[]>();
  let order = 0;
  for (const q of questions) {
    const timeline = timelines.get(q.conversationHash) ?? [];
    timelines.set(q.conversationHash, timeline);
    const asked: PhrasingEvent =
      q.source === 'typed' && q.decision !== 'list' && q.decision !== 'empty'
        ? { kind: 'question', text: q.text, decision: q.decision, offered: q.candidates.map((c) => c.id) }
        : { kind: 'other' };
    timeline.push({ time: q.time, order: order++, event: asked });
    for (const e of q.events) {
      if (e.kind === 'clicked' && e.entryId !== undefined) timeline.push({ time: e.time, order: order++, event: { kind: 'pick', entryId: e.entryId } });
      if (e.kind === 'voted' && e.entryId !== undefined && e.helpful !== undefined) {
        timeline.push({ time: e.time, order: order++, event: { kind: 'vote', entryId: e.entryId, helpful: e.helpful } });
      }
    }
  }
  return [...timelines].map(([conversation, timeline]) => ({
    conversation,
    events: timeline.sort((a, b) => a.time.localeCompare(b.time) || a.order - b.order).map((item) => item.event),
  }));
}

export function proposalsFromLog(entries: readonly FaqEntry[]): DeriveProposals {
  return (questions) =>
    derivePhrasingProposals(conversationsOf(questions), { entries }).map((p) => ({ key: formKey(p.key), text: p.text, entryId: p.entryId, count: p.evidence }));
}

/**
 * Accepted proposals and clusters added as phrasings, as KB improvements; a
 * cluster marked « nouvelle entrée » becomes an entry draft modelled on its
 * nearest entry (facets, contact), its answer left for the agency to write.
 * A new entry with no nearest entry, or whose text the KB already has, stays
 * listed on the patch page only.
 */
export function improvementsOf(decisions: readonly CurationDecision[], entries: readonly FaqEntry[]): KbImprovement[] {
  const known = new Set(entries.flatMap((entry) => [entry.question, ...entry.alternates]).map(foldForComparison));
  return decisions.flatMap((d): KbImprovement[] => {
    if (d.entryId === undefined) return [];
    if (d.status === 'accepted' || d.status === 'phrasing') return [{ kind: 'phrasing', entryId: d.entryId, text: d.text }];
    if (d.status !== 'new-entry' || known.has(foldForComparison(d.text))) return [];
    return [{ kind: 'entry', draft: suggestEntryDraft([d.text], { entries, like: d.entryId }) }];
  });
}
