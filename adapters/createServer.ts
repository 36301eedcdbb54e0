import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type ChannelAccount,
  type TurnContext,
} from 'botbuilder';
import type { Logger } from 'pino';
import { BOT_DISPLAY_NAME } from '../bot/index.js';
import restify from 'restify';
import { channelActivityProblems } from './channelActivity.js';
import type { AppConfig } from './config.js';
import {
  attachDirectLineStream, AzureDirectLineTokenSource, CONVERSATION_IDLE_MS, EVICTABLE_IDLE_MS, MAX_ACTIVITIES_PER_CONVERSATION, MAX_CONVERSATIONS, BuiltInTokenSource, DIRECT_LINE_BASE, DirectLineBotAdapter,
  DirectLineConversations, DirectLineService, HmacTokenSigner, registerDirectLineRoutes,
  type BucketPolicy, type FetchLike, type TokenSource, type TurnHandler,
} from './directline/index.js';
import { InFlight } from './InFlight.js';
import { StaticAssets } from './staticAssets.js';

/** Largest Bot Framework activity accepted on /api/messages (Teams cards can be large). */
export const MAX_BOT_BODY_BYTES = 512 * 1024;
/** How often idle conversations and refilled rate-limit buckets are forgotten. */
export const SWEEP_INTERVAL_MS = 60_000;
/** Longest wait for turns in flight at shutdown. */
export const SHUTDOWN_GRACE_MS = 10_000;

/** Whether a socket address is this machine (IPv4 127/8, IPv6 ::1, or IPv4-mapped loopback). */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false;
  const v4 = address.startsWith('::ffff:') ? address.slice('::ffff:'.length) : address;
  return v4.startsWith('127.') || address === '::1';
}

/** What /healthz reports besides the server's own state. */
export interface HealthInfo {
  readonly kbVersion: string;
  readonly entries: number;
  readonly embeddings: { readonly provider: string; readonly model: string };
  readonly indexState: string;
}

/** What the server is built from; the composition root (createApp) or a test provides it. */
export interface ServerDeps {
  readonly config: AppConfig;
  readonly bot: TurnHandler;
  /** The one turn-error handler, shared by both adapters. */
  readonly onTurnError: (context: TurnContext, error: Error) => Promise<void>;
  readonly log: Logger;
  readonly health: () => HealthInfo;
  /** Called when an idle built-in Direct Line conversation is forgotten (to drop its bot state). */
  readonly onConversationExpired?: (conversationId: string, userId: string) => void;
  /** Used for Azure's token endpoint when DIRECT_LINE_SECRET is set; tests pass a fake. */
  readonly fetch?: FetchLike;
  /** Overrides of the Direct Line limits, for tests. */
  readonly limits?: { readonly ip?: BucketPolicy; readonly conversation?: BucketPolicy; readonly conversationIdleMs?: number };
}

/** The running HTTP server, as main.ts and the tests drive it. */
export interface AppServer {
  /** Starts listening; resolves with the bound address (port 0 picks a free port). */
  listen(port: number, host: string): Promise<{ url: string; port: number }>;
  /** Stops accepting, closes streams, waits for turns in flight. Idempotent. */
  close(): Promise<void>;
  /** Runs the periodic housekeeping now (idle conversations, rate-limit buckets). */
  sweep(): void;
  readonly server: restify.Server;
  readonly tokenSource: TokenSource;
}

