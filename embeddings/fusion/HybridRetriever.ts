import type { FaqEntry } from '../../knowledge/index.js';
import { matchesFilter } from '../../knowledge/index.js';
import { ANSWER_VIEW, buildLexicalIndex, LEXICAL_VIEWS, PHRASING_VIEW, PHRASINGS_VIEW } from '../lexical/lexicalViews.js';
import type { LexicalIndex } from '../lexical/LexicalIndex.js';
import { forEachCandidateScore, type WeightedQuery } from '../lexical/candidateWalk.js';
import type { EmbeddingProvider } from '../dense/EmbeddingProvider.js';
import type { TextAnalyzer } from '../lexical/frenchAnalyzer.js';
import { indexTermEntries } from '../lexical/indexTermEntries.js';
import { QueryReader } from '../lexical/QueryReader.js';
import type { WeighedQuery } from '../lexical/queryEvidence.js';
import type { DecisionThresholds } from '../decision/decide.js';
import type { QueryScores, RankedEntry, RetrievalMode, RetrieveOptions, Retriever } from '../Retriever.js';
import type { VectorIndex } from '../dense/VectorIndex.js';
import {
  COVERAGE_EXPONENT,
  DEFAULT_DENSE_CALIBRATION,
  DEFAULT_K,
  DENSE_NEIGHBOURS,
  HYBRID_WEIGHTS,
  MAX_QUERY_CHARS,
  QUESTION_SHARE,
  VIEW_WEIGHTS,
  type DenseCalibration,
  type FusionWeights,
} from './fusionSettings.js';
import { TopK } from './TopK.js';

/** One text of the vector index and the entry it points to. */
export interface VectorLabel {
  readonly entryId: string;
  readonly kind: 'question' | 'alternate' | 'answer';
}

/** The dense half of the retriever: a provider and the index built with it. */
export interface DenseComponent {
  readonly provider: EmbeddingProvider;
  readonly index: VectorIndex;
  /** Label → entry, as stored beside the index. */
  readonly labels: readonly VectorLabel[];
  readonly calibration?: DenseCalibration;
}

/** What the retriever ranks (the entries) and with what: the analyzer, the optional dense half and the fusion weights. */
export interface HybridRetrieverOptions {
  readonly entries: readonly FaqEntry[];
  readonly analyzer: TextAnalyzer;
  readonly dense?: DenseComponent;
  /** Defaults: HYBRID_WEIGHTS with a dense component, lexical only without. */
  readonly weights?: FusionWeights;
  /** The entries' lexical index, when restored from disk (LexicalStore); built from the entries otherwise. */
  readonly lexical?: LexicalIndex;
  /** Decision thresholds of a model calibration, carried by every retrieval (see ModelCalibration). */
  readonly thresholds?: DecisionThresholds;
}


/**
 * Fuses a dense vector search and a French BM25 search into one score per
 * entry in [0, 1], after restricting to the entries that match the triage
 * facets, then scales it by the query's coverage. Dense scores take an
 * entry's best phrasing and lexical scores an entry's best document in each
 * view, so adding an alternate can only help the entry it belongs to.
 */
export class HybridRetriever implements Retriever {
  readonly description: string;
  private readonly lexical: LexicalIndex;
  private readonly entryIndexById: ReadonlyMap<string, number>;
  private readonly weights: FusionWeights;
  private readonly mode: RetrievalMode;
  private readonly reader: QueryReader;
  /** Whether some entry has asked questions: queries then also read against the FAQ's own texts (QueryScores.ownEvidence). */
  private readonly hasAsked: boolean;
  /** The reader of the FAQ's own texts, built at its first use. */
  private ownReader: QueryReader | undefined;

  private constructor(private readonly options: HybridRetrieverOptions) {
    const { entries, analyzer, dense } = options;
    this.weights = options.weights ?? (dense ? HYBRID_WEIGHTS : { dense: 0, lexical: 1 });
    if (!dense && this.weights.dense > 0) {
      throw new Error('HybridRetriever.create: dense weight without a dense component');
    }
    this.entryIndexById = new Map(entries.map((entry, i) => [entry.id, i]));
    this.hasAsked = entries.some((entry) => entry.asked !== undefined);
    this.lexical = options.lexical ?? buildLexicalIndex(entries, analyzer);
    if (this.lexical.state.entryCount !== entries.length || this.lexical.viewCount !== LEXICAL_VIEWS.length) {
      throw new Error(`HybridRetriever.create: the lexical index has ${this.lexical.state.entryCount} entries, the KB ${entries.length}`);
    }
    this.reader = new QueryReader(entries, analyzer, indexTermEntries(this.lexical, [PHRASINGS_VIEW, ANSWER_VIEW]), indexTermEntries(this.lexical, [ANSWER_VIEW]));
    this.mode = this.weights.lexical === 0 ? 'dense' : this.weights.dense === 0 ? 'lexical' : 'hybrid';
    this.description = dense && this.weights.dense > 0 ? `${this.mode}(${dense.provider.name}:${dense.provider.model})` : this.mode;
  }

  static create(options: HybridRetrieverOptions): HybridRetriever {
    return new HybridRetriever(options);
  }

