import type { IncomingMessage } from 'node:http';
import type { Request, Response, Server, RequestHandler } from 'restify';
import type { DirectLineResult, DirectLineService, Origin } from './DirectLineService.js';
import type { TokenSource } from './tokenSources.js';

/** Largest Direct Line request body; a 10,000-character question is about 30 KB of JSON. */
export const MAX_DIRECT_LINE_BODY_BYTES = 64 * 1024;
export const DIRECT_LINE_BASE = '/v3/directline';

/**
 * Registers the built-in Direct Line 3.0 routes and the page's token endpoint.
 * `jsonBody` is the shared body parser (size limit → 413, bad JSON → 400).
 */
export function registerDirectLineRoutes(
  server: Server,
  service: DirectLineService,
  tokenSource: TokenSource,
  jsonBody: (maxBytes: number) => RequestHandler[],
): void {
  const body = jsonBody(MAX_DIRECT_LINE_BODY_BYTES);
  // Callback style on purpose: only `next(false)` stops a restify chain before the body is read.
  const limitIp: RequestHandler = (req, res, next) => {
    const checked = service.checkIp(clientIp(req));
    if (checked.kind === 'error') {
      reply(res, checked);
      next(false);
      return;
    }
    next();
  };

  server.post('/api/directline/token', limitIp, async (_req: Request, res: Response) => {
    reply(res, await tokenSource.issue());
  });

  server.post(`${DIRECT_LINE_BASE}/conversations`, limitIp, ...body, async (req: Request, res: Response) => {
    const auth = service.authorize(req.headers.authorization);
    reply(res, auth.kind === 'ok' ? service.startConversation(auth.body, originOf(req)) : auth);
  });

  server.get(`${DIRECT_LINE_BASE}/conversations/:conversationId`, async (req: Request, res: Response) => {
    const auth = service.authorize(req.headers.authorization, routeParam(req, 'conversationId'));
    reply(res, auth.kind === 'ok' ? service.getConversation(auth.body, originOf(req), queryParam(req, 'watermark')) : auth);
  });

  server.post(`${DIRECT_LINE_BASE}/conversations/:conversationId/activities`, limitIp, ...body, async (req: Request, res: Response) => {
    const auth = service.authorize(req.headers.authorization, routeParam(req, 'conversationId'));
    reply(res, auth.kind === 'ok' ? await service.postActivity(auth.body, originOf(req), req.body) : auth);
  });

  server.get(`${DIRECT_LINE_BASE}/conversations/:conversationId/activities`, async (req: Request, res: Response) => {
    const auth = service.authorize(req.headers.authorization, routeParam(req, 'conversationId'));
    reply(res, auth.kind === 'ok' ? service.getActivities(auth.body, queryParam(req, 'watermark')) : auth);
  });

  server.post(`${DIRECT_LINE_BASE}/tokens/refresh`, limitIp, async (req: Request, res: Response) => {
    const auth = service.authorize(req.headers.authorization);
    reply(res, auth.kind === 'ok' ? service.refreshToken(auth.body) : auth);
  });
}

/** Sends a tagged result as Direct Line does: the body, or `{ error: { code, message } }`. */
export function reply<T>(res: Response, result: DirectLineResult<T>): void {
  res.header('Cache-Control', 'no-store');
  if (result.kind === 'ok') {
    res.send(result.status, result.body);
    return;
  }
  if (result.retryAfterSeconds !== undefined) res.header('Retry-After', String(result.retryAfterSeconds));
  res.send(result.status, { error: { code: result.code, message: result.message } });
}

/** The client's address as seen on the socket (a reverse proxy's address when there is one). */
export function clientIp(req: IncomingMessage): string {
  return req.socket.remoteAddress ?? 'unknown';
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
