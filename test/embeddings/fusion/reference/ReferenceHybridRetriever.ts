/**
 * The retriever as it was before the inverted index (issue 12): every query
 * scanned every document of the three BM25 collections. Kept, unchanged in its
 * scoring, as the reference the production retriever must rank exactly like
 * (test/embeddings/fusion/rankingEquivalence.test.ts).
 */
import type { FacetFilter, FaqEntry } from '../../../../knowledge/index.js';
import { entryPhrasings, matchesFilter } from '../../../../knowledge/index.js';
import { ReferenceBm25Index as Bm25Index } from '../../lexical/reference/ReferenceBm25Index.js';
import type { EmbeddingProvider } from '../../../../embeddings/dense/EmbeddingProvider.js';
import type { TextAnalyzer } from '../../../../embeddings/lexical/frenchAnalyzer.js';
import { QueryReader } from '../../../../embeddings/lexical/QueryReader.js';
import type { WeighedQuery } from '../../../../embeddings/lexical/queryEvidence.js';
import type { QueryScores, RankedEntry, RetrievalMode, RetrieveOptions, Retriever } from '../../../../embeddings/Retriever.js';
import type { DecisionThresholds } from '../../../../embeddings/decision/decide.js';
import type { VectorIndex } from '../../../../embeddings/dense/VectorIndex.js';

// The constants are production's own: the reference keeps the former scanning algorithm, not a second copy of the settings.
import {
  COVERAGE_EXPONENT, DEFAULT_DENSE_CALIBRATION, DEFAULT_K, DENSE_NEIGHBOURS, HYBRID_WEIGHTS, LEXICAL_VIEW_WEIGHTS, MAX_QUERY_CHARS, QUESTION_SHARE,
  type DenseCalibration, type FusionWeights,
} from '../../../../embeddings/fusion/fusionSettings.js';
import { LEXICAL_VIEWS, type LexicalView } from '../../../../embeddings/lexical/lexicalViews.js';

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

/** An entry's lexical score and its best single phrasing's (the order of entries at the capped score). */
interface LexicalScore {
  readonly score: number;
  readonly phrasing: number;
}

/** What the retriever ranks (the entries) and with what: the analyzer, the optional dense half and the fusion weights. */
export interface HybridRetrieverOptions {
  readonly entries: readonly FaqEntry[];
  readonly analyzer: TextAnalyzer;
  readonly dense?: DenseComponent;
  /** Defaults: HYBRID_WEIGHTS with a dense component, lexical only without. */
  readonly weights?: FusionWeights;
  /** Decision thresholds of a model calibration, carried by every retrieval (see ModelCalibration). */
  readonly thresholds?: DecisionThresholds;
}

/** One view's BM25 collection; document ids index `entryOf`. */
interface LexicalCollection {
  readonly index: Bm25Index;
  readonly entryOf: number[];
}

const VIEW_WEIGHT_SUM = Object.values(LEXICAL_VIEW_WEIGHTS).reduce((a, b) => a + b, 0);

/**
 * Fuses a dense vector search and a French BM25 search into one score per
 * entry in [0, 1], after restricting to the entries that match the triage
 * facets, then scales it by the query's coverage. Dense scores take an
 * entry's best phrasing and lexical scores an entry's best document in each
 * view, so adding an alternate can only help the entry it belongs to.
 */
export class ReferenceHybridRetriever implements Retriever {
  readonly description: string;
  private readonly lexical: Readonly<Record<LexicalView, LexicalCollection>>;
  private readonly entryIndexById: ReadonlyMap<string, number>;
  private readonly weights: FusionWeights;
  private readonly mode: RetrievalMode;
  private readonly reader: QueryReader;

  private constructor(private readonly options: HybridRetrieverOptions) {
    const { entries, analyzer, dense } = options;
    this.weights = options.weights ?? (dense ? HYBRID_WEIGHTS : { dense: 0, lexical: 1 });
    if (!dense && this.weights.dense > 0) {
      throw new Error('HybridRetriever.create: dense weight without a dense component');
    }
    this.entryIndexById = new Map(entries.map((entry, i) => [entry.id, i]));
    const collection = (): LexicalCollection => ({ index: new Bm25Index(analyzer), entryOf: [] });
    this.lexical = { phrasing: collection(), phrasings: collection(), answer: collection() };
    entries.forEach((entry, entryIndex) => {
      const phrasings = entryPhrasings(entry);
      for (const text of phrasings) this.addLexical('phrasing', text, entryIndex);
      this.addLexical('phrasings', phrasings.join('\n'), entryIndex);
      this.addLexical('answer', entry.answer, entryIndex);
    });
    this.reader = new QueryReader(entries, analyzer);
    this.mode = this.weights.lexical === 0 ? 'dense' : this.weights.dense === 0 ? 'lexical' : 'hybrid';
    this.description = dense && this.weights.dense > 0 ? `${this.mode}(${dense.provider.name}:${dense.provider.model})` : this.mode;
  }

  static create(options: HybridRetrieverOptions): ReferenceHybridRetriever {
    return new ReferenceHybridRetriever(options);
  }

