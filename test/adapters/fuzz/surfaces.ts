import fc from 'fast-check';
import { DEFAULT_SERVER_LIMITS } from '../../../adapters/serverLimits.js';
import WebSocket from 'ws';
import type { DirectLineTestClient } from '../helpers/directLineClient.js';
import { rawRequest } from '../helpers/rawHttp.js';
import { activityLike, bodyText, contentType, encoded, proxyHeaders, watermark, type Bombs } from './payloads.js';

/** Every route an anonymous client can reach besides the static page: /api/messages and each Direct Line route. */
export const SURFACES = [
  'POST /api/messages',
  'POST /api/directline/token',
  'POST /v3/directline/conversations',
  'GET /v3/directline/conversations/{id}',
  'POST /v3/directline/conversations/{id}/activities',
  'GET /v3/directline/conversations/{id}/activities',
  'POST /v3/directline/tokens/refresh',
  'GET /v3/directline/conversations/{id}/stream (WebSocket)',
] as const;
export type Surface = (typeof SURFACES)[number];

/** What the fuzzer knows: the server, real conversations to aim at, and where replies of /api/messages may go. */
export interface FuzzContext {
  readonly baseUrl: string;
  readonly clients: readonly DirectLineTestClient[];
  readonly bombs: Bombs;
  /** A loopback URL that accepts the bot's replies (a stand-in channel), for /api/messages in emulator mode. */
  readonly serviceUrl: string;
  /** Source addresses spread over 127/8, so per-IP rate limits leave room for the run. */
  readonly addresses: readonly string[];
}

/** One request of a fuzz case. */
export interface FuzzCase {
  readonly surface: Surface;
  readonly method: string;
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly body?: Buffer;
  readonly address: string;
  /** For the stream: messages sent once the socket is open. */
  readonly frames?: readonly Buffer[];
}

export interface Outcome {
  readonly status: number;
  readonly text: string;
}

/** Statuses a 5xx may have and still be documented: 501 for an invoke the bot does not implement, 503 when overloaded or stopping. */
export const DOCUMENTED_5XX: ReadonlySet<number> = new Set([501, 503]);

export function isUnexpected(outcome: Outcome): boolean {
  return outcome.status >= 500 && !DOCUMENTED_5XX.has(outcome.status);
}

/** The body limit of the route a case aims at. */
export function bodyLimitOf(fuzz: FuzzCase): number {
  return fuzz.surface === 'POST /api/messages' ? DEFAULT_SERVER_LIMITS.botFrameworkBody.maxBytes : DEFAULT_SERVER_LIMITS.directLineBody.maxBytes;
}

/**
 * No answer at all. Expected only when the body was over the route's limit: the server answers 413
 * and closes while the client may still be uploading, so the client can see the reset first.
 */
export function isUnanswered(outcome: Outcome, fuzz: FuzzCase): boolean {
  return outcome.status === 0 && (fuzz.body?.length ?? 0) <= bodyLimitOf(fuzz);
}

