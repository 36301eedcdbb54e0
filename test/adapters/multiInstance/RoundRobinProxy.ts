import http from 'node:http';
import net from 'node:net';
import type { Duplex } from 'node:stream';

/** Errors that say the request never reached a backend: safe to send to the next one (nginx's `proxy_next_upstream error`). */
const NOT_DELIVERED = new Set(['ECONNREFUSED', 'EHOSTUNREACH']);

/**
 * A small reverse proxy for the multi-instance test and bench, as nginx would sit in front
 * of the instances: every request and every WebSocket upgrade goes to the next backend in
 * turn, with `X-Forwarded-For` set and the client's `Host` kept (stream URLs point at the
 * proxy). A backend that refuses the connection (killed) is skipped; a request cut after
 * it was sent gets 502, as nginx answers a POST.
 */
export class RoundRobinProxy {
  private next = 0;
  readonly served: number[];
  private readonly agents: http.Agent[];
  private readonly sockets = new Set<Duplex>();

  private constructor(
    private readonly backends: readonly URL[],
    private readonly server: http.Server,
    readonly url: string,
  ) {
    this.served = backends.map(() => 0);
    this.agents = backends.map(() => new http.Agent({ keepAlive: true, maxSockets: 256 }));
  }

  static async start(backendUrls: readonly string[]): Promise<RoundRobinProxy> {
    const server = http.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error('RoundRobinProxy.start: no TCP address');
    const proxy = new RoundRobinProxy(backendUrls.map((url) => new URL(url)), server, `http://127.0.0.1:${address.port}`);
    server.on('request', (req, res) => void proxy.forward(req, res));
    server.on('upgrade', (req, socket, head) => proxy.tunnel(req, socket, head, 0));
    server.keepAliveTimeout = 4_000;
    return proxy;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    for (const agent of this.agents) agent.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private pick(): number {
    const index = this.next % this.backends.length;
    this.next += 1;
    return index;
  }

  private headers(req: http.IncomingMessage): http.OutgoingHttpHeaders {
    return { ...req.headers, 'x-forwarded-for': req.socket.remoteAddress ?? '', 'x-forwarded-proto': 'http' };
  }

  private async forward(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    try {
      for await (const chunk of req) chunks.push(chunk as Buffer);
    } catch {
      res.destroy();
      return;
    }
    const body = Buffer.concat(chunks);
    for (let attempt = 0; attempt < this.backends.length; attempt += 1) {
      const index = this.pick();
      const outcome = await this.send(index, req, body, res);
      if (outcome === 'sent') return;
    }
    badGateway(res);
  }

  /** 'sent' once a response (or a 502 for a cut request) went out; 'next' when this backend never got the request. */
  private send(index: number, req: http.IncomingMessage, body: Buffer, res: http.ServerResponse): Promise<'sent' | 'next'> {
    const backend = this.backends[index];
    return new Promise((resolve) => {
      const upstream = http.request(
        { host: backend.hostname, port: backend.port, method: req.method, path: req.url, headers: this.headers(req), agent: this.agents[index] },
        (answer) => {
          this.served[index] += 1;
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
          answer.on('error', () => res.destroy());
          resolve('sent');
        },
      );
      upstream.on('error', (err: NodeJS.ErrnoException) => {
        // A kept-alive connection the backend had just closed: the request never reached it (Node's documented retry case).
        if (NOT_DELIVERED.has(err.code ?? '') || (upstream.reusedSocket && err.code === 'ECONNRESET')) return resolve('next');
        badGateway(res);
        resolve('sent');
      });
      upstream.end(body);
    });
  }

  private tunnel(req: http.IncomingMessage, client: Duplex, head: Buffer, attempt: number): void {
    const index = this.pick();
    const backend = this.backends[index];
    const upstream = net.connect(Number(backend.port), backend.hostname);
    this.sockets.add(client);
    this.sockets.add(upstream);
    let connected = false;
    upstream.once('connect', () => {
      connected = true;
      this.served[index] += 1;
      const lines = [`${req.method ?? 'GET'} ${req.url ?? '/'} HTTP/1.1`];
      for (const [name, value] of Object.entries(this.headers(req))) {
        for (const one of Array.isArray(value) ? value : [value]) if (one !== undefined) lines.push(`${name}: ${String(one)}`);
      }
      upstream.write(`${lines.join('\r\n')}\r\n\r\n`);
      if (head.length > 0) upstream.write(head);
      client.pipe(upstream).pipe(client);
    });
    upstream.on('error', (err: NodeJS.ErrnoException) => {
      this.sockets.delete(upstream);
      if (!connected && NOT_DELIVERED.has(err.code ?? '') && attempt + 1 < this.backends.length) {
        this.tunnel(req, client, head, attempt + 1);
        return;
      }
      client.destroy();
    });
    upstream.on('close', () => {
      this.sockets.delete(upstream);
      if (connected) client.destroy();
    });
    client.on('error', () => upstream.destroy());
    client.on('close', () => {
      this.sockets.delete(client);
      upstream.destroy();
    });
  }
}

/** 502 as nginx answers a request it could not complete (restify, loaded in the same process, patches writeHead: no chaining). */
function badGateway(res: http.ServerResponse): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.writeHead(502, { 'Content-Type': 'application/json' });
  res.end('{"error":{"code":"BadGateway","message":"Backend failed"}}');
}
