import type { FacetFilter } from '../../knowledge/index.js';
import type { QueryEvidence, RankedEntry, Retrieval, Retriever } from '../Retriever.js';
import { decide, type Decision } from './decide.js';
import { smallTalkOf, type SmallTalkKind } from './smallTalk.js';

/** Entries ranked per question: enough for the clarify list and the next best answers after a 👎. */
export const SEARCH_K = 5;
/** Next best answers offered after a 👎. */
export const MAX_NEXT_BEST = 3;
/**
 * How much better an entry outside the chosen facets must score to win over
 * the best one inside them: the user has moved on to another subject (a new
 * question after an answer), and the facets must not hide the right answer.
 */
export const FACET_OVERRIDE_MARGIN = 0.1;

/** What every answer carries besides its decision: the question, the ranking decided on, and whether the facets were set aside. */
interface AnswerContext {
  readonly question: string;
  /** The ranking the decision was made on (inside the facets, or over the whole FAQ when `relaxed`). */
  readonly retrieval: Retrieval;
  /** The triage facets were set aside: nothing usable matched inside them, or an entry outside was clearly better. */
  readonly relaxed: boolean;
}

/** What a decided question carries besides the context: the calibrated probability that the best entry is right, when the model decided. */
interface Decided extends AnswerContext {
  readonly confidence?: number;
}

/**
 * What the bot does with a question and what it shows: one answer (with its
 * 1-based rank and the runner-ups offered after a 👎), « Vouliez-vous dire… »
 * candidates, or no answer with the nearby questions worth showing.
 */
export type Answer =
  | (Decided & {
      readonly kind: 'answer';
      readonly best: RankedEntry;
      readonly rank: number;
      readonly alternatives: readonly RankedEntry[];
    })
  | (Decided & { readonly kind: 'clarify'; readonly candidates: readonly RankedEntry[] })
  | (Decided & { readonly kind: 'none'; readonly nearby: readonly RankedEntry[] })
  /** Not a question about the FAQ (a greeting, thanks, « aide », an insult…): a kind reply, never an unanswered question. */
  | (AnswerContext & { readonly kind: 'smallTalk'; readonly talk: SmallTalkKind });

/**
 * The one answering path of the bot, `npm run ask`, `npm run eval` and the
 * bench. The question is scored once; with triage facets, the decision inside
 * them wins unless nothing usable matches there or an entry outside them is
 * clearly better. Small talk is told apart before any search. Retrieval
 * failures propagate (they are real failures).
 */
export async function answerQuestion(retriever: Retriever, question: string, facets: FacetFilter = {}): Promise<Answer> {
  const talk = await smallTalkKind(retriever, question);
  if (talk) return { kind: 'smallTalk', talk, question, retrieval: { query: question, ranked: [] }, relaxed: false };
  const scores = await retriever.score(question);
  const whole = (): Retrieval => scores.rank({ k: SEARCH_K });
  if (Object.keys(facets).length === 0) return toAnswer(question, whole(), false);
  const inside = scores.rank({ k: SEARCH_K, filter: facets });
  const outside = whole();
  const [insideDecision, outsideDecision] = [decide(inside), decide(outside)];
  const outsideWins =
    outsideDecision.kind !== 'none' &&
    (insideDecision.kind === 'none' || bestScore(outsideDecision) - bestScore(insideDecision) >= FACET_OVERRIDE_MARGIN);
  return outsideWins ? toAnswer(question, outside, true) : toAnswer(question, inside, false);
}

/**
 * The kind of small talk a message is, if any. Small talk with a few other
 * words (« merci, ça m’éclaire ») or typos (« bonjoru ») is confirmed when the FAQ knows none of those words (the IDF
 * coverage of their terms is 0; the FAQ's own texts, not the questions vendors asked), so « aide au référencement » or « ok, le DMP »
 * are still searched; and when each typo is a term of its own, so that a
 * common word one letter from a small-talk word (« pourra », « pourri ») is not read as one.
 * A message that names nothing (« et alors ? ») is confirmed when its `unnamed` words carry no term
 * at all: « Quelle est la hauteur de la tour Eiffel ? » names a subject, and is declined as a question.
 */
async function smallTalkKind(retriever: Retriever, question: string): Promise<SmallTalkKind | undefined> {
  const talk = smallTalkOf(question);
  if (!talk?.confirm) return talk?.kind;
  const around = talk.confirm;
  // Against the FAQ's own texts: words only vendors' asked questions hold are chatter, not the FAQ's subject.
  // The words' analysis only: ranking the KB for them (a walk of hundreds of entries at 10,000) would decide nothing.
  const evidenceOf = async (words: readonly string[]): Promise<QueryEvidence | undefined> => {
    const scores = await retriever.score(words.join(' '));
    return scores.ownEvidence?.() ?? scores.evidence;
  };
  const unknown = async (words: readonly string[]): Promise<QueryEvidence | undefined> => {
    const evidence = await evidenceOf(words);
    return evidence && evidence.coverage === 0 ? evidence : undefined;
  };
  if (around.outside.length + around.typos.length > 0 && !(await unknown([...around.outside, ...around.typos]))) return undefined;
  for (const typo of around.typos) if (((await unknown([typo]))?.questionTerms ?? 0) === 0) return undefined;
  if (around.unnamed && around.unnamed.length > 0 && (await evidenceOf(around.unnamed))?.questionTerms !== 0) return undefined;
  return around.kind;
}

function toAnswer(question: string, retrieval: Retrieval, relaxed: boolean): Answer {
  const decision = decide(retrieval);
  const context = { question, retrieval, relaxed, ...(decision.confidence !== undefined && { confidence: decision.confidence }) };
  switch (decision.kind) {
    case 'answer': {
      const { best, ranked } = decision;
      const alternatives = ranked.filter((candidate) => candidate.entry.id !== best.entry.id).slice(0, MAX_NEXT_BEST);
      return { ...context, kind: 'answer', best, rank: ranked.indexOf(best) + 1, alternatives };
    }
    case 'clarify':
      return { ...context, kind: 'clarify', candidates: decision.candidates };
    case 'none':
      return { ...context, kind: 'none', nearby: decision.nearby };
  }
}

/**
 * The entries the user is offered as buttons, in order: the « Vouliez-vous
 * dire… » candidates, or the nearby questions of a `none`. A direct answer
 * shows its answer, no question buttons (its runner-ups come after a 👎).
 */
export function shownEntries(answer: Answer): readonly RankedEntry[] {
  switch (answer.kind) {
    case 'answer':
    case 'smallTalk':
      return [];
    case 'clarify':
      return answer.candidates;
    case 'none':
      return answer.nearby;
  }
}

/** Best score of a decision's ranking (0 when nothing was ranked). */
function bestScore(decision: Decision): number {
  return decision.ranked[0]?.score ?? 0;
}
