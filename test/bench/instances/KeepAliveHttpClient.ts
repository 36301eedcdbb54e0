/**
 * The load generator's HTTP/1.1 client: kept-alive connections written to and read from directly,
 * one `write` per request, a response read by its Content-Length (or chunks, or to the close),
 * so that the bench's visitors cost the two cores they share with the servers as little as a
 * browser would cost its own machine (node:http's client machinery was most of their CPU).
 * Requests of one client may overlap: each takes an idle connection or opens one.
 */
import { connect, type Socket } from 'node:net';
import type { HttpResult } from '../../adapters/helpers/directLineClient.js';

/** What a visitor sends (the shape of directLineClient's `httpJson`). */
export type HttpJson = (method: string, url: string, options?: { headers?: Record<string, string>; body?: string }) => Promise<HttpResult>;

const HEADER_END = '\r\n\r\n';
const URL_PARTS = /^http:\/\/([^/:]+):(\d+)(\/.*)?$/;

interface Response {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: Buffer;
  readonly keepAlive: boolean;
}

/** One kept-alive connection, reading one response at a time. */
class Connection {
  private received: Buffer = Buffer.alloc(0);
  private waiting: { resolve: (response: Response) => void; reject: (err: Error) => void } | undefined;
  private ended = false;
  /** Whether it has carried a response (a server may close such a connection while it sits idle). */
  used = false;

  constructor(readonly socket: Socket) {
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => {
      this.received = this.received.length === 0 ? chunk : Buffer.concat([this.received, chunk]);
      this.parse();
    });
    socket.on('end', () => {
      this.ended = true;
      this.parse();
    });
    socket.on('error', (err) => this.fail(err));
    socket.on('close', () => this.fail(new Error('KeepAliveHttpClient: connection closed before the response')));
  }

  send(request: string): Promise<Response> {
    return new Promise((resolve, reject) => {
      this.waiting = { resolve, reject };
      this.socket.write(request);
    });
  }

  get open(): boolean {
    return !this.ended && !this.socket.destroyed;
  }

  private fail(err: Error): void {
    const waiting = this.waiting;
    this.waiting = undefined;
    this.socket.destroy();
    waiting?.reject(err);
  }

  private parse(): void {
    if (this.waiting === undefined) return;
    const text = this.received.toString('latin1', 0, Math.min(this.received.length, 8_192));
    const headerEnd = text.indexOf(HEADER_END);
    if (headerEnd < 0) return;
    const lines = text.slice(0, headerEnd).split('\r\n');
    const status = Number(lines[0].split(' ')[1]);
    const headers: Record<string, string> = {};
    for (const line of lines.slice(1)) {
      const colon = line.indexOf(':');
      headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
    }
    // Latin-1: one character per byte.
    const body = bodyOf(this.received.subarray(headerEnd + HEADER_END.length), headers, this.ended);
    if (body === undefined) return;
    this.received = Buffer.alloc(0);
    const waiting = this.waiting;
    this.waiting = undefined;
    this.used = true;
    waiting.resolve({ status, headers, body, keepAlive: headers.connection?.toLowerCase() !== 'close' });
  }
}

/** The whole body once it is all there, else undefined: by Content-Length, by chunks, or up to the end of the connection. */
function bodyOf(rest: Buffer, headers: Record<string, string>, ended: boolean): Buffer | undefined {
  if (headers['content-length'] !== undefined) {
    const length = Number(headers['content-length']);
    return rest.length >= length ? rest.subarray(0, length) : undefined;
  }
  if (headers['transfer-encoding']?.toLowerCase() === 'chunked') {
    const chunks: Buffer[] = [];
    let at = 0;
    for (;;) {
      const lineEnd = rest.indexOf('\r\n', at, 'latin1');
      if (lineEnd < 0) return undefined;
      const size = parseInt(rest.toString('latin1', at, lineEnd), 16);
      // The last chunk, then trailers (none here) and an empty line.
      if (size === 0) return rest.indexOf(HEADER_END, lineEnd, 'latin1') >= 0 ? Buffer.concat(chunks) : undefined;
      if (rest.length < lineEnd + 2 + size + 2) return undefined;
      chunks.push(rest.subarray(lineEnd + 2, lineEnd + 2 + size));
      at = lineEnd + 2 + size + 2;
    }
  }
  return ended ? rest : undefined;
}

export class KeepAliveHttpClient {
  private readonly idle = new Map<string, Connection[]>();

  /** `localAddress`: the source address of every connection (the bench spreads visitors over loopback addresses). */
  constructor(private readonly localAddress?: string) {}

  readonly request: HttpJson = async (method, url, options = {}) => {
    const parts = URL_PARTS.exec(url);
    if (!parts) throw new Error(`KeepAliveHttpClient.request: only http://host:port/… URLs, got ${url}`);
    const [, host, port, path = '/'] = parts;
    let head = `${method} ${path} HTTP/1.1\r\nHost: ${host}:${port}\r\n`;
    for (const [name, value] of Object.entries(options.headers ?? {})) head += `${name}: ${value}\r\n`;
    const body = options.body ?? '';
    if (options.body !== undefined) head += 'Content-Type: application/json\r\n';
    const request = `${head}Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
    const origin = `${host}:${port}`;
    let connection = this.take(origin);
    let response: Response;
    try {
      response = await connection.send(request);
    } catch (err) {
      // The server closed a connection that sat idle just as it was reused: once more on a new one, as browsers do.
      if (!connection.used) throw err;
      connection = this.open(host, Number(port));
      response = await connection.send(request);
    }
    if (response.keepAlive && connection.open) this.release(origin, connection);
    else connection.socket.destroy();
    const text = response.body.toString('utf8');
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // Not JSON: the caller inspects the raw text.
    }
    return { status: response.status, headers: response.headers, body: parsed };
  };

  /** Closes the idle connections. */
  close(): void {
    for (const connections of this.idle.values()) for (const connection of connections) connection.socket.destroy();
    this.idle.clear();
  }

  private take(origin: string): Connection {
    const connections = this.idle.get(origin) ?? [];
    for (let connection = connections.pop(); connection !== undefined; connection = connections.pop()) {
      if (connection.open) return connection;
    }
    const [host, port] = origin.split(':');
    return this.open(host, Number(port));
  }

  private open(host: string, port: number): Connection {
    return new Connection(connect({ host, port, ...(this.localAddress !== undefined && { localAddress: this.localAddress }) }));
  }

  private release(origin: string, connection: Connection): void {
    let connections = this.idle.get(origin);
    if (!connections) {
      connections = [];
      this.idle.set(origin, connections);
    }
    connections.push(connection);
  }
}
