export type { EmbeddingProvider } from './EmbeddingProvider.js';
export type { VectorHit, VectorIndex } from './VectorIndex.js';
export type { Decision, RankedEntry, Retrieval, RetrieveOptions, Retriever } from './Retriever.js';
export { decide, MIN_ANSWER_SCORE, CONFIDENT_SCORE, CLEAR_MARGIN, MAX_CLARIFY_CANDIDATES } from './decide.js';
