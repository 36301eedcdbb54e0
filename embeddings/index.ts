export type { EmbeddingProvider } from './EmbeddingProvider.js';
export type { VectorHit, VectorIndex } from './VectorIndex.js';
export type { Decision, RankedEntry, Retrieval, RetrieveOptions, Retriever } from './Retriever.js';
export { decide, MIN_ANSWER_SCORE, CONFIDENT_SCORE, CLEAR_MARGIN, MAX_CLARIFY_CANDIDATES } from './decide.js';
export { createFrenchAnalyzer, foldAccents, FRENCH_ELISIONS } from './frenchAnalyzer.js';
export type { TextAnalyzer } from './frenchAnalyzer.js';
export { Bm25Index, BM25_K1, BM25_B } from './Bm25Index.js';
export type { Bm25Hit } from './Bm25Index.js';
export { exactSearch, cosineSimilarity, l2Normalize } from './exactSearch.js';
export {
  HybridRetriever,
  DEFAULT_K,
  MAX_QUERY_CHARS,
  DENSE_NEIGHBOURS,
  ANSWER_LEXICAL_WEIGHT,
  DEFAULT_DENSE_CALIBRATION,
  HYBRID_WEIGHTS,
} from './HybridRetriever.js';
export type { DenseCalibration, DenseComponent, FusionWeights, HybridRetrieverOptions, VectorLabel } from './HybridRetriever.js';
export { UseEmbeddingProvider, loadEnergeticUseModel, USE_LITE_DIMENSION, USE_LITE_NAME } from './UseEmbeddingProvider.js';
export type { UseEmbeddingProviderOptions, UseModel, UseModelLoader } from './UseEmbeddingProvider.js';