/** A refusal must be the stable `{ error: { code, message } }` body, never a stack, a path or a library's message. */
export function leaksInternals(outcome: Outcome): boolean {
  return /\bat [\w.<>]+ \(|node_modules|\/srv\/|\/work\/|RangeError|TypeError|ENOTFOUND|ECONNREFUSED|Maximum call stack/.test(outcome.text);
}

function pick<T>(items: readonly T[]): fc.Arbitrary<T> {
  return fc.constantFrom(...items);
}

/** Authorization headers: a valid token (its own conversation or another's), a stream token, garbage, or none. */
function authorization(ctx: FuzzContext, client: DirectLineTestClient): fc.Arbitrary<Record<string, string>> {
  const streamToken = new URL(client.streamUrl).searchParams.get('t') ?? '';
  return fc.oneof(
    { weight: 16, arbitrary: fc.constant({ Authorization: `Bearer ${client.token}` }) },
    { weight: 1, arbitrary: pick(ctx.clients).map((other) => ({ Authorization: `Bearer ${other.token}` })) },
    { weight: 1, arbitrary: fc.constant({ Authorization: `Bearer ${streamToken}` }) },
    { weight: 1, arbitrary: fc.string({ maxLength: 200 }).map((token) => ({ Authorization: `Bearer ${token.replace(/[\r\n]/g, '')}` })) },
    { weight: 1, arbitrary: fc.constantFrom<Record<string, string>>({}, { Authorization: 'Basic YTpi' }, { Authorization: 'Bearer' }, { Authorization: `Bearer v1.${'A'.repeat(8_000)}.x` }) },
  );
}

/** The conversation in the path: the token's own, another one, or something odd. */
function conversationPath(ctx: FuzzContext, client: DirectLineTestClient): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 16, arbitrary: fc.constant(encodeURIComponent(client.conversationId)) },
    { weight: 1, arbitrary: pick(ctx.clients).map((other) => encodeURIComponent(other.conversationId)) },
    { weight: 1, arbitrary: fc.string({ maxLength: 80 }).map(encodeURIComponent) },
    { weight: 1, arbitrary: fc.constantFrom('%E0%A4%A', '..%2F..%2Fpackage.json', '%00', 'x'.repeat(3_000), '%F0%9F%91%8D') },
  );
}

const query = (mark: string | undefined): string => (mark === undefined ? '' : `?watermark=${encodeURIComponent(mark)}`);

/** The fuzz cases of one surface. */
export function surfaceCases(ctx: FuzzContext, surface: Surface): fc.Arbitrary<FuzzCase> {
  const client = pick(ctx.clients);
  const address = pick(ctx.addresses);
  const common = fc.record({ address, proxy: proxyHeaders, type: contentType });
  const post = (path: fc.Arbitrary<string>, auth: fc.Arbitrary<Record<string, string>>, body = bodyText()): fc.Arbitrary<FuzzCase> =>
    fc.record({ path, auth, common, sent: encoded(body, ctx.bombs) }).map(({ path: target, auth: authHeaders, common: c, sent }) => ({
      surface, method: 'POST', path: target, address: c.address, body: sent.bytes, headers: { ...c.type, ...c.proxy, ...authHeaders, ...sent.headers },
    }));
  const get = (path: fc.Arbitrary<string>, auth: fc.Arbitrary<Record<string, string>>): fc.Arbitrary<FuzzCase> =>
    fc.record({ path, auth, common }).map(({ path: target, auth: authHeaders, common: c }) => ({
      surface, method: 'GET', path: target, address: c.address, headers: { ...c.proxy, ...authHeaders },
    }));
  const withClient = <T>(build: (chosen: DirectLineTestClient) => fc.Arbitrary<T>): fc.Arbitrary<T> => client.chain(build);

  switch (surface) {
    case 'POST /api/messages': {
      const serviceUrl = fc.oneof(
        { weight: 6, arbitrary: fc.constant(ctx.serviceUrl) },
        { weight: 1, arbitrary: fc.constantFrom('https://smba.trafficmanager.net/emea/', 'http://10.0.0.8/', 'http://127.0.0.1.nip.io/', 'file:///etc/passwd') },
        { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
      );
      const channelActivity = activityLike({
        serviceUrl, channelId: fc.constantFrom('emulator', 'msteams', 'directline', 'webchat'), id: fc.string({ maxLength: 40 }),
        conversation: fc.oneof({ weight: 5, arbitrary: fc.record({ id: fc.string({ maxLength: 40 }) }) }, { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) }),
        from: fc.record({ id: fc.string({ maxLength: 40 }) }), recipient: fc.record({ id: fc.string({ maxLength: 40 }) }),
      });
      const auth = fc.constantFrom<Record<string, string>>({}, { Authorization: 'Bearer not.a.jwt' }, { Authorization: 'Basic YTpi' });
      return post(fc.constant('/api/messages'), auth, bodyText(channelActivity));
    }
    case 'POST /api/directline/token':
      return post(fc.constantFrom('/api/directline/token', '/api/directline/token?x=1'), fc.constant({}));
    case 'POST /v3/directline/conversations':
      return withClient((chosen) => post(fc.constant('/v3/directline/conversations'), authorization(ctx, chosen)));
    case 'GET /v3/directline/conversations/{id}':
      return withClient((chosen) => get(
        fc.tuple(conversationPath(ctx, chosen), watermark).map(([id, mark]) => `/v3/directline/conversations/${id}${query(mark)}`),
        authorization(ctx, chosen),
      ));
    case 'POST /v3/directline/conversations/{id}/activities':
      return withClient((chosen) => post(conversationPath(ctx, chosen).map((id) => `/v3/directline/conversations/${id}/activities`), authorization(ctx, chosen)));
    case 'GET /v3/directline/conversations/{id}/activities':
      return withClient((chosen) => get(
        fc.tuple(conversationPath(ctx, chosen), watermark).map(([id, mark]) => `/v3/directline/conversations/${id}/activities${query(mark)}`),
        authorization(ctx, chosen),
      ));
    case 'POST /v3/directline/tokens/refresh':
      return withClient((chosen) => post(fc.constant('/v3/directline/tokens/refresh'), authorization(ctx, chosen)));
    case 'GET /v3/directline/conversations/{id}/stream (WebSocket)':
      return withClient((chosen) => {
        const streamToken = new URL(chosen.streamUrl).searchParams.get('t') ?? '';
        const token = fc.oneof(
          { weight: 6, arbitrary: fc.constant(streamToken) },
          { weight: 1, arbitrary: fc.constantFrom(chosen.token, '', 'v1.x.y') },
          { weight: 1, arbitrary: fc.string({ maxLength: 100 }) },
        );
        const frames = fc.array(fc.oneof(fc.constant(Buffer.alloc(0)), fc.uint8Array({ maxLength: 1_500 }).map((bytes) => Buffer.from(bytes))), { maxLength: 4 });
        return fc.record({ id: conversationPath(ctx, chosen), token, mark: watermark, frames, address, proxy: proxyHeaders }).map((c) => ({
          surface, method: 'GET', address: c.address, headers: c.proxy, frames: c.frames,
          path: `/v3/directline/conversations/${c.id}/stream?t=${encodeURIComponent(c.token)}${c.mark === undefined ? '' : `&watermark=${encodeURIComponent(c.mark)}`}`,
        }));
      });
  }
}