/** Builds the restify server: /api/messages, /healthz, the web page and the built-in Direct Line endpoint. */
export async function createServer(deps: ServerDeps): Promise<AppServer> {
  const { config, log } = deps;
  const inFlight = new InFlight();
  let stopping = false;

  const server = restify.createServer({ name: 'ans-faq-bot', handleUncaughtExceptions: false });
  server.pre((req, res, next) => {
    res.header('X-Content-Type-Options', 'nosniff');
    res.header('Referrer-Policy', 'same-origin');
    next();
  });
  // Over the limit → 413, invalid JSON → 400 (restify's errors), before any handler runs.
  const jsonBody = (maxBodySize: number): restify.RequestHandler[] => [
    restify.plugins.bodyReader({ maxBodySize }),
    // `bodyReader: true` tells the JSON parser that the body was already read (with the limit above).
    ...restify.plugins.jsonBodyParser({ mapParams: false, bodyReader: true }),
  ];
  server.on('after', (req: restify.Request, res: restify.Response, route: restify.Route | undefined) => {
    // Route patterns only: URLs carry conversation ids and stream tokens.
    log.debug({ method: req.method, route: route?.spec.path ?? 'unmatched', status: res.statusCode }, 'request');
  });
  server.on('restifyError', (req: restify.Request, res: restify.Response, err: Error & { statusCode?: number; restCode?: string }, callback: () => void) => {
    if ((err.statusCode ?? 500) >= 500) log.error({ err, method: req.method }, 'request failed');
    // Same error shape as the Direct Line API (`{ error: { code, message } }`) for restify's own 400/404/405/413.
    const body = { error: { code: (err.restCode ?? err.name).replace(/Error$/, ''), message: (err.statusCode ?? 500) >= 500 ? 'Internal error' : err.message } };
    Object.defineProperty(err, 'toJSON', { value: () => body });
    callback();
  });

  // Bot Framework channel endpoint (Azure Bot Service, Teams, Emulator).
  const authentication = new ConfigurationBotFrameworkAuthentication({
    MicrosoftAppId: config.microsoftApp.id,
    MicrosoftAppPassword: config.microsoftApp.password,
    MicrosoftAppType: config.microsoftApp.type,
    MicrosoftAppTenantId: config.microsoftApp.tenantId,
  });
  const cloudAdapter = new CloudAdapter(authentication);
  cloudAdapter.onTurnError = deps.onTurnError;
  // Without an app id nothing is authenticated: like the Emulator, only this machine may talk to the bot.
  const localOnly: restify.RequestHandler = (req, res, next) => {
    if (config.microsoftApp.id || isLoopbackAddress(req.socket.remoteAddress)) {
      next();
      return;
    }
    res.send(401, { error: { code: 'Unauthorized', message: 'Without MicrosoftAppId, /api/messages only accepts local traffic' } });
    next(false);
  };
  server.post('/api/messages', localOnly, ...jsonBody(MAX_BOT_BODY_BYTES), async (req: restify.Request, res: restify.Response) => {
    const problems = channelActivityProblems(req.body);
    if (problems.length > 0) {
      res.send(400, { error: { code: 'InvalidActivity', message: problems.join('; ') } });
      return;
    }
    try {
      await inFlight.track(cloudAdapter.process(req, res, (context) => deps.bot.run(context)));
    } catch (err) {
      // CloudAdapter answers auth and turn failures itself; what escapes it is its own parsing of the
      // activity (a JSON object that is not a valid activity), i.e. the client's input.
      log.warn({ err: { name: err instanceof Error ? err.name : typeof err } }, 'invalid activity on /api/messages');
      if (!res.headersSent) res.send(400, { error: { code: 'InvalidActivity', message: 'The body is not a valid Bot Framework activity' } });
    }
  });

  server.get('/healthz', async (_req: restify.Request, res: restify.Response) => {
    res.header('Cache-Control', 'no-store');
    if (stopping) {
      res.send(503, { status: 'stopping' });
      return;
    }
    res.send(200, { status: 'ok', ...deps.health(), directLine: tokenSource.kind, conversations: conversations.size });
  });

  // Built-in Direct Line 3.0 endpoint, with the bot in-process.
  const botAccount: ChannelAccount = { id: config.microsoftApp.id ?? 'ans-faq-bot', name: BOT_DISPLAY_NAME, role: 'bot' };
  const conversations = new DirectLineConversations(deps.onConversationExpired, {
    maxActivities: MAX_ACTIVITIES_PER_CONVERSATION,
    maxConversations: MAX_CONVERSATIONS,
    idleMs: deps.limits?.conversationIdleMs ?? CONVERSATION_IDLE_MS,
    evictableIdleMs: EVICTABLE_IDLE_MS,
  });
  const directLineAdapter = new DirectLineBotAdapter(conversations);
  directLineAdapter.onTurnError = deps.onTurnError;
  const service = new DirectLineService({
    conversations, adapter: directLineAdapter, signer: new HmacTokenSigner(config.directLine.tokenSecret),
    bot: deps.bot, botAccount, inFlight, log, ipPolicy: deps.limits?.ip, conversationPolicy: deps.limits?.conversation,
  });
  const tokenSource: TokenSource = config.directLine.secret
    ? new AzureDirectLineTokenSource(config.directLine.secret, deps.fetch ?? fetch, log)
    : new BuiltInTokenSource(service, DIRECT_LINE_BASE);
  registerDirectLineRoutes(server, service, tokenSource, jsonBody);
  const streams = attachDirectLineStream(server.server, service);
  const sweeper = setInterval(() => service.sweep(), SWEEP_INTERVAL_MS);
  sweeper.unref();

  const assets = await StaticAssets.create({ azureDirectLine: tokenSource.kind === 'azure' });
  for (const path of assets.paths) {
    server.get(path, assets.handler(path));
    server.head(path, assets.handler(path));
  }

  let closing: Promise<void> | undefined;
  return {
    server,
    tokenSource,
    sweep: () => service.sweep(),
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
        clearInterval(sweeper);
        const closed = new Promise<void>((resolve) => {
          server.close(() => resolve());
        });
        streams.close();
        const drained = await inFlight.drain(SHUTDOWN_GRACE_MS);
        if (drained === 'timeout') log.warn({ pending: inFlight.size }, 'shutdown: turns still running after the grace period');
        server.server.closeAllConnections();
        await closed;
      })();
      return closing;
    },
  };
}
