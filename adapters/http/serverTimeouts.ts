import type { Server } from 'node:http';

/** How long a client may take, and stay idle, on an HTTP connection. */
export interface HttpTimeouts {
  /** From the connection (or the previous response) to the end of the request headers: slowloris clients end here (408). */
  readonly headersMs: number;
  /** From the connection to the end of the request body: slow uploads end here (408). */
  readonly requestMs: number;
  /** Idle keep-alive connection between two requests. */
  readonly keepAliveMs: number;
  /**
   * Socket inactivity in either direction (a client that stops reading a response, a silent socket).
   * WebSocket streams are exempt: `ws` clears the socket timeout on upgrade; they have their own ping policy.
   */
  readonly idleSocketMs: number;
  /** How often Node checks the header and request deadlines (its default, 30 s, would let them overrun by that much). */
  readonly checkIntervalMs: number;
}

export const HEADERS_TIMEOUT_MS = 10_000;
export const REQUEST_TIMEOUT_MS = 15_000;
export const KEEP_ALIVE_TIMEOUT_MS = 5_000;
/** Longer than the slowest bot turn a POST waits for (the Direct Line `delay` cap is 5 s). */
export const IDLE_SOCKET_TIMEOUT_MS = 30_000;
export const TIMEOUT_CHECK_INTERVAL_MS = 1_000;

export const DEFAULT_HTTP_TIMEOUTS: HttpTimeouts = Object.freeze({
  headersMs: HEADERS_TIMEOUT_MS,
  requestMs: REQUEST_TIMEOUT_MS,
  keepAliveMs: KEEP_ALIVE_TIMEOUT_MS,
  idleSocketMs: IDLE_SOCKET_TIMEOUT_MS,
  checkIntervalMs: TIMEOUT_CHECK_INTERVAL_MS,
});

/** Applies the timeouts to a server that is not listening yet. */
export function applyHttpTimeouts(server: Server, timeouts: HttpTimeouts): void {
  server.headersTimeout = timeouts.headersMs;
  server.requestTimeout = timeouts.requestMs;
  server.keepAliveTimeout = timeouts.keepAliveMs;
  server.timeout = timeouts.idleSocketMs;
  // A constructor option that restify does not pass through; Node reads the property when the server starts listening.
  Object.assign(server, { connectionsCheckingInterval: timeouts.checkIntervalMs });
}
