import type { FacetFilter, FaqEntry } from '../knowledge/index.js';
import type { DecisionThresholds } from './decision/decide.js';

/** Which scores a retriever fuses; the decision thresholds depend on it. */
export type RetrievalMode = 'lexical' | 'dense' | 'hybrid';

/** One entry in a ranked result list. */
export interface RankedEntry {
  readonly entry: FaqEntry;
  /** Fused score, calibrated to [0, 1]: the confidence that this entry answers the query. */
  readonly score: number;
  /** Component scores, for diagnostics and evaluation. */
  readonly dense?: number;
  readonly lexical?: number;
  /** How much of the query the entry's own words explain (lexical retrievers). */
  readonly match?: EntryMatch;
}

/** IDF-weighted shares, in [0, 1], of the query's terms that an entry's words contain. */
export interface EntryMatch {
  /** Of the question (the sentence that asks, in a longer message). */
  readonly question: number;
  /** Of the whole message. */
  readonly message: number;
  /** Of the question, by the agency's answer alone (its words, not the phrasings we wrote). */
  readonly answer?: number;
  /** Whether the entry names the action a « comment… » question asks how to do (absent when no such action is asked). */
  readonly action?: boolean;
}

/** What the analysis of the query says, whichever entry is ranked: the decision's inputs besides the scores. */
export interface QueryEvidence {
  /** The sentence that asks (the whole message when no context was told apart), after elision repair. */
  readonly question: string;
  /** IDF-weighted share of the question's terms the KB knows (a typo one edit from a known word counts). */
  readonly coverage: number;
  /** The same over the whole message, context included. */
  readonly messageCoverage: number;
  /** Share of the question's terms the KB does not know at all. */
  readonly unknownRarity: number;
  /** Distinct analysed terms in the question. */
  readonly questionTerms: number;
  /** The message is written in English. */
  readonly english: boolean;
  /** The message describes a situation before its question (see splitQuestion). */
  readonly withContext: boolean;
}

/** Restrictions of one ranking: facets and number of results. */
export interface RetrieveOptions {
  /** Facets chosen in the triage: only matching entries are returned. */
  readonly filter?: FacetFilter;
  /** How many entries to return (default 5). */
  readonly k?: number;
}

/** The ranked entries for one query. */
export interface Retrieval {
  readonly query: string;
  readonly ranked: readonly RankedEntry[];
  /** Which scores were fused. Absent means lexical. */
  readonly mode?: RetrievalMode;
  /** The query's analysis, when the retriever makes one (the calibrated decision needs it). */
  readonly evidence?: QueryEvidence;
  /** Thresholds measured for this retriever's model on this KB (a model calibration), overriding the mode's defaults. */
  readonly thresholds?: DecisionThresholds;
}

/**
 * A query scored against every entry. An entry's score does not depend on
 * the facets, so ranking the same scores inside the triage facets and over the
 * whole FAQ needs the costly work (analysis, query embedding) only once.
 */
export interface QueryScores {
  readonly query: string;
  /** The best entries among those matching `options.filter`, best first. Pure and cheap. */
  rank(options?: RetrieveOptions): Retrieval;
  /**
   * The query's analysis, the one each of its rankings carries (Retrieval.evidence), read without ranking: the
   * small-talk check needs a few words' evidence, not a search. Absent when the retriever makes no analysis.
   */
  readonly evidence?: QueryEvidence;
  /**
   * The query's evidence weighed against the FAQ's own texts only (questions,
   * alternates, answers), leaving out the questions vendors asked: what a few
   * words beside small talk are checked against, since the chatter of those
   * questions (« répondre », « humain ») is not what the FAQ is about. Absent
   * when the KB has no asked question (the ranking's evidence is the same).
   */
  readonly ownEvidence?: () => QueryEvidence;
}

/**
 * Finds the FAQ entries that best answer a free-text question.
 * Implementation: `HybridRetriever` (dense + lexical fusion).
 */
export interface Retriever {
  /** Names the active retrieval mode for logs and /healthz, e.g. "hybrid(use-lite)". */
  readonly description: string;
  /** Scores every entry for `query`; a failed query embedding rejects (it is a real failure). */
  score(query: string): Promise<QueryScores>;
}

