import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { systemClock } from '../../../adapters/clock.js';
import { loadConfig, type AppConfig } from '../../../adapters/config.js';
import { createApp, type App, type AppOptions } from '../../../adapters/createApp.js';
import { DEFAULT_SERVER_LIMITS } from '../../../adapters/serverLimits.js';
import { openExistingFeedbackStore } from '../../../adapters/storage/index.js';
import type { FeedbackRecord } from '../../../bot/index.js';
import { FIXTURE_KB_DIR } from '../../fixtures/kb.js';

export interface RealApp {
  readonly app: App;
  readonly url: string;
  readonly config: AppConfig;
  /** What the app stored, read through the store factory as `npm run feedback` reads it. */
  feedbackRecords(): Promise<FeedbackRecord[]>;
  /** Stops the server, closes the store and removes the temporary folder. */
  stop(): Promise<void>;
}

/**
 * The real application (real retrieval, real bot, SQLite feedback store) over the fixture KB
 * (`KB_DIR` overrides it) on 127.0.0.1, port 0, with its data folder (feedback database,
 * vector index, token key) in a temporary folder. Embeddings: the offline USE-lite model by
 * default (no network), as `npm start` falls back to. Production limits and clock unless the
 * test passes others.
 */
export async function startRealApp(
  env: Record<string, string> = {},
  options: Partial<Pick<AppOptions, 'storage' | 'limits' | 'clock'>> = {},
): Promise<RealApp> {
  const dir = await mkdtemp(join(tmpdir(), 'ans-faq-app-'));
  const config = loadConfig({ PORT: '0', KB_DIR: FIXTURE_KB_DIR, LOG_LEVEL: 'silent', EMBEDDINGS_PROVIDER: 'use-lite', DATA_DIR: dir, ...env });
  const app = await createApp({ config, log: pino({ level: config.logLevel }), limits: DEFAULT_SERVER_LIMITS, clock: systemClock, ...options });
  const { url } = await app.server.listen(0, '127.0.0.1');
  return {
    app,
    url,
    config,
    feedbackRecords: async () => {
      const store = await openExistingFeedbackStore(config);
      if (!store) return [];
      try {
        return await store.list();
      } finally {
        await store.close();
      }
    },
    stop: async () => {
      await app.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
