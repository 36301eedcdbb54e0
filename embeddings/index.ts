export type { EmbeddingProvider } from './EmbeddingProvider.js';
export type { VectorHit, VectorIndex } from './VectorIndex.js';
export type { Decision, RankedEntry, Retrieval, RetrieveOptions, Retriever } from './Retriever.js';
