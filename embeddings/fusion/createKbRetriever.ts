import path from 'node:path';
import type { FaqEntry, KnowledgeBase } from '../../knowledge/index.js';
import type { EmbeddingProvider } from '../dense/EmbeddingProvider.js';
import { createFrenchAnalyzer, type TextAnalyzer } from '../lexical/frenchAnalyzer.js';
import { LexicalStore, type LoadedLexicalIndex } from '../lexical/LexicalStore.js';
import { HYBRID_WEIGHTS, type DenseCalibration, type FusionWeights } from './fusionSettings.js';
import { HybridRetriever } from './HybridRetriever.js';
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
  /**
   * Parent folder of the persisted indexes (one subfolder per provider, and
   * `lexical/`). Required for `dense` and `hybrid`; without it the lexical
   * index is analysed in memory at every start.
   */
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
  /** The lexical index and whether it was read from `indexDir` or analysed (and why). */
  readonly lexical: Omit<LoadedLexicalIndex, 'index'>;
}

/** Folder of the persisted lexical state inside the index folder. */
export const LEXICAL_DIR = 'lexical';

async function lexicalIndex(kb: KnowledgeBase, analyzer: TextAnalyzer, indexDir: string | undefined): Promise<LoadedLexicalIndex | undefined> {
  if (indexDir === undefined) return undefined;
  return LexicalStore.loadOrBuild({ dir: path.join(indexDir, LEXICAL_DIR), kbVersion: kb.version, entries: kb.entries, analyzer });
}

/**
 * Starts reading the persisted lexical state of `indexDir` in the background, before the KB is loaded: the server's
 * first step at start (the state's checks against the KB wait for createKbRetriever). The promise settles when the
 * state is read; it never rejects, and nothing need wait for it.
 */
export function prefetchKbIndexes(indexDir: string): Promise<void> {
  return LexicalStore.prefetch(path.join(indexDir, LEXICAL_DIR));
}

const IN_MEMORY = { rebuilt: true, reason: 'no index folder: analysed in memory' } as const;

/** Builds the retriever for a KB: each index (lexical, and vector for a dense half) loaded from disk, or built and saved. */
export async function createKbRetriever(options: CreateKbRetrieverOptions): Promise<KbRetriever> {
  const { kb, mode, provider } = options;
  const analyzer = createFrenchAnalyzer(kb.synonyms);
  const lexical = await lexicalIndex(kb, analyzer, options.indexDir);
  const lexicalStatus = lexical ? { rebuilt: lexical.rebuilt, reason: lexical.reason } : IN_MEMORY;
  if (mode === 'lexical') {
    return { retriever: HybridRetriever.create({ entries: kb.entries, analyzer, lexical: lexical?.index }), lexical: lexicalStatus };
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
    lexical: lexical?.index,
    dense: { provider, index: index.index, labels: index.labels, calibration: DENSE_CALIBRATIONS[provider.name] },
    ...(options.thresholds && { thresholds: options.thresholds }),
  });
  return { retriever, index, lexical: lexicalStatus };
}