/** Sends one case and reports the HTTP status (101 for an accepted stream, 0 when the connection failed). */
export async function sendCase(ctx: FuzzContext, fuzz: FuzzCase): Promise<Outcome> {
  if (fuzz.frames !== undefined) return openStream(ctx, fuzz);
  try {
    return await rawRequest(`${ctx.baseUrl}${fuzz.path}`, {
      method: fuzz.method, headers: fuzz.headers, body: fuzz.body, localAddress: fuzz.address, timeoutMs: 30_000,
    });
  } catch (error) {
    return { status: 0, text: error instanceof Error ? error.message : String(error) };
  }
}

function openStream(ctx: FuzzContext, fuzz: FuzzCase): Promise<Outcome> {
  return new Promise((resolve) => {
    const socket = new WebSocket(`${ctx.baseUrl.replace(/^http/, 'ws')}${fuzz.path}`, { localAddress: fuzz.address, headers: fuzz.headers });
    const timer = setTimeout(() => finish({ status: 0, text: 'no answer to the upgrade within 10 s' }), 10_000);
    let done = false;
    function finish(outcome: Outcome): void {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.terminate();
      resolve(outcome);
    }
    socket.once('unexpected-response', (_req, res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => {
        text += chunk.toString('utf8');
      });
      res.on('end', () => finish({ status: res.statusCode ?? 0, text }));
      res.on('error', () => finish({ status: res.statusCode ?? 0, text }));
    });
    socket.once('open', () => {
      for (const frame of fuzz.frames ?? []) socket.send(frame);
      // Long enough for the server to read the frames (and drop an oversized one).
      setTimeout(() => finish({ status: 101, text: '' }), 20);
    });
    socket.on('error', (error) => finish({ status: 0, text: error.message }));
  });
}
