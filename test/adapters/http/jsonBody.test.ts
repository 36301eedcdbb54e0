import { createServer, type Server } from 'node:http';
import { connect } from 'node:net';
import { deflateSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readJsonBody, type BodyResult } from '../../../adapters/http/jsonBody.js';
import { rawRequest } from '../helpers/rawHttp.js';

const LIMITS = { maxBytes: 1024, maxDepth: 8, maxValues: 50 };
const JSON_TYPE = { 'Content-Type': 'application/json' };

describe('readJsonBody', () => {
  let server: Server;
  let url = '';
  const results: BodyResult[] = [];

  beforeAll(async () => {
    // Answers with what readJsonBody made of the request.
    server = createServer((req, res) => {
      void readJsonBody(req, LIMITS).then((result) => {
        results.push(result);
        res.setHeader('Content-Type', 'application/json');
        if (result.kind === 'refused') res.setHeader('Connection', 'close');
        res.end(JSON.stringify(result));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error('no port');
    url = `http://127.0.0.1:${address.port}/`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const read = async (headers: Record<string, string>, body?: Buffer | string): Promise<BodyResult> => {
    const response = await rawRequest(url, { headers, body });
    return JSON.parse(response.text);
  };

  it('parses JSON, plain or compressed with gzip or deflate; an empty body is undefined', async () => {
    const value = { type: 'message', text: 'Qu’est-ce que le MOS ?' };
    expect(await read(JSON_TYPE, JSON.stringify(value))).toEqual({ kind: 'ok', body: value });
    expect(await read({ ...JSON_TYPE, 'Content-Type': 'application/json; charset=UTF-8' }, JSON.stringify(value))).toEqual({ kind: 'ok', body: value });
    expect(await read({ ...JSON_TYPE, 'Content-Encoding': 'gzip' }, gzipSync(JSON.stringify(value)))).toEqual({ kind: 'ok', body: value });
    expect(await read({ ...JSON_TYPE, 'Content-Encoding': 'deflate' }, deflateSync(JSON.stringify(value)))).toEqual({ kind: 'ok', body: value });
    expect(await read({ 'Content-Encoding': 'identity' })).toEqual({ kind: 'ok' });
  });

  it('answers 400 for a corrupt compressed body instead of throwing outside the handler', async () => {
    for (const encoding of ['gzip', 'deflate', 'x-gzip']) {
      expect(await read({ ...JSON_TYPE, 'Content-Encoding': encoding }, 'not compressed at all')).toMatchObject({ kind: 'refused', status: 400 });
    }
    expect(await read({ ...JSON_TYPE, 'Content-Encoding': 'gzip' }, gzipSync('{"a":1}').subarray(0, 12))).toMatchObject({ status: 400 });
  });

  it('stops inflating at the limit: a small gzip bomb is 413, not 64 MiB in memory', async () => {
    const bomb = gzipSync(Buffer.alloc(64 * 1024 * 1024, 0x20));
    expect(bomb.length).toBeLessThan(LIMITS.maxBytes * 100);
    // Compressed size over the limit: refused on Content-Length, before reading.
    expect(await read({ ...JSON_TYPE, 'Content-Encoding': 'gzip' }, bomb)).toMatchObject({ status: 413, code: 'PayloadTooLarge' });
    const tiny = gzipSync(Buffer.alloc(512 * 1024, 0x20));
    expect(tiny.length).toBeLessThan(LIMITS.maxBytes);
    expect(await read({ ...JSON_TYPE, 'Content-Encoding': 'gzip' }, tiny)).toEqual({
      kind: 'refused', status: 413, code: 'PayloadTooLarge', message: 'the decompressed body must be at most 1024 bytes',
    });
  });

  it('answers 413 past the byte limit, declared or streamed in chunks', async () => {
    expect(await read(JSON_TYPE, `"${'x'.repeat(2_000)}"`)).toMatchObject({ status: 413 });
    const chunked = await new Promise<string>((resolve, reject) => {
      const { port } = new URL(url);
      const socket = connect(Number(port), '127.0.0.1', () => {
        socket.write('POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n');
        for (let i = 0; i < 8; i += 1) socket.write(`200\r\n${'a'.repeat(0x200)}\r\n`);
      });
      let received = '';
      socket.on('data', (chunk: Buffer) => {
        received += chunk.toString('utf8');
      });
      socket.on('close', () => resolve(received));
      socket.on('error', reject);
    });
    expect(chunked).toMatch(/"status":413/);
  });

  it('answers 415 for other encodings, stacked encodings, other media types and charsets', async () => {
    const cases: Array<Record<string, string>> = [
      { ...JSON_TYPE, 'Content-Encoding': 'br' },
      { ...JSON_TYPE, 'Content-Encoding': 'gzip, gzip' },
      { ...JSON_TYPE, 'Content-Encoding': '__proto__' },
      { 'Content-Type': 'text/plain' },
      { 'Content-Type': 'application/x-www-form-urlencoded' },
      { 'Content-Type': 'application/json; charset=iso-8859-1' },
      {},
    ];
    for (const headers of cases) expect({ headers, result: await read(headers, '{}') }).toMatchObject({ headers, result: { status: 415 } });
    expect(await read({ 'Content-Type': 'application/vnd.microsoft.activity+json' }, '{}')).toEqual({ kind: 'ok', body: {} });
  });

  it('answers 400 for invalid UTF-8, malformed JSON, deep nesting and too many values', async () => {
    expect(await read(JSON_TYPE, Buffer.from([0x22, 0xc3, 0x28, 0x22]))).toMatchObject({ status: 400, message: 'the body is not valid UTF-8' });
    expect(await read(JSON_TYPE, '{"type":')).toMatchObject({ status: 400, message: 'the body is not valid JSON' });
    expect(await read(JSON_TYPE, '['.repeat(9) + ']'.repeat(9))).toMatchObject({ status: 400, message: expect.stringMatching(/deeper than 8/) });
    expect(await read(JSON_TYPE, JSON.stringify(Array.from({ length: 60 }, () => 1)))).toMatchObject({ status: 400 });
  });

  it('resolves, never rejects, when the client aborts the upload', async () => {
    const before = results.length;
    await new Promise<void>((resolve) => {
      const { port } = new URL(url);
      const socket = connect(Number(port), '127.0.0.1', () => {
        socket.write('POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n{"a":');
        setTimeout(() => {
          socket.destroy();
          resolve();
        }, 50);
      });
    });
    const deadline = Date.now() + 2_000;
    while (results.length === before && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(results.at(-1)).toMatchObject({ kind: 'refused', status: 400 });
  });
});
