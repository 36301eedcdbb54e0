import type { IncomingMessage, Server as HttpServer } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { clientIp, DIRECT_LINE_BASE } from './directLineRoutes.js';
import type { DirectLineService } from './DirectLineService.js';
import { isDatabaseUnavailable } from '../databaseUnavailable.js';
import type { TokenClaims } from './HmacTokenSigner.js';
import type { DirectLineError, ErrorLog } from './results.js';

/** Interval of WebSocket pings; a client that missed one is dropped. */
export const STREAM_HEARTBEAT_MS = 30_000;
/** Clients only send empty keep-alive messages; anything bigger is refused by `ws`. */
const MAX_CLIENT_MESSAGE_BYTES = 1024;
/** A client that lets this much pile up unread is too slow: drop it, it will reconnect and resume at its watermark. */
const MAX_BUFFERED_BYTES = 1024 * 1024;
const STREAM_PATH = new RegExp(`^${DIRECT_LINE_BASE}/conversations/([^/]+)/stream$`);

/** Handle on the open WebSocket streams, for shutdown and /healthz. */
export interface LiveStreams {
  /** Closes every stream with 1001 "going away" (graceful shutdown). */
  close(): void;
  readonly size: number;
}

/**
 * Serves the Direct Line WebSocket stream on the HTTP server's `upgrade` event: after
 * the token check, pushes `{ activities, watermark }` sets as they are appended.
 */
export function attachDirectLineStream(httpServer: HttpServer, service: DirectLineService, log: ErrorLog, trustedProxies: ReadonlySet<string> = new Set()): LiveStreams {
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_CLIENT_MESSAGE_BYTES });
  const alive = new WeakMap<WebSocket, boolean>();

  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    // Node drops its own error listener before 'upgrade': a client resetting a refused upgrade would crash the process.
    socket.on('error', () => socket.destroy());
    const target = parseTarget(req.url);
    if (!target) return refuse(socket, { kind: 'error', status: 400, code: 'BadArgument', message: 'Malformed stream URL' });
    const match = STREAM_PATH.exec(target.pathname);
    if (!match) return refuse(socket, { kind: 'error', status: 404, code: 'NotFound', message: 'No stream here' });
    const conversationId = decodeSegment(match[1]);
    if (conversationId === undefined) return refuse(socket, { kind: 'error', status: 400, code: 'BadArgument', message: 'Malformed conversation id' });
    const limited = service.checkIp(clientIp(req, trustedProxies));
    if (limited.kind === 'error') return refuse(socket, limited);
    const auth = service.authorizeStream(target.searchParams.get('t') ?? undefined, conversationId);
    if (auth.kind === 'error') return refuse(socket, auth);
    void service.checkStream(auth.body, target.searchParams.get('watermark') ?? undefined).then(
      (checked) => {
        if (checked.kind === 'error') return refuse(socket, checked);
        // The client may have gone while the conversation was looked up.
        if (socket.destroyed) return undefined;
        accept(req, socket, head, auth.body, checked.body);
      },
      (err: unknown) => {
        // An exception here would escape the 'upgrade' event: answer it (503 while the database is unreachable).
        if (isDatabaseUnavailable(err)) return refuse(socket, { kind: 'error', status: 503, code: 'ServiceUnavailable', message: 'The service is temporarily unavailable' });
        log.error({ err }, 'Direct Line stream: opening failed');
        return refuse(socket, { kind: 'error', status: 502, code: 'BotError', message: 'The stream could not be opened' });
      },
    );
  };

  const accept = (req: IncomingMessage, socket: Duplex, head: Buffer, claims: TokenClaims, watermark: number): void => {
    wss.handleUpgrade(req, socket, head, (ws) => {
      alive.set(ws, true);
      ws.on('pong', () => alive.set(ws, true));
      // Web Chat sends empty messages as keep-alives; there is nothing else to read.
      ws.on('message', () => alive.set(ws, true));
      // Protocol errors (oversized or malformed frames, resets) are the client's; it reconnects and resumes at its watermark.
      ws.on('error', () => ws.terminate());
      const unsubscribe = service.openStream(claims, watermark, (set) => {
        if (ws.readyState !== ws.OPEN) return;
        if (ws.bufferedAmount > MAX_BUFFERED_BYTES) {
          ws.terminate();
          return;
        }
        ws.send(JSON.stringify(set));
      });
      ws.on('close', unsubscribe);
    });
  };
  httpServer.on('upgrade', onUpgrade);

  const heartbeat = setInterval(() => {
    for (const ws of wss.clients) {
      if (alive.get(ws) === false) {
        ws.terminate();
        continue;
      }
      alive.set(ws, false);
      ws.ping();
    }
  }, STREAM_HEARTBEAT_MS);
  heartbeat.unref();

  return {
    close(): void {
      clearInterval(heartbeat);
      httpServer.off('upgrade', onUpgrade);
      for (const ws of wss.clients) ws.close(1001, 'Server shutting down');
      wss.close();
    },
    get size(): number {
      return wss.clients.size;
    },
  };
}

/** Answers a refused upgrade with a plain HTTP response, as Direct Line does, then closes the socket. */
function refuse(socket: Duplex, failure: DirectLineError): void {
  const body = JSON.stringify({ error: { code: failure.code, message: failure.message } });
  const retry = failure.retryAfterSeconds !== undefined ? `Retry-After: ${failure.retryAfterSeconds}\r\n` : '';
  socket.end(
    `HTTP/1.1 ${failure.status} ${failure.code}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n${retry}Connection: close\r\n\r\n${body}`,
  );
}

/** The request target as a URL, or undefined when it cannot be one (an exception here would escape the 'upgrade' event). */
function parseTarget(target = '/'): URL | undefined {
  return URL.canParse(target, 'http://localhost') ? new URL(target, 'http://localhost') : undefined;
}

/** A percent-decoded path segment, or undefined for malformed escapes such as `%E0%A4%A`. */
function decodeSegment(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    // URIError is the only failure and it means malformed input: the caller answers 400.
    return undefined;
  }
}
