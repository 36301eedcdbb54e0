import type { AppConfig } from './config.js';
import type { KnowledgeBase } from '../knowledge/index.js';
import {
  createKbRetriever,
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
  /** The lexical index: "loaded" from INDEX_DIR, or "analysed (why)". */
  readonly lexicalIndex: string;
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

/** Picks the embedding provider the configuration asks for, falling back to the offline default under `auto`. */
export async function chooseProvider(config: AppConfig, factories: ProviderFactories = DEFAULT_PROVIDER_FACTORIES): Promise<ProviderChoice> {
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
  options: { factories?: ProviderFactories; choice?: ProviderChoice; onProgress?: (done: number, total: number) => void } = {},
): Promise<{ retriever: Retriever; status: RetrievalStatus; provider?: EmbeddingProvider }> {
  const { provider, reason } = options.choice ?? (await chooseProvider(config, options.factories));
  const mode: RetrievalMode = provider ? 'hybrid' : 'lexical';
  const { retriever, index, lexical } = await createKbRetriever({ kb, mode, provider, indexDir: config.indexDir, onProgress: options.onProgress });
  const status: RetrievalStatus = {
    provider: provider?.name ?? 'none',
    model: provider?.model ?? 'bm25',
    mode,
    indexState: index ? (index.rebuilt ? `rebuilt (${index.reason})` : 'loaded') : 'in-memory',
    lexicalIndex: lexical.rebuilt ? `analysed (${lexical.reason})` : 'loaded',
    reason,
  };
  return { retriever, status, provider };
}

function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n')[0].slice(0, 400);
}
