import { l2Normalize } from '../../embeddings/index.js';
import { foldAccents } from '../../knowledge/index.js';
import type { EmbeddingProvider } from '../../embeddings/index.js';

/** Default dimension: small enough to be fast, large enough that unrelated strings rarely collide. */
export const FAKE_DIMENSION = 64;

/** 32-bit FNV-1a: a stable, dependency-free string hash. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/**
 * Deterministic stand-in for a sentence model: hashed character trigrams of the
 * accent-folded lowercase text, L2-normalised. Strings sharing many trigrams are
 * near in cosine, so retrieval tests behave plausibly without loading a model.
 * Counts calls so tests can prove an index was reloaded rather than re-embedded.
 */
export class FakeEmbeddingProvider implements EmbeddingProvider {
  readonly name: string;
  readonly model: string;
  readonly dimension: number;
  /** Number of `embed` calls so far. */
  embedCalls = 0;
  /** Every text embedded so far, in order. */
  readonly embeddedTexts: string[] = [];

  constructor(options: { dimension?: number; name?: string; model?: string } = {}) {
    this.dimension = options.dimension ?? FAKE_DIMENSION;
    if (!Number.isInteger(this.dimension) || this.dimension < 2) {
      throw new Error(`FakeEmbeddingProvider: dimension must be an integer >= 2 (got ${this.dimension})`);
    }
    this.name = options.name ?? 'fake';
    this.model = options.model ?? `fake-trigram-${this.dimension}`;
  }

  async embed(texts: readonly string[], _kind: 'query' | 'passage'): Promise<Float32Array[]> {
    this.embedCalls += 1;
    this.embeddedTexts.push(...texts);
    return texts.map((text) => this.vectorOf(text));
  }

  private vectorOf(text: string): Float32Array {
    const vector = new Float32Array(this.dimension);
    const padded = ` ${foldAccents(text).toLowerCase().replace(/\s+/g, ' ').trim()} `;
    for (let i = 0; i + 3 <= padded.length; i++) {
      const hash = fnv1a(padded.slice(i, i + 3));
      // The top bit picks the sign so unrelated trigrams cancel out instead of piling up.
      vector[hash % this.dimension] += hash & 0x80000000 ? -1 : 1;
    }
    // Text without any trigram still gets a unit vector, as real models do.
    if (vector.every((value) => value === 0)) vector[0] = 1;
    return l2Normalize(vector);
  }
}
