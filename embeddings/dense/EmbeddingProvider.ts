/**
 * Turns text into dense vectors. Implementations: `TransformersEmbeddingProvider`
 * (transformers.js, any sentence model), `UseEmbeddingProvider` (Universal
 * Sentence Encoder lite, shipped with the dependencies, works offline).
 */
export interface EmbeddingProvider {
  /** Short stable name, e.g. "transformers" or "use-lite". */
  readonly name: string;
  /** Model identifier (hub id or local folder), recorded in the index manifest. */
  readonly model: string;
  /** Vector dimension. */
  readonly dimension: number;
  /**
   * Embeds texts. `kind` lets asymmetric models (e5: "query: " / "passage: ")
   * prefix their inputs. Returned vectors are L2-normalised.
   */
  embed(texts: readonly string[], kind: 'query' | 'passage'): Promise<Float32Array[]>;
  /** Releases native resources. */
  dispose?(): Promise<void>;
}
