import { createServer, type Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { KeepAliveHttpClient } from './KeepAliveHttpClient.js';

describe('KeepAliveHttpClient (the load generator\'s HTTP client)', () => {
  let server: Server | undefined;
  let client: KeepAliveHttpClient | undefined;
  afterEach(async () => {
    client?.close();
    await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
  });

  const start = async (keepAliveMs = 5_000): Promise<string> => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      req.on('end', () => {
        const reply = JSON.stringify({ method: req.method, url: req.url, body, type: req.headers['content-type'] ?? null, auth: req.headers.authorization ?? null, port: req.socket.remotePort });
        if (req.url === '/chunked') {
          res.setHeader('Content-Type', 'application/json');
          res.write(reply.slice(0, 10));
          res.end(reply.slice(10));
        } else if (req.url === '/close') {
          res.writeHead(503, { Connection: 'close', 'Content-Length': Buffer.byteLength('plain é') }).end('plain é');
        } else {
          res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(reply) }).end(reply);
        }
      });
    });
    server.keepAliveTimeout = keepAliveMs;
    await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error('no TCP address');
    return `http://127.0.0.1:${address.port}`;
  };

  it('sends the method, path, headers and JSON body, reads responses by length, by chunks and to the close, and keeps the connection', async () => {
    const base = await start();
    client = new KeepAliveHttpClient();
    const first = await client.request('POST', `${base}/v3/x?y=1`, { headers: { Authorization: 'Bearer t' }, body: '{"text":"Réponse 👍"}' });
    expect(first).toMatchObject({ status: 200, body: { method: 'POST', url: '/v3/x?y=1', body: '{"text":"Réponse 👍"}', type: 'application/json', auth: 'Bearer t' } });
    const second = await client.request('GET', `${base}/chunked`);
    expect(second).toMatchObject({ status: 200, body: { method: 'GET', url: '/chunked', body: '', type: null } });
    expect(Reflect.get(Object(second.body), 'port')).toBe(Reflect.get(Object(first.body), 'port'));
    expect(await client.request('GET', `${base}/close`)).toMatchObject({ status: 503, body: 'plain é' });
    const fourth = await client.request('GET', `${base}/after`);
    expect(Reflect.get(Object(fourth.body), 'port')).not.toBe(Reflect.get(Object(first.body), 'port'));
  });

  it('sends again on a new connection when the server closed an idle one, and overlapping requests each get a connection', async () => {
    const base = await start(50);
    const local = new KeepAliveHttpClient('127.0.0.1');
    client = local;
    await local.request('GET', `${base}/a`);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await local.request('GET', `${base}/b`)).toMatchObject({ status: 200, body: { url: '/b' } });
    const both = await Promise.all(['/c', '/d'].map((path) => local.request('GET', `${base}${path}`)));
    expect(both.map((result) => Reflect.get(Object(result.body), 'url'))).toEqual(['/c', '/d']);
  });

  it('rejects when nothing answers', async () => {
    client = new KeepAliveHttpClient();
    await expect(client.request('GET', 'http://127.0.0.1:1/x')).rejects.toThrow();
  });
});
