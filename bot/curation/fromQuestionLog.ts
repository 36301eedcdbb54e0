/**
 * Reading the question log for curation: which questions went unanswered
 * (the clustering's input) and the conversations' events (the phrasing
 * proposals' input). The log is described by the few fields read here, so
 * any store's records (`LoggedQuestion`) fit without a conversion layer.
 */
import { clusterUnanswered, detectSmallTalk, type ClusteringTools, type QuestionCluster, type QuestionSample } from '../../embeddings/index.js';
import { foldForComparison } from '../../knowledge/index.js';
import {
  derivePhrasingProposals,
  type ConversationEvents,
  type LoggedDecision,
  type PhrasingEvent,
  type PhrasingProposal,
  type PhrasingProposalOptions,
} from './phrasingProposals.js';

/** What curation reads of one logged question and its follow-ups (a subset of the question log's record). */
export interface LoggedQuestionView {
  readonly conversationHash: string;
  /** ISO 8601: orders the questions of a conversation. */
  readonly time: string;
  /** `typed` by the user, or built from triage clicks. */
  readonly source: string;
  /** Empty once purged after the retention period. */
  readonly text: string;
  /** `answer`, `clarify`, `none`, or a triage outcome (`list`, `empty`). */
  readonly decision: string;
  /** The entries the decision offered, best first. */
  readonly candidates: readonly { readonly id: string }[];
  /** Follow-ups, oldest first: `clicked` (entryId), `voted` (entryId, helpful), `rejected` (« aucune »), `commented`, `rephrased`. */
  readonly events: readonly { readonly kind: string; readonly entryId?: string; readonly helpful?: boolean }[];
}

const SEARCH_DECISIONS: ReadonlySet<string> = new Set<LoggedDecision>(['answer', 'clarify', 'none', 'smallTalk']);

/**
 * « Questions sans réponse »: the log's unanswered questions in clusters, most
 * asked first, each with its nearest entry (`limit` bounds the clusters scored).
 */
export function unansweredClusters(
  questions: Iterable<LoggedQuestionView>,
  tools: ClusteringTools,
  options: { readonly limit?: number } = {},
): Promise<QuestionCluster[]> {
  return clusterUnanswered(unansweredSamples(questions), tools, options);
}

/** « Propositions de formulations »: the log's phrasing proposals, most evidence first. */
export function phrasingProposalsFromLog(questions: Iterable<LoggedQuestionView>, options: PhrasingProposalOptions): PhrasingProposal[] {
  return derivePhrasingProposals(conversationsFromLog(questions), options);
}

/**
 * The unanswered typed questions, one sample per distinct text (folded) with
 * how often it was asked: declined ones, and clarifications the user
 * rejected (« aucune de ces questions »). Purged texts and small talk are left out.
 */
export function unansweredSamples(questions: Iterable<LoggedQuestionView>): QuestionSample[] {
  const byText = new Map<string, { id: string; text: string; count: number }>();
  for (const question of questions) {
    const rejected = question.events.some((event) => event.kind === 'rejected');
    if (question.source !== 'typed' || question.text.trim() === '' || !(question.decision === 'none' || rejected)) continue;
    // Small talk logged before the bot recognised it (an older version) is not a question to answer.
    if (detectSmallTalk(question.text) !== undefined) continue;
    const key = foldForComparison(question.text);
    const known = byText.get(key);
    byText.set(key, { id: key, text: known?.text ?? question.text.trim(), count: (known?.count ?? 0) + 1 });
  }
  return [...byText.values()];
}

/**
 * The log as conversations of phrasing events: each typed question (with
 * the entries it offered), then its clicks and votes; triage questions and
 * « aucune » end a follow-up. Questions are ordered by time in each conversation.
 */
export function conversationsFromLog(questions: Iterable<LoggedQuestionView>): ConversationEvents[] {
  const byConversation = new Map<string, LoggedQuestionView[]>();
  for (const question of questions) {
    const list = byConversation.get(question.conversationHash) ?? [];
    list.push(question);
    byConversation.set(question.conversationHash, list);
  }
  return [...byConversation.entries()].map(([conversation, list]) => ({
    conversation,
    events: [...list].sort((a, b) => (a.time < b.time ? -1 : a.time > b.time ? 1 : 0)).flatMap(eventsOf),
  }));
}

function eventsOf(question: LoggedQuestionView): PhrasingEvent[] {
  if (question.source !== 'typed' || !isSearchDecision(question.decision) || question.text.trim() === '') return [{ kind: 'other' }];
  const events: PhrasingEvent[] = [
    { kind: 'question', text: question.text, decision: question.decision, offered: question.candidates.map((candidate) => candidate.id) },
  ];
  for (const event of question.events) {
    if (event.kind === 'clicked' && event.entryId !== undefined) events.push({ kind: 'pick', entryId: event.entryId });
    else if (event.kind === 'voted' && event.entryId !== undefined && event.helpful !== undefined) {
      events.push({ kind: 'vote', entryId: event.entryId, helpful: event.helpful });
    } else if (event.kind === 'rejected') events.push({ kind: 'other' });
  }
  return events;
}

function isSearchDecision(decision: string): decision is LoggedDecision {
  return SEARCH_DECISIONS.has(decision);
}
