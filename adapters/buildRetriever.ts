import type { AppConfig } from './config.js';
import type { KnowledgeBase } from '../knowledge/index.js';
import { basename, resolve } from 'node:path';
import {
  createKbRetriever,
  readModelCalibration,
  TransformersEmbeddingProvider,
  UseEmbeddingProvider,
  type EmbeddingProvider,
  type RetrievalMode,
  type Retriever,
} from '../embeddings/index.js';

/**
 * What runs when no transformers model can be had (no network, no local
 * folder). Chosen from `npm run eval` on this KB: see README "Retrieval quality".
 */
export const OFFLINE_DEFAULT: 'use-lite' | 'none' = 'none';

/** Which retrieval is active and why, for the start-up log and /healthz. */
export interface RetrievalStatus {
  /** "transformers", "use-lite" or "none" (lexical only). */
  readonly provider: string;
  readonly model: string;
  readonly mode: RetrievalMode;
  /** "loaded" | "rebuilt" | "in-memory" (lexical only). */
  readonly indexState: string;
  /** Why this provider is active: one line for the startup log. */
  readonly reason: string;
}

/** How providers are created; tests swap in fakes. */
export interface ProviderFactories {
  transformers(config: AppConfig['embeddings']): Promise<EmbeddingProvider>;
  useLite(): Promise<EmbeddingProvider>;
}

export const DEFAULT_PROVIDER_FACTORIES: ProviderFactories = {
  transformers: (embeddings) =>
    TransformersEmbeddingProvider.create({
      model: embeddings.model,
      modelDir: embeddings.modelDir,
      cacheDir: embeddings.cacheDir,
      allowRemote: embeddings.allowRemote,
    }),
  useLite: () => UseEmbeddingProvider.create(),
};

/** The provider to use (none: lexical only) and why. */
export type ProviderChoice = { readonly provider?: EmbeddingProvider; readonly reason: string };

/** The model name a transformers provider will report for this configuration (the folder's name for a local model). */
export function transformersModelName(embeddings: AppConfig['embeddings']): string {
  return embeddings.modelDir ? basename(resolve(embeddings.modelDir)) : embeddings.model;
}

/** What `npm run eval -- --tune` must have measured before a transformers model decides anything. */
const CALIBRATE_HINT = 'npm run eval -- --tune with the model writes one';

/**
 * Picks the embedding provider the configuration asks for, falling back to the
 * offline default under `auto`. With `kbVersion`, `auto` loads a transformers
 * model only when a calibration of that model on that KB version exists (no
 * uncalibrated model decides); without it (`npm run index`), it loads any.
 */
export async function chooseProvider(config: AppConfig, factories: ProviderFactories = DEFAULT_PROVIDER_FACTORIES, kbVersion?: string): Promise<ProviderChoice> {
  const { embeddings } = config;
  const offline = async (why: string): Promise<ProviderChoice> =>
    OFFLINE_DEFAULT === 'use-lite'
      ? { provider: await factories.useLite(), reason: `${why}; offline default use-lite (best offline hybrid in npm run eval)` }
      : { reason: `${why}; offline default is lexical only` };

  switch (embeddings.provider) {
    case 'none':
      return { reason: 'EMBEDDINGS_PROVIDER=none: lexical retrieval only' };
    case 'use-lite':
      return { provider: await factories.useLite(), reason: 'EMBEDDINGS_PROVIDER=use-lite' };
    case 'transformers':
      return { provider: await factories.transformers(embeddings), reason: 'EMBEDDINGS_PROVIDER=transformers' };
    case 'auto': {
      const source = embeddings.modelDir ? `local folder ${embeddings.modelDir}` : `model ${embeddings.model}`;
      const model = transformersModelName(embeddings);
      if (kbVersion !== undefined && !(await readModelCalibration(config.indexDir, 'transformers', model, kbVersion))) {
        return offline(`EMBEDDINGS_PROVIDER=auto: transformers ${source} not used, no calibration of ${model} on this KB version (${CALIBRATE_HINT})`);
      }
      try {
        return { provider: await factories.transformers(embeddings), reason: `EMBEDDINGS_PROVIDER=auto: transformers ${source} loaded` };
      } catch (error) {
        return offline(`EMBEDDINGS_PROVIDER=auto: transformers ${source} unavailable (${firstLine(error)})`);
      }
    }
  }
}

/** Builds the retriever the server and the CLIs use, and says which provider is active and why. */
export async function buildRetriever(
  config: AppConfig,
  kb: KnowledgeBase,
  options: {
    factories?: ProviderFactories;
    choice?: ProviderChoice;
    onProgress?: (done: number, total: number) => void;
    /** Build the hybrid index even without a model calibration (`npm run index`: building decides nothing). */
    ignoreCalibration?: boolean;
  } = {},
): Promise<{ retriever: Retriever; status: RetrievalStatus; provider?: EmbeddingProvider }> {
  const choice = options.choice ?? (await chooseProvider(config, options.factories, kb.version));
  let { provider, reason } = choice;
  // A transformers model drives answers only with thresholds measured for it on this KB.
  const calibration = provider?.name === 'transformers' ? await readModelCalibration(config.indexDir, provider.name, provider.model, kb.version) : undefined;
  if (provider?.name === 'transformers' && !calibration && !options.ignoreCalibration) {
    await provider.dispose?.();
    reason = `${reason}; but ${provider.model} has no calibration on this KB version (${CALIBRATE_HINT}): lexical retrieval only`;
    provider = undefined;
  }
  const mode: RetrievalMode = provider ? 'hybrid' : 'lexical';
  const { retriever, index } = await createKbRetriever({
    kb,
    mode,
    provider,
    indexDir: config.indexDir,
    onProgress: options.onProgress,
    ...(calibration && { thresholds: calibration.thresholds }),
  });
  const status: RetrievalStatus = {
    provider: provider?.name ?? 'none',
    model: provider?.model ?? 'bm25',
    mode,
    indexState: index ? (index.rebuilt ? `rebuilt (${index.reason})` : 'loaded') : 'in-memory',
    reason: calibration ? `${reason}; calibrated on this KB (${calibration.createdAt.slice(0, 10)})` : reason,
  };
  return { retriever, status, provider };
}

function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n')[0].slice(0, 400);
}
