import type { IncomingMessage } from 'node:http';
import type { Request, Response, Server, RequestHandler } from 'restify';
import { isDatabaseUnavailable } from '../databaseUnavailable.js';
import type { DirectLineService } from './DirectLineService.js';
import type { TokenClaims } from './HmacTokenSigner.js';
import type { DirectLineError, DirectLineResult, Origin } from './results.js';
import type { TokenSource } from './tokenSources.js';

export const DIRECT_LINE_BASE = '/v3/directline';

/** How the routes read bodies: the handler (413, 415 or 400 when refused) and its byte limit; and whose `X-Forwarded-For` to believe. */
export interface BodyReading {
  readonly handler: RequestHandler;
  readonly maxBytes: number;
  /** Reverse proxies (TRUSTED_PROXIES) whose `X-Forwarded-For` names the client for the per-client rate limits. */
  readonly trustedProxies?: ReadonlySet<string>;
}

/**
 * Registers the built-in Direct Line 3.0 routes and the page's token endpoint. Bodies are
 * read after the token check, so an anonymous client never gets a body read.
 */
export function registerDirectLineRoutes(server: Server, service: DirectLineService, tokenSource: TokenSource, bodies: BodyReading): void {
  const body = bodies.handler;
  /** Refuses before the body is read; a body announced over the limit is not drained but cut with the connection. */
  const refuse = (req: Request, res: Response, failure: DirectLineError): void => {
    if (Number(req.headers['content-length']) > bodies.maxBytes) res.header('Connection', 'close');
    reply(res, failure);
  };
  const claimsOf = new WeakMap<Request, TokenClaims>();
  // Callback style on purpose: only `next(false)` stops a restify chain before the body is read.
  const limitIp: RequestHandler = (req, res, next) => {
    const checked = service.checkIp(clientIp(req, bodies.trustedProxies));
    if (checked.kind === 'error') {
      refuse(req, res, checked);
      next(false);
      return;
    }
    next();
  };
  /** Checks the bearer token (bound to the route's conversation when it names one) and keeps its claims for the handler. */
  const requireToken: RequestHandler = (req, res, next) => {
    const auth = service.authorize(req.headers.authorization, routeParam(req, 'conversationId'));
    if (auth.kind === 'error') {
      refuse(req, res, auth);
      next(false);
      return;
    }
    claimsOf.set(req, auth.body);
    next();
  };
  const withClaims = (handle: (req: Request, claims: TokenClaims) => DirectLineResult<unknown> | Promise<DirectLineResult<unknown>>) =>
    async (req: Request, res: Response): Promise<void> => {
      const claims = claimsOf.get(req);
      if (!claims) return reply(res, { kind: 'error', status: 401, code: 'Unauthorized', message: 'Missing token' });
      try {
        reply(res, await handle(req, claims));
      } catch (error) {
        // While the shared database is unreachable: 503, the client retries; anything else goes to the last-resort guard.
        if (!isDatabaseUnavailable(error)) throw error;
        reply(res, { kind: 'error', status: 503, code: 'ServiceUnavailable', message: 'The service is temporarily unavailable' });
      }
    };

  server.post('/api/directline/token', limitIp, async (_req: Request, res: Response) => {
    reply(res, await tokenSource.issue());
  });
  server.post(`${DIRECT_LINE_BASE}/conversations`, limitIp, requireToken, body,
    withClaims((req, claims) => service.startConversation(claims, originOf(req))));
  server.get(`${DIRECT_LINE_BASE}/conversations/:conversationId`, requireToken,
    withClaims((req, claims) => service.getConversation(claims, originOf(req), queryParam(req, 'watermark'))));
  server.post(`${DIRECT_LINE_BASE}/conversations/:conversationId/activities`, limitIp, requireToken, body,
    withClaims((req, claims) => service.postActivity(claims, originOf(req), req.body)));
  server.get(`${DIRECT_LINE_BASE}/conversations/:conversationId/activities`, requireToken,
    withClaims((req, claims) => service.getActivities(claims, queryParam(req, 'watermark'))));
  server.post(`${DIRECT_LINE_BASE}/tokens/refresh`, limitIp, requireToken, withClaims((_req, claims) => service.refreshToken(claims)));
}

/** Sends a tagged result as Direct Line does: the body, or `{ error: { code, message } }`. */
export function reply<T>(res: Response, result: DirectLineResult<T>): void {
  // The last-resort guard may have answered already.
  if (res.headersSent) return;
  res.header('Cache-Control', 'no-store');
  if (result.kind === 'ok') {
    res.send(result.status, result.body);
    return;
  }
  if (result.retryAfterSeconds !== undefined) res.header('Retry-After', String(result.retryAfterSeconds));
  res.send(result.status, { error: { code: result.code, message: result.message } });
}

/**
 * The client's address for the rate limits: the socket's peer, or, when the peer is a trusted
 * reverse proxy, the nearest address in `X-Forwarded-For` that is not one (the left-most entries
 * are the client's to write, so they are not believed past an untrusted hop).
 */
export function clientIp(req: IncomingMessage, trustedProxies: ReadonlySet<string> = new Set()): string {
  const peer = plainAddress(req.socket.remoteAddress ?? 'unknown');
  if (!trustedProxies.has(peer)) return peer;
  const forwarded = String(req.headers['x-forwarded-for'] ?? '').split(',').map((hop) => plainAddress(hop.trim())).filter((hop) => hop !== '');
  for (let i = forwarded.length - 1; i >= 0; i -= 1) {
    if (!trustedProxies.has(forwarded[i])) return forwarded[i];
  }
  return peer;
}

/** IPv4 addresses as dotted quads, also when a dual-stack socket reports them as `::ffff:a.b.c.d`. */
function plainAddress(address: string): string {
  return address.startsWith('::ffff:') && address.includes('.') ? address.slice('::ffff:'.length) : address;
}

/** How the client reached us, for `streamUrl`. Only the scheme is taken from a proxy header. */
export function originOf(req: IncomingMessage): Origin {
  const forwarded = String(req.headers['x-forwarded-proto'] ?? '').split(',')[0].trim();
  const secure = forwarded === 'https' || ('encrypted' in req.socket && req.socket.encrypted === true);
  const host = req.headers.host ?? `${req.socket.localAddress ?? '127.0.0.1'}:${req.socket.localPort ?? ''}`;
  return { httpBase: `${secure ? 'https' : 'http'}://${host}`, wsBase: `${secure ? 'wss' : 'ws'}://${host}` };
}

export function queryParam(req: IncomingMessage, name: string): string | undefined {
  return new URL(req.url ?? '/', 'http://localhost').searchParams.get(name) ?? undefined;
}

function routeParam(req: Request, name: string): string | undefined {
  const params: unknown = req.params;
  if (typeof params !== 'object' || params === null || !(name in params)) return undefined;
  const value: unknown = Reflect.get(params, name);
  return typeof value === 'string' ? value : undefined;
}
