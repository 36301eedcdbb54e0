import path from 'node:path';
import type { FaqEntry, KnowledgeBase } from '../../knowledge/index.js';
import type { EmbeddingProvider } from '../dense/EmbeddingProvider.js';
import { createFrenchAnalyzer } from '../lexical/frenchAnalyzer.js';
import { HybridRetriever, HYBRID_WEIGHTS, type DenseCalibration, type FusionWeights } from './HybridRetriever.js';
import { IndexStore, type IndexDocument, type LoadedIndex, type VectorIndexBackend } from '../dense/IndexStore.js';
import type { RetrievalMode } from '../Retriever.js';
import type { DecisionThresholds } from '../decision/decide.js';

/**
 * Similarity ranges per provider name (see DenseCalibration), read off the
 * evaluation set's score distributions (`npm run eval`).
 */
export const DENSE_CALIBRATIONS: Readonly<Record<string, DenseCalibration>> = {
  'use-lite': { floor: 0.8, ceil: 0.95 },
  transformers: { floor: 0.75, ceil: 0.93 },
};

/** The texts embedded for each entry: its question and alternates (answers are matched lexically only). */
export function kbDocuments(entries: readonly FaqEntry[]): IndexDocument[] {
  return entries.flatMap((entry) => [
    { entryId: entry.id, text: entry.question, kind: 'question' as const },
    ...entry.alternates.map((text) => ({ entryId: entry.id, text, kind: 'alternate' as const })),
  ]);
}

/** The knowledge base, the mode, and for a dense half its provider and index folder. */
export interface CreateKbRetrieverOptions {
  readonly kb: KnowledgeBase;
  readonly mode: RetrievalMode;
  /** Required for `dense` and `hybrid`. */
  readonly provider?: EmbeddingProvider;
  /** Parent folder of the persisted indexes (one subfolder per provider). */
  readonly indexDir?: string;
  readonly onProgress?: (done: number, total: number) => void;
  readonly backend?: VectorIndexBackend;
  /** The decision thresholds of the provider's calibration on this KB (see ModelCalibration). */
  readonly thresholds?: DecisionThresholds;
}

/** The retriever built for a knowledge base, with the vector index it uses. */
export interface KbRetriever {
  readonly retriever: HybridRetriever;
  /** The persisted vector index, when the mode has a dense half. */
  readonly index?: LoadedIndex;
}

/** Builds the retriever for a KB: the lexical index in memory, the vector index loaded from disk or rebuilt. */
export async function createKbRetriever(options: CreateKbRetrieverOptions): Promise<KbRetriever> {
  const { kb, mode, provider } = options;
  const analyzer = createFrenchAnalyzer(kb.synonyms);
  if (mode === 'lexical') {
    return { retriever: HybridRetriever.create({ entries: kb.entries, analyzer }) };
  }
  if (!provider || !options.indexDir) {
    throw new Error(`createKbRetriever: mode "${mode}" needs an embedding provider and an index folder`);
  }
  const index = await IndexStore.loadOrBuild({
    dir: path.join(options.indexDir, provider.name),
    provider,
    kbVersion: kb.version,
    documents: kbDocuments(kb.entries),
    onProgress: options.onProgress,
    backend: options.backend,
  });
  const weights: FusionWeights = mode === 'dense' ? { dense: 1, lexical: 0 } : HYBRID_WEIGHTS;
  const retriever = HybridRetriever.create({
    entries: kb.entries,
    analyzer,
    weights,
    dense: { provider, index: index.index, labels: index.labels, calibration: DENSE_CALIBRATIONS[provider.name] },
    ...(options.thresholds && { thresholds: options.thresholds }),
  });
  return { retriever, index };
}
