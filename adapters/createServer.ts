import type { ChannelAccount, TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import restify from 'restify';
import { BOT_DISPLAY_NAME, messages } from '../bot/index.js';
import { botFrameworkMode, registerBotFrameworkEndpoint, type BotFrameworkAuthentication, type BotFrameworkMode } from './botFrameworkEndpoint.js';
import type { Clock } from './clock.js';
import type { ConsoleRegistrar } from './console/index.js';
import type { AppConfig } from './config.js';
import {
  attachDirectLineStream, AzureDirectLineTokenSource, BuiltInTokenSource, DIRECT_LINE_BASE, DirectLineBotAdapter, MemoryDirectLineStore,
  DirectLineService, HmacTokenSigner, registerDirectLineRoutes, SWEEP_INTERVAL_MS, type DirectLineStoreFactory, type FetchLike, type TokenSource, type TurnHandler,
} from './directline/index.js';
import { installErrorResponses } from './http/errorResponses.js';
import { jsonBodyHandler } from './http/jsonBody.js';
import { applyHttpTimeouts } from './http/serverTimeouts.js';
import { InFlight } from './InFlight.js';
import { InProcessTurnGate, type TurnGate } from './TurnGate.js';
import type { ServerLimits } from './serverLimits.js';
import { StaticAssets } from './staticAssets.js';

/** Longest wait for turns in flight at shutdown. */
export const SHUTDOWN_GRACE_MS = 10_000;
/** How long App.warmUp's wait for idleness lasts before it looks again (turns keep coming under load). */
const IDLE_CHECK_MS = 1_000;

/** What /healthz reports besides the server's own state. */
export interface HealthInfo {
  readonly kbVersion: string;
  readonly entries: number;
  readonly embeddings: { readonly provider: string; readonly model: string };
  readonly indexState: string;
  /** State of the shared database (absent for the embedded default): `down` makes /healthz answer 503. */
  readonly database?: 'up' | 'down';
}

/** What the server is built from; the composition root (createApp) provides it. */
export interface ServerDeps {
  readonly config: AppConfig;
  /** Every bound on client input and held memory (production: DEFAULT_SERVER_LIMITS). */
  readonly limits: ServerLimits;
  readonly clock: Clock;
  readonly bot: TurnHandler;
  /** The one turn-error handler, shared by both adapters. */
  readonly onTurnError: (context: TurnContext, error: Error) => Promise<void>;
  readonly log: Logger;
  readonly health: () => HealthInfo;
  /** Checks the Bot Framework tokens of /api/messages (createBotFrameworkAuthentication). */
  readonly botFrameworkAuthentication: BotFrameworkAuthentication;
  /** Key signing the built-in Direct Line tokens (directLineTokenKey): the same key across restarts keeps tokens valid. */
  readonly tokenKey: Buffer;
  /** Called when a built-in Direct Line conversation is forgotten (to drop its bot state). */
  readonly onConversationExpired?: (conversationId: string, userId: string) => void;
  /** Used for Azure's token endpoint when DIRECT_LINE_SECRET is set. */
  readonly fetch?: FetchLike;
  /** Registers /console when the console is on (createConsole). */
  readonly console?: ConsoleRegistrar;
  /** Where Direct Line conversations live (PostgreSQL tables shared by instances); this process's memory by default. */
  readonly directLineStore?: DirectLineStoreFactory;
  /** One turn at a time per conversation (across instances with PostgreSQL); in-process by default. */
  readonly turnGate?: TurnGate;
}

/** The running HTTP server, as main.ts and the tests drive it. */
export interface AppServer {
  /** Starts listening; resolves with the bound address (port 0 picks a free port). */
  listen(port: number, host: string): Promise<{ url: string; port: number }>;
  /** Stops accepting, closes streams, waits for turns in flight. Idempotent. */
  close(): Promise<void>;
  readonly server: restify.Server;
  readonly tokenSource: TokenSource;
  readonly botFrameworkMode: BotFrameworkMode;
  /** Resolves once no bot turn is running (at once when none is): background work waits for it (App.warmUp). */
  whenIdle(): Promise<void>;
}

/** Builds the restify server: /api/messages, /healthz, the web page and the built-in Direct Line endpoint. */
export async function createServer(deps: ServerDeps): Promise<AppServer> {
  const { config, log, limits, clock } = deps;
  const inFlight = new InFlight();
  let stopping = false;

  // handleUncaughtExceptions: each request runs in its own domain, so that an error escaping a handler
  // reaches the last-resort guard (installErrorResponses) instead of ending the process.
  const server = restify.createServer({ name: 'ans-faq-bot', handleUncaughtExceptions: true });
  applyHttpTimeouts(server.server, limits.http);
  installErrorResponses(server, log);
  server.pre((req, res, next) => {
    res.header('X-Content-Type-Options', 'nosniff');
    res.header('Referrer-Policy', 'same-origin');
    next();
  });
  server.on('after', (req: restify.Request, res: restify.Response, route: restify.Route | undefined) => {
    // Route patterns only: URLs carry conversation ids and stream tokens.
    log.debug({ method: req.method, route: route?.spec.path ?? 'unmatched', status: res.statusCode }, 'request');
  });

  const mode = botFrameworkMode(config);
  registerBotFrameworkEndpoint(server, {
    mode, authentication: deps.botFrameworkAuthentication, bot: deps.bot, onTurnError: deps.onTurnError, inFlight, log, body: limits.botFrameworkBody,
  });

  server.get('/healthz', async (_req: restify.Request, res: restify.Response) => {
    res.header('Cache-Control', 'no-store');
    if (stopping) {
      res.send(503, { status: 'stopping' });
      return;
    }
    const health = deps.health();
    // A load balancer takes an instance out while its database is unreachable; it comes back on its own once reconnected.
    res.send(health.database === 'down' ? 503 : 200, {
      status: health.database === 'down' ? 'database-unreachable' : 'ok', ...health, directLine: tokenSource.kind, conversations: conversations.size, conversationBytes: conversations.totalBytes,
    });
  });

  // Built-in Direct Line 3.0 endpoint, with the bot in-process.
  const botAccount: ChannelAccount = { id: config.microsoftApp.id ?? 'ans-faq-bot', name: BOT_DISPLAY_NAME, role: 'bot' };
  const conversations = await (deps.directLineStore ?? MemoryDirectLineStore.factory)(limits.directLine.conversations, deps.onConversationExpired ?? (() => undefined));
  const directLineAdapter = new DirectLineBotAdapter(conversations, clock, deps.turnGate ?? new InProcessTurnGate());
  directLineAdapter.onTurnError = deps.onTurnError;
  const service = new DirectLineService({
    conversations, adapter: directLineAdapter, signer: new HmacTokenSigner(deps.tokenKey), bot: deps.bot, botAccount, inFlight, log, clock,
    limits: limits.directLine, resumedText: messages.conversationResumed,
  });
  const tokenSource: TokenSource = config.directLine.secret
    ? new AzureDirectLineTokenSource(config.directLine.secret, deps.fetch ?? fetch, log)
    : new BuiltInTokenSource(service, DIRECT_LINE_BASE);
  const trustedProxies = new Set(config.trustedProxies);
  registerDirectLineRoutes(server, service, tokenSource, { handler: jsonBodyHandler(limits.directLineBody), maxBytes: limits.directLineBody.maxBytes, trustedProxies });
  const streams = attachDirectLineStream(server.server, service, log, trustedProxies);
  const stopSweeping = clock.every(SWEEP_INTERVAL_MS, () => void service.sweep());

  deps.console?.(server);

  const assets = await StaticAssets.create({ azureDirectLine: tokenSource.kind === 'azure' });
  for (const path of assets.paths) {
    server.get(path, assets.handler(path));
    server.head(path, assets.handler(path));
  }

  let closing: Promise<void> | undefined;
  return {
    server,
    tokenSource,
    botFrameworkMode: mode,
    whenIdle: async () => {
      while (inFlight.size > 0) await inFlight.drain(IDLE_CHECK_MS);
    },
    listen: (port, host) =>
      new Promise((resolve, reject) => {
        server.server.once('error', reject);
        server.listen(port, host, () => {
          server.server.off('error', reject);
          const address = server.server.address();
          if (address === null || typeof address === 'string') {
            reject(new Error('AppServer.listen: the server has no TCP address'));
            return;
          }
          const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
          resolve({ url: `http://${shownHost}:${address.port}`, port: address.port });
        });
      }),
    close: () => {
      closing ??= (async () => {
        stopping = true;
        stopSweeping();
        const closed = new Promise<void>((resolve) => {
          server.close(() => resolve());
        });
        streams.close();
        const drained = await inFlight.drain(SHUTDOWN_GRACE_MS);
        if (drained === 'timeout') log.warn({ pending: inFlight.size }, 'shutdown: turns still running after the grace period');
        server.server.closeAllConnections();
        await closed;
        await conversations.close();
      })();
      return closing;
    },
  };
}
