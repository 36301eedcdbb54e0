import { ConversationState, UserState, type Storage } from 'botbuilder';
import type { Logger } from 'pino';
import { createFaqBot, createIdHasher, createOnTurnError } from '../bot/index.js';
import { prefetchKbIndexes, warmUpAnswering, warmUpTexts, type WarmUpReport } from '../embeddings/index.js';
import { loadKnowledgeBase, type KnowledgeBase } from '../knowledge/index.js';
import { createBotFrameworkAuthentication } from './botFrameworkEndpoint.js';
import { buildRetriever, type ProviderFactories, type RetrievalStatus } from './buildRetriever.js';
import type { Clock } from './clock.js';
import type { AppConfig } from './config.js';
import { createConsole } from './console/index.js';
import { createServer, type AppServer, type ServerDeps } from './createServer.js';
import { DIRECT_LINE_CHANNEL_ID, directLineTokenKey } from './directline/index.js';
import type { ServerLimits } from './serverLimits.js';
import { openStorage } from './storage/index.js';
import { startRetention } from './storage/retention.js';

/** What the application is assembled from; the optional parts let tests swap storage, providers and network. */
export interface AppOptions {
  readonly config: AppConfig;
  readonly log: Logger;
  /** Bounds on client input and held memory (production: DEFAULT_SERVER_LIMITS). */
  readonly limits: ServerLimits;
  readonly clock: Clock;
  /** Bot state storage; by default the configured engine's (MemoryStorage, or PostgreSQL with DATABASE_URL). */
  readonly storage?: Storage;
  /** Embedding provider factories (tests swap in fakes). */
  readonly providerFactories?: ProviderFactories;
  readonly fetch?: ServerDeps['fetch'];
}

/** The assembled application: what main.ts listens with and what end-to-end tests drive. */
export interface App {
  readonly server: AppServer;
  readonly knowledgeBase: KnowledgeBase;
  readonly retrieval: RetrievalStatus;
  /** Whether /console is served (a local password or OIDC is configured). */
  readonly consoleEnabled: boolean;
  /**
   * Answers the KB's own phrasings in the background so that the first
   * visitors are answered by optimised code (warmUpAnswering): to call once
   * listening. It waits for real turns, stops at close, and logs and stores
   * nothing.
   */
  warmUp(): Promise<WarmUpReport>;
  /** Stops accepting, finishes turns in flight, then closes the stores (and the database connections). */
  close(): Promise<void>;
}

/**
 * Composition root shared by `npm start` and the end-to-end tests: KB → retriever →
 * token key → storage (the engine the configuration names: feedback, question log, console decisions, bot state,
 * turn gate) → bot → server.
 * Throws `KnowledgeBaseError` on an invalid KB.
 */
export async function createApp(options: AppOptions): Promise<App> {
  const { config, log } = options;
  // The persisted lexical state is read in the thread pool while the KB loads on this thread.
  void prefetchKbIndexes(config.indexDir);
  const knowledgeBase = await loadKnowledgeBase(config.kbDir, { cacheDir: config.indexDir });
  const { retriever, status } = await buildRetriever(config, knowledgeBase, { factories: options.providerFactories });
  const tokenKey = await directLineTokenKey(config.directLine.tokenSecret, config.dataDir);
  const backend = await openStorage(config, log);
  const { feedbackStore, questionLog, curation } = backend;
  const stopRetention = startRetention({ questionLog, feedback: feedbackStore }, config.retentionDays, options.clock, log);
  const closeStores = async (): Promise<void> => {
    stopRetention();
    await backend.close();
  };

  const storage = options.storage ?? backend.botStorage;
  const conversationState = new ConversationState(storage);
  const userState = new UserState(storage);
  const hashId = createIdHasher(config.idHashSalt);
  const consoleRoutes = await createConsole({
    config: config.console, clock: options.clock, log, questionLog, feedbackStore, curation, knowledgeBase, kbDir: config.kbDir, retriever, tokenKey,
  }).catch(async (cause: unknown) => {
    await closeStores();
    throw new Error('createApp: the console could not be built', { cause });
  });
  const bot = createFaqBot({
    knowledgeBase, retriever, feedbackStore, questionLog, hashId, logger: log, conversationState, userState, answerMaxAgeMonths: config.answerMaxAgeMonths,
  });

  let server: AppServer;
  try {
    server = await createServer({
      config,
      limits: options.limits,
      clock: options.clock,
      botFrameworkAuthentication: createBotFrameworkAuthentication(config),
      tokenKey,
      bot,
      onTurnError: createOnTurnError(log, conversationState, hashId),
      log,
      health: () => ({
        kbVersion: knowledgeBase.version,
        entries: knowledgeBase.entries.length,
        embeddings: { provider: status.provider, model: status.model },
        indexState: status.indexState,
        ...(backend.database && { database: backend.database.isUp ? 'up' : 'down' }),
      }),
      onConversationExpired: (conversationId, userId) => {
        // botbuilder's state keys (`<channel>/conversations/<id>/<namespace>`, default namespace ''):
        // an idle Direct Line conversation's bot state goes with it, so memory stays bounded.
        storage
          .delete([`${DIRECT_LINE_CHANNEL_ID}/conversations/${conversationId}/`, `${DIRECT_LINE_CHANNEL_ID}/users/${userId}/`])
          .catch((err: unknown) => log.warn({ err }, 'could not drop the state of an expired conversation'));
      },
      fetch: options.fetch,
      turnGate: backend.turnGate,
      directLineStore: backend.directLineStore,
      console: consoleRoutes,
    });
  } catch (cause) {
    await closeStores();
    throw new Error('createApp: the server could not be built', { cause });
  }

  let closing: Promise<void> | undefined;
  const closed = new AbortController();
  return {
    server,
    knowledgeBase,
    retrieval: status,
    consoleEnabled: consoleRoutes !== undefined,
    warmUp: () => warmUpAnswering(retriever, warmUpTexts(knowledgeBase.entries), { idle: () => server.whenIdle(), signal: closed.signal }),
    close: () => {
      closed.abort();
      closing ??= server.close().finally(closeStores);
      return closing;
    },
  };
}
