/**
 * What the other folders use from embeddings/ (the bot, the server and CLIs,
 * the evaluation and the bench). Inside, by role:
 * - `lexical/`: French analyser and BM25;
 * - `dense/`: embedding providers, the HNSW vector index and its persisted store;
 * - `fusion/`: the hybrid retriever and its construction for a KB;
 * - `decision/`: the thresholds, the decision and the one answering entry point.
 */
export type { QueryScores, RankedEntry, Retrieval, RetrievalMode, RetrieveOptions, Retriever } from './Retriever.js';
export { answerQuestion, shownEntries, type Answer } from './decision/answerQuestion.js';
export { warmUpAnswering, warmUpTexts, WARM_UP_BUDGET_MS, WARM_UP_TEXTS, type WarmUpOptions, type WarmUpReport } from './decision/warmUp.js';
export { decide, type Decision, type DecisionThresholds } from './decision/decide.js';
export { detectSmallTalk, type SmallTalkKind } from './decision/smallTalk.js';
export { calibrationFile, readModelCalibration, writeModelCalibration, type ModelCalibration } from './decision/modelCalibration.js';
export { createKbRetriever, kbDocuments, prefetchKbIndexes } from './fusion/createKbRetriever.js';
export type { EmbeddingProvider } from './dense/EmbeddingProvider.js';
export type { VectorHit, VectorIndex } from './dense/VectorIndex.js';
export { exactSearch, cosineSimilarity, l2Normalize } from './dense/exactSearch.js';
export { HnswVectorIndex } from './dense/HnswVectorIndex.js';
export { IndexStore } from './dense/IndexStore.js';
export { TransformersEmbeddingProvider } from './dense/TransformersEmbeddingProvider.js';
export { UseEmbeddingProvider } from './dense/UseEmbeddingProvider.js';
export {
  clusterQuestions,
  clusterUnanswered,
  CLUSTER_SIMILARITY,
  NEAREST_SAMPLE,
  type ClusterMember,
  type ClusteringTools,
  type ClusterOptions,
  type NearestEntry,
  type QuestionCluster,
  type QuestionSample,
} from './clustering/clusterQuestions.js';
export { createFrenchAnalyzer, type TextAnalyzer } from './lexical/frenchAnalyzer.js';