  async score(query: string): Promise<QueryScores> {
    const text = query.trim().slice(0, MAX_QUERY_CHARS);
    const mode = this.mode;
    if (text === '') return { query, rank: () => ({ query, ranked: [], mode }) };
    const { terms, questionTerms, weighed } = this.reader.read(text);
    const lexical = this.weights.lexical > 0 ? this.lexicalQuery(terms, questionTerms) : undefined;
    const dense = this.weights.dense > 0 ? await this.denseScores(text) : new Map<number, number>();
    const coverage = this.lexical.coverage(terms) ** COVERAGE_EXPONENT;
    return {
      query,
      evidence: weighed.evidence,
      ...(this.hasAsked && { ownEvidence: () => this.ownTextsReader().read(text).weighed.evidence }),
      rank: (options: RetrieveOptions = {}) => ({
        query,
        ranked: this.rank(lexical, dense, coverage, weighed, options),
        mode,
        evidence: weighed.evidence,
        ...(this.options.thresholds && { thresholds: this.options.thresholds }),
      }),
    };
  }

  /** Reads queries against the entries without their asked questions (analysed once, when first needed: small talk is rare). */
  private ownTextsReader(): QueryReader {
    this.ownReader ??= new QueryReader(
      this.options.entries.map(({ asked: _asked, ...entry }) => entry),
      this.options.analyzer,
    );
    return this.ownReader;
  }

  /**
   * The query's lexical side; with a question told apart from its context, each
   * entry's score mixes its score against the question and against the whole
   * message (QUESTION_SHARE).
   */
  private lexicalQuery(terms: readonly string[], questionTerms?: readonly string[]): LexicalScorer {
    const message = this.lexical.query(terms, VIEW_WEIGHTS);
    if (!questionTerms) {
      return { parts: [{ query: message, factor: 1 }], score: (entry) => message.scoreEntry(entry), phrasing: (entry) => message.viewScore(entry, PHRASING_VIEW) };
    }
    const question = this.lexical.query(questionTerms, VIEW_WEIGHTS);
    // Σ factor × part score in part order, as the candidate walk adds them (forEachCandidateScore).
    const score = (entry: number): number => QUESTION_SHARE * question.scoreEntry(entry) + (1 - QUESTION_SHARE) * message.scoreEntry(entry);
    const phrasing = (entry: number): number =>
      QUESTION_SHARE * question.viewScore(entry, PHRASING_VIEW) + (1 - QUESTION_SHARE) * message.viewScore(entry, PHRASING_VIEW);
    return { parts: [{ query: question, factor: QUESTION_SHARE }, { query: message, factor: 1 - QUESTION_SHARE }], score, phrasing };
  }

  /**
   * The fused ranking of the entries the filter allows; what the query costs
   * (analysis, typo correction, embedding) was paid once in score(). Entries
   * with a dense score are scored first; then the lexical candidates, skipping
   * those whose bound cannot reach the k-th best so far (their dense part is 0,
   * so their fused score is coverage × lexical weight × lexical score).
   */
  private rank(
    lexical: LexicalScorer | undefined,
    dense: ReadonlyMap<number, number>,
    coverage: number,
    weighed: WeighedQuery,
    options: RetrieveOptions,
  ): RankedEntry[] {
    const top = new TopK(options.k ?? DEFAULT_K, this.options.entries, {
      match: (entryIndex) => weighed.match(entryIndex),
      phrasing: (entryIndex) => lexical?.phrasing(entryIndex) ?? 0,
    });
    const allowed = (entry: FaqEntry): boolean => !options.filter || matchesFilter(entry, options.filter);
    const fuse = (entryIndex: number, den: number, lex: number): void => {
      const uncapped = coverage * (this.weights.dense * den + this.weights.lexical * lex);
      if (uncapped > 0) top.offer(entryIndex, uncapped, den, lex);
    };
    for (const [entryIndex, den] of dense) {
      if (allowed(this.options.entries[entryIndex])) fuse(entryIndex, den, lexical ? lexical.score(entryIndex) : 0);
    }
    const scale = coverage * this.weights.lexical;
    if (lexical && scale > 0) {
      const accept = (entryIndex: number): boolean => !dense.has(entryIndex) && allowed(this.options.entries[entryIndex]);
      forEachCandidateScore(lexical.parts, () => top.threshold() / scale, accept, (entryIndex, lex) => fuse(entryIndex, 0, lex));
    }
    return top.ranked();
  }

  /** Best calibrated cosine similarity of each entry's vectors (all entries: facets filter afterwards). */
  private async denseScores(text: string): Promise<Map<number, number>> {
    const dense = this.options.dense;
    const scores = new Map<number, number>();
    if (!dense) return scores;
    let vector: Float32Array;
    try {
      [vector] = await dense.provider.embed([text], 'query');
    } catch (cause) {
      throw new Error(`HybridRetriever.score: embedding the query with ${dense.provider.name} failed`, { cause });
    }
    const { floor, ceil } = dense.calibration ?? DEFAULT_DENSE_CALIBRATION;
    const k = Math.min(DENSE_NEIGHBOURS, dense.index.size);
    for (const hit of dense.index.search(vector, k)) {
      const label = dense.labels[hit.label];
      const entryIndex = label ? this.entryIndexById.get(label.entryId) : undefined;
      if (entryIndex === undefined) continue;
      const score = Math.min(1, Math.max(0, (hit.similarity - floor) / (ceil - floor)));
      if (score > (scores.get(entryIndex) ?? 0)) scores.set(entryIndex, score);
    }
    return scores;
  }
}

/** How an entry's lexical score is computed (one query, or a mix of two), and the weighted queries its candidates are walked with. */
interface LexicalScorer {
  readonly parts: readonly WeightedQuery[];
  score(entryIndex: number): number;
  /** The entry's score in its best single phrasing, mixed as `score` is (TopK orders saturated entries by it). */
  phrasing(entryIndex: number): number;
}
