import type { Request, Response, Server } from 'restify';

/** The part of a pino logger this module uses. */
export interface ErrorResponseLog {
  error(details: object, message: string): void;
}

/** The one error body shape of the server, the Direct Line API's: `{ error: { code, message } }`. */
export interface ErrorBody {
  readonly error: { readonly code: string; readonly message: string };
}

/**
 * Stable messages for the errors restify raises itself (routing, methods, its own
 * 5xx): never the client's input, a stack or an internal detail.
 */
const GENERIC_MESSAGES: Readonly<Record<number, string>> = {
  400: 'Bad request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not found',
  405: 'Method not allowed',
  406: 'Not acceptable',
  408: 'Request timeout',
  413: 'Request body too large',
  415: 'Unsupported media type',
  500: 'Internal error',
  503: 'Service unavailable',
};

export function errorBody(status: number, code: string): ErrorBody {
  const message = GENERIC_MESSAGES[status] ?? (status >= 500 ? 'Internal error' : 'Bad request');
  return { error: { code, message } };
}

/** Sends an error answer; `close` ends the connection afterwards (a body was refused unread). */
export function sendError(res: Response, status: number, body: ErrorBody, close = false): void {
  // The last-resort guard may have answered already.
  if (res.headersSent) return;
  res.header('Cache-Control', 'no-store');
  if (close) res.header('Connection', 'close');
  res.send(status, body);
}

/**
 * Shapes restify's own errors (404, 405, handler failures) into generic bodies and
 * installs the last-resort guard: with `handleUncaughtExceptions`, restify runs each
 * request in its own domain and reports what escaped a handler (a throw in a
 * callback or an event listener) here instead of letting it end the process. The
 * guard logs it for the operator and answers a generic 500 if nothing was sent yet.
 */
export function installErrorResponses(server: Server, log: ErrorResponseLog): void {
  server.on('restifyError', (req: Request, _res: Response, err: Error & { statusCode?: number; restCode?: string }, callback: () => void) => {
    const status = err.statusCode ?? 500;
    if (status >= 500) log.error({ err, method: req.method }, 'request failed');
    const body = errorBody(status, status >= 500 ? 'InternalError' : (err.restCode ?? err.name).replace(/Error$/, ''));
    Object.defineProperty(err, 'toJSON', { value: () => body });
    callback();
  });
  server.on('uncaughtException', (req: Request, res: Response, _route: unknown, err: unknown, done?: () => void) => {
    log.error({ err, method: req.method }, 'last-resort guard: an error escaped a request handler; the request got a 500');
    if (!res.headersSent) sendError(res, 500, errorBody(500, 'InternalError'), true);
    done?.();
  });
}
