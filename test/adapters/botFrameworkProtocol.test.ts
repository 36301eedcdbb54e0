import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { isLoopbackAddress } from '../../adapters/http/peer.js';
import { ECHO_GREETING, echoServersClosedAfterEach } from './helpers/echoBot.js';

/** What the bot POSTed back to the channel's serviceUrl. */
interface Captured {
  readonly path: string;
  readonly body: { type?: string; text?: string; replyToId?: string; conversation?: { id?: string } };
}

/** A fake channel: records the replies the bot sends to `serviceUrl`. */
async function startCaptureServer(): Promise<{ url: string; captured: Captured[]; server: Server }> {
  const captured: Captured[] = [];
  const record = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(Buffer.from(chunk));
    captured.push({ path: req.url ?? '', body: JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') });
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ id: `reply-${captured.length}` }));
  };
  const server = createHttpServer((req, res) => {
    record(req, res).catch(() => {
      res.writeHead(400);
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('capture server has no port');
  return { url: `http://127.0.0.1:${address.port}`, captured, server };
}

function activity(serviceUrl: string, fields: Record<string, unknown>): Record<string, unknown> {
  return {
    channelId: 'emulator',
    serviceUrl,
    id: 'incoming-1',
    from: { id: 'user-1', name: 'Vendor', role: 'user' },
    recipient: { id: 'bot-1', name: 'Bot', role: 'bot' },
    conversation: { id: 'conv-1' },
    timestamp: new Date().toISOString(),
    ...fields,
  };
}

describe('POST /api/messages (Bot Framework protocol through CloudAdapter)', () => {
  const startEcho = echoServersClosedAfterEach();
  let capture: Awaited<ReturnType<typeof startCaptureServer>> | undefined;
  afterEach(async () => {
    await new Promise((resolve) => capture?.server.close(resolve) ?? resolve(undefined));
    capture = undefined;
  });

  it('runs the bot and posts its replies back to the serviceUrl (no app id, EMULATOR_ENABLED: local traffic accepted)', async () => {
    const started = await startEcho({ EMULATOR_ENABLED: 'true' });
    capture = await startCaptureServer();
    const post = (body: Record<string, unknown>): Promise<Response> =>
      fetch(`${started.url}/api/messages`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });

    const joined = await post(activity(capture.url, { type: 'conversationUpdate', id: 'join-1', membersAdded: [{ id: 'user-1' }] }));
    expect(joined.status).toBe(200);
    const asked = await post(activity(capture.url, { type: 'message', text: 'Qu’est-ce que le MOS ?' }));
    expect(asked.status).toBe(200);

    expect(capture.captured.map((reply) => reply.body.text)).toEqual([ECHO_GREETING, 'echo: Qu’est-ce que le MOS ?']);
    const answer = capture.captured[1];
    expect(answer.path).toBe('/v3/conversations/conv-1/activities/incoming-1');
    expect(answer.body).toMatchObject({ type: 'message', replyToId: 'incoming-1', conversation: { id: 'conv-1' } });
  });

  it('answers 401 and does not run the bot when an app id is configured and no token is sent', async () => {
    const started = await startEcho({
      MicrosoftAppId: '00000000-0000-4000-8000-000000000001',
      MicrosoftAppPassword: 'not-a-real-password',
    });
    capture = await startCaptureServer();
    const response = await fetch(`${started.url}/api/messages`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(activity(capture.url, { type: 'message', text: 'bonjour' })),
    });
    expect(response.status).toBe(401);
    expect(started.bot.seen).toEqual([]);
    expect(capture.captured).toEqual([]);

    const forged = await fetch(`${started.url}/api/messages`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: 'Bearer not.a.jwt' },
      body: JSON.stringify(activity(capture.url, { type: 'message', text: 'bonjour' })),
    });
    expect(forged.status).toBe(401);
    expect(started.bot.seen).toEqual([]);
  });

  it('refuses malformed JSON (400) and oversized bodies (413) and keeps serving', async () => {
    const started = await startEcho({ EMULATOR_ENABLED: 'true' });
    const bad = await fetch(`${started.url}/api/messages`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"type":' });
    expect(bad.status).toBe(400);
    const huge = await fetch(`${started.url}/api/messages`, {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ text: 'x'.repeat(600 * 1024) }),
    });
    expect(huge.status).toBe(413);
    expect((await fetch(`${started.url}/healthz`)).status).toBe(200);
  });

  it('answers 400 to JSON that is not an activity, without running the bot, and keeps serving', async () => {
    const started = await startEcho({ EMULATOR_ENABLED: 'true' });
    capture = await startCaptureServer();
    for (const body of [{ type: 5 }, activity(capture.url, { type: 'message', conversation: 42 }), { text: 'no type' }, []]) {
      const response = await fetch(`${started.url}/api/messages`, {
        method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body),
      });
      expect({ body, status: response.status }).toEqual({ body, status: 400 });
    }
    expect(started.bot.seen).toEqual([]);
    expect((await fetch(`${started.url}/healthz`)).status).toBe(200);
  });
});

describe('isLoopbackAddress (who may use /api/messages without an app id)', () => {
  it('accepts this machine only', () => {
    for (const local of ['127.0.0.1', '127.0.0.2', '::1', '::ffff:127.0.0.1']) expect(isLoopbackAddress(local)).toBe(true);
    for (const remote of ['10.0.0.5', '192.168.1.10', '::ffff:10.0.0.5', '2001:db8::1', '', undefined]) {
      expect(isLoopbackAddress(remote)).toBe(false);
    }
  });
});
