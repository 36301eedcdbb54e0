export type { EmbeddingProvider } from './EmbeddingProvider.js';
export type { VectorHit, VectorIndex } from './VectorIndex.js';
export type { Decision, RankedEntry, Retrieval, RetrieveOptions, Retriever } from './Retriever.js';
export { decide, DECISION_THRESHOLDS, MAX_CLARIFY_CANDIDATES, CLARIFY_SPREAD, NEARBY_SHARE } from './decide.js';
export type { DecisionThresholds } from './decide.js';
export { createFrenchAnalyzer, FRENCH_ELISIONS } from './frenchAnalyzer.js';
export type { TextAnalyzer } from './frenchAnalyzer.js';
export { Bm25Index, BM25_K1, BM25_B, TYPO_MIN_LENGTH, TYPO_MAX_EDITS, editDistance } from './Bm25Index.js';
export type { Bm25Hit } from './Bm25Index.js';
export { exactSearch, cosineSimilarity, l2Normalize } from './exactSearch.js';
export {
  HybridRetriever,
  DEFAULT_K,
  MAX_QUERY_CHARS,
  DENSE_NEIGHBOURS,
  RECENT_DENSE_QUERIES,
  LEXICAL_VIEW_WEIGHTS,
  COVERAGE_EXPONENT,
  DEFAULT_DENSE_CALIBRATION,
  HYBRID_WEIGHTS,
} from './HybridRetriever.js';
export type { DenseCalibration, DenseComponent, FusionWeights, HybridRetrieverOptions, VectorLabel } from './HybridRetriever.js';
export { UseEmbeddingProvider, loadEnergeticUseModel, USE_LITE_DIMENSION, USE_LITE_NAME } from './UseEmbeddingProvider.js';
export type { UseEmbeddingProviderOptions, UseModel, UseModelLoader } from './UseEmbeddingProvider.js';
export {
  HnswVectorIndex,
  loadHnswlib,
  readHnswHeader,
  DEFAULT_HNSW_PARAMS,
  HNSW_M,
  HNSW_EF_CONSTRUCTION,
  HNSW_EF_SEARCH,
  HNSW_RANDOM_SEED,
} from './HnswVectorIndex.js';
export type { HnswCreateOptions, HnswFileHeader, HnswLoadOptions, HnswLoader, HnswNative, HnswParams } from './HnswVectorIndex.js';
export { IndexStore, HNSW_BACKEND, INDEX_FORMAT_VERSION, EMBED_BATCH_SIZE, MANIFEST_FILE, LABELS_FILE, HNSW_FILE } from './IndexStore.js';
export type { IndexDocument, IndexManifest, LoadedIndex, LoadOrBuildOptions, VectorIndexBackend } from './IndexStore.js';
export { createKbRetriever, kbDocuments, DENSE_CALIBRATIONS } from './createKbRetriever.js';
export type { CreateKbRetrieverOptions, KbRetriever, RetrievalMode } from './createKbRetriever.js';
export {
  TransformersEmbeddingProvider,
  loadTransformersExtractor,
  TRANSFORMERS_NAME,
  DEFAULT_TRANSFORMERS_MODEL,
  TRANSFORMERS_BATCH_SIZE,
  E5_PREFIXES,
} from './TransformersEmbeddingProvider.js';
export type {
  FeatureExtractor,
  TextPrefixes,
  TransformersEmbeddingOptions,
  TransformersLoadRequest,
  TransformersLoader,
} from './TransformersEmbeddingProvider.js';
