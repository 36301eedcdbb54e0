import { basename, dirname, resolve } from 'node:path';
import type { EmbeddingProvider } from './EmbeddingProvider.js';
import { l2Normalize } from './exactSearch.js';

/** Stable provider name, recorded in index manifests. */
export const TRANSFORMERS_NAME = 'transformers';
/** Multilingual (French-capable), small (118 M parameters, 384-d), ONNX-converted for transformers.js. */
export const DEFAULT_TRANSFORMERS_MODEL = 'Xenova/multilingual-e5-small';
/** Texts per forward pass: bounds memory when a caller embeds a whole KB at once. */
export const TRANSFORMERS_BATCH_SIZE = 16;
/** The prefixes e5 models were trained with; without them retrieval quality drops noticeably. */
export const E5_PREFIXES: TextPrefixes = { query: 'query: ', passage: 'passage: ' };
const PROBE_TEXT = 'Mon espace santé';

/** Prefixes some models expect before queries and passages (e5: "query: ", "passage: "). */
export interface TextPrefixes {
  readonly query: string;
  readonly passage: string;
}

/** Mean-pooled, normalised sentence embeddings of a batch: `data` is row-major `dims[0] × dims[1]`. */
export interface FeatureExtractor {
  extract(texts: string[]): Promise<{ readonly data: ArrayLike<number>; readonly dims: readonly number[] }>;
  dispose(): Promise<void>;
}

/** Where and how to load a model; the loader maps it onto transformers.js settings. */
export interface TransformersLoadRequest {
  /** Hub id, or the folder name under `localModelPath`. */
  readonly modelId: string;
  /** Parent folder of a local model; set for `modelDir`. */
  readonly localModelPath?: string;
  readonly allowRemote: boolean;
  readonly cacheDir?: string;
  readonly quantized: boolean;
}

/** Loads a feature extractor; swapped for a fake in unit tests. */
export type TransformersLoader = (request: TransformersLoadRequest) => Promise<FeatureExtractor>;

/**
 * Default loader: a transformers.js feature-extraction pipeline (onnxruntime-node).
 * transformers.js keeps its settings in one global `env`: they are set right
 * before loading, and only loading reads them.
 */
export const loadTransformersExtractor: TransformersLoader = async (request) => {
  const { env, pipeline } = await import('@xenova/transformers');
  env.allowLocalModels = true;
  env.allowRemoteModels = request.allowRemote;
  if (request.localModelPath !== undefined) env.localModelPath = request.localModelPath;
  if (request.cacheDir !== undefined) env.cacheDir = request.cacheDir;
  const extractor = await pipeline('feature-extraction', request.modelId, { quantized: request.quantized });
  return {
    async extract(texts) {
      const output = await extractor(texts, { pooling: 'mean', normalize: true });
      if (!(output.data instanceof Float32Array)) {
        throw new Error(`feature extraction returned ${output.type} values instead of float32`);
      }
      return { data: output.data, dims: output.dims };
    },
    dispose: () => extractor.dispose(),
  };
};

/** Which model to load and from where; `loader` lets tests replace transformers.js. */
export interface TransformersEmbeddingOptions {
  /** Hub id (default {@link DEFAULT_TRANSFORMERS_MODEL}). */
  readonly model?: string;
  /** Local folder with config.json, tokenizer files and onnx/: wins over `model`, never downloads. */
  readonly modelDir?: string;
  /** Where downloaded models are cached. */
  readonly cacheDir?: string;
  /** Whether the hub may be contacted (default false: offline unless asked). */
  readonly allowRemote?: boolean;
  /** Load onnx/model_quantized.onnx (default) rather than onnx/model.onnx. */
  readonly quantized?: boolean;
  /** Input prefixes; default: {@link E5_PREFIXES} when the model name contains "e5", none otherwise. */
  readonly prefixes?: TextPrefixes | null;
  readonly loader?: TransformersLoader;
}

/** Sentence embeddings from any BERT-like ONNX model through transformers.js (mean pooling, L2-normalised). */
export class TransformersEmbeddingProvider implements EmbeddingProvider {
  readonly name = TRANSFORMERS_NAME;

  private constructor(
    private readonly extractor: FeatureExtractor,
    readonly model: string,
    readonly dimension: number,
    private readonly prefixes: TextPrefixes | null,
  ) {}

  static async create(options: TransformersEmbeddingOptions = {}): Promise<TransformersEmbeddingProvider> {
    const modelDir = options.modelDir === undefined ? undefined : resolve(options.modelDir);
    const modelId = modelDir ? basename(modelDir) : (options.model ?? DEFAULT_TRANSFORMERS_MODEL);
    const quantized = options.quantized ?? true;
    const request: TransformersLoadRequest = {
      modelId,
      localModelPath: modelDir ? dirname(modelDir) : undefined,
      allowRemote: modelDir ? false : (options.allowRemote ?? false),
      cacheDir: options.cacheDir,
      quantized,
    };
    const source = modelDir ?? modelId;
    let extractor: FeatureExtractor;
    try {
      extractor = await (options.loader ?? loadTransformersExtractor)(request);
    } catch (cause) {
      const fix = modelDir
        ? `check that ${modelDir} holds config.json, tokenizer.json, tokenizer_config.json and onnx/${quantized ? 'model_quantized' : 'model'}.onnx`
        : request.allowRemote
          ? 'check network access to the model hub, or download the model once and set EMBEDDINGS_MODEL_DIR to its folder'
          : 'offline: download the model once and set EMBEDDINGS_MODEL_DIR to its folder (or set EMBEDDINGS_ALLOW_REMOTE=true)';
      throw new Error(`TransformersEmbeddingProvider.create: cannot load model ${source} (${messageOf(cause)}); ${fix}`, { cause });
    }
    const prefixes = options.prefixes !== undefined ? options.prefixes : /\be5\b/i.test(modelId) ? E5_PREFIXES : null;
    const model = quantized ? source : `${source} (fp32)`;
    // The dimension is whatever the model outputs: one probe also warms up the ONNX session.
    const probe = new TransformersEmbeddingProvider(extractor, model, 0, prefixes);
    const [vector] = await probe.embed([PROBE_TEXT], 'query');
    return new TransformersEmbeddingProvider(extractor, model, vector.length, prefixes);
  }

  async embed(texts: readonly string[], kind: 'query' | 'passage'): Promise<Float32Array[]> {
    const prefix = this.prefixes?.[kind] ?? '';
    const vectors: Float32Array[] = [];
    for (let start = 0; start < texts.length; start += TRANSFORMERS_BATCH_SIZE) {
      const batch = texts.slice(start, start + TRANSFORMERS_BATCH_SIZE).map((text) => prefix + text);
      let output: Awaited<ReturnType<FeatureExtractor['extract']>>;
      try {
        output = await this.extractor.extract(batch);
      } catch (cause) {
        throw new Error(`TransformersEmbeddingProvider.embed: model ${this.model} failed on ${batch.length} text(s)`, { cause });
      }
      const [rows, width] = output.dims;
      const expectedWidth = this.dimension || width;
      if (output.dims.length !== 2 || rows !== batch.length || width !== expectedWidth || output.data.length !== rows * width) {
        throw new Error(
          `TransformersEmbeddingProvider.embed: expected ${batch.length} × ${expectedWidth} values, got dims [${output.dims.join(', ')}]`,
        );
      }
      for (let row = 0; row < rows; row++) {
        vectors.push(l2Normalize(Float32Array.from({ length: width }, (_, i) => output.data[row * width + i])));
      }
    }
    return vectors;
  }

  async dispose(): Promise<void> {
    await this.extractor.dispose();
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