  async score(query: string): Promise<QueryScores> {
    const text = query.trim().slice(0, MAX_QUERY_CHARS);
    const mode = this.mode;
    if (text === '') return { query, rank: () => ({ query, ranked: [], mode }) };
    const { terms, questionTerms, weighed } = this.reader.read(text);
    const lexical = this.weights.lexical > 0 ? this.lexicalScores(terms, questionTerms) : new Map<number, LexicalScore>();
    const dense = this.weights.dense > 0 ? await this.denseScores(text) : new Map<number, number>();
    const coverage = this.coverage(terms) ** COVERAGE_EXPONENT;
    return {
      query,
      evidence: weighed.evidence,
      rank: (options: RetrieveOptions = {}) => ({
        query,
        ranked: this.rank(lexical, dense, coverage, weighed, options),
        mode,
        evidence: weighed.evidence,
        ...(this.options.thresholds && { thresholds: this.options.thresholds }),
      }),
    };
  }

  /** The fused ranking of the entries the filter allows; every score was computed beforehand, whatever the filter. */
  private rank(
    lexical: ReadonlyMap<number, LexicalScore>,
    dense: ReadonlyMap<number, number>,
    coverage: number,
    weighed: WeighedQuery,
    options: RetrieveOptions,
  ): RankedEntry[] {
    const fused: { entry: RankedEntry; uncapped: number; phrasing: number }[] = [];
    for (const entryIndex of this.allowedEntries(options.filter)) {
      const lex = lexical.get(entryIndex)?.score ?? 0;
      const den = dense.get(entryIndex) ?? 0;
      const uncapped = coverage * (this.weights.dense * den + this.weights.lexical * lex);
      if (uncapped <= 0) continue;
      const match = weighed.match(entryIndex);
      const phrasing = lexical.get(entryIndex)?.phrasing ?? 0;
      fused.push({ entry: { entry: this.options.entries[entryIndex], score: Math.min(1, uncapped), dense: den, lexical: lex, match }, uncapped, phrasing });
    }
    // Lexical scores can exceed 1 (a short phrasing holding every query word): the confidence is capped at 1,
    // but the order follows the uncapped value, then how much of the question the entry's words explain, so two
    // close entries are told apart by evidence, never by their names. Among the k kept, those at the cap are
    // ordered by their best single phrasing (a stable sort keeps the order otherwise).
    fused.sort((a, b) => b.uncapped - a.uncapped || (b.entry.match?.question ?? 0) - (a.entry.match?.question ?? 0) || a.entry.entry.id.localeCompare(b.entry.entry.id));
    const kept = fused.slice(0, options.k ?? DEFAULT_K);
    const saturated = kept.filter((f) => f.uncapped >= 1).sort((a, b) => b.phrasing - a.phrasing);
    return [...saturated, ...kept.slice(saturated.length)].map((f) => f.entry);
  }

  private addLexical(view: LexicalView, text: string, entryIndex: number): void {
    const { index, entryOf } = this.lexical[view];
    index.add(entryOf.length, text);
    entryOf.push(entryIndex);
  }

  /** Share of the query's analysed terms that some view knows (see Bm25Index.coverage). */
  private coverage(terms: readonly string[]): number {
    if (terms.length === 0) return 0;
    const known = terms.filter((term) => LEXICAL_VIEWS.some((view) => this.lexical[view].index.knows(term)));
    return known.length / terms.length;
  }

  private allowedEntries(filter: FacetFilter | undefined): Set<number> {
    const allowed = new Set<number>();
    this.options.entries.forEach((entry, i) => {
      if (!filter || matchesFilter(entry, filter)) allowed.add(i);
    });
    return allowed;
  }

  /**
   * Each entry's lexical score; with a question told apart from its context, the mix of its score against the
   * question and against the whole message (QUESTION_SHARE).
   */
  private lexicalScores(terms: readonly string[], questionTerms?: readonly string[]): Map<number, LexicalScore> {
    const message = this.viewScores(terms);
    if (!questionTerms) return message;
    const question = this.viewScores(questionTerms);
    const mixed = new Map<number, LexicalScore>();
    const mix = (q: number | undefined, m: number | undefined): number => QUESTION_SHARE * (q ?? 0) + (1 - QUESTION_SHARE) * (m ?? 0);
    for (const entryIndex of new Set([...message.keys(), ...question.keys()])) {
      const [q, m] = [question.get(entryIndex), message.get(entryIndex)];
      mixed.set(entryIndex, { score: mix(q?.score, m?.score), phrasing: mix(q?.phrasing, m?.phrasing) });
    }
    return mixed;
  }

  /** Weighted mean, over the three views, of each entry's best normalised BM25 score in that view, and its best single phrasing's. */
  private viewScores(terms: readonly string[]): Map<number, LexicalScore> {
    const best = new Map<number, Record<LexicalView, number>>();
    for (const view of LEXICAL_VIEWS) {
      const { index, entryOf } = this.lexical[view];
      for (const hit of index.searchTerms(terms, index.size)) {
        const entryIndex = entryOf[hit.docId];
        const views = best.get(entryIndex) ?? { phrasing: 0, phrasings: 0, answer: 0 };
        views[view] = Math.max(views[view], hit.normalized);
        best.set(entryIndex, views);
      }
    }
    const scores = new Map<number, LexicalScore>();
    for (const [entryIndex, views] of best) {
      const sum = LEXICAL_VIEWS.reduce((acc, view) => acc + LEXICAL_VIEW_WEIGHTS[view] * views[view], 0);
      scores.set(entryIndex, { score: sum / VIEW_WEIGHT_SUM, phrasing: views.phrasing });
    }
    return scores;
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
