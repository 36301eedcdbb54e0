import { DEFAULT_PROVIDER_FACTORIES } from '../../adapters/buildRetriever.js';
import type { AppConfig } from '../../adapters/config.js';
import type { EmbeddingProvider } from '../../embeddings/index.js';

/** Every provider this machine can run: use-lite always, transformers when its model can be loaded. */
export async function availableProviders(config: AppConfig): Promise<EmbeddingProvider[]> {
  const providers: EmbeddingProvider[] = [await DEFAULT_PROVIDER_FACTORIES.useLite()];
  if (config.embeddings.provider !== 'use-lite' && config.embeddings.provider !== 'none') {
    try {
      providers.push(await DEFAULT_PROVIDER_FACTORIES.transformers(config.embeddings));
    } catch (error) {
      console.log(`transformers provider unavailable here, not evaluated: ${(error instanceof Error ? error.message : String(error)).split('\n')[0]}`);
    }
  }
  return providers;
}
