import WebSocket from 'ws';
import { describe, expect, it } from 'vitest';
import { DirectLineTestClient, stringField } from '../helpers/directLineClient.js';
import { ECHO_GREETING, echoServersClosedAfterEach } from '../helpers/echoBot.js';

/** Opens a raw WebSocket and reports the HTTP status of a refused upgrade. */
function refusedStatus(url: string, localAddress?: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { localAddress });
    socket.once('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      socket.terminate();
    });
    socket.once('open', () => reject(new Error('the stream should have been refused')));
    socket.once('error', () => undefined);
  });
}

describe('built-in Direct Line 3.0 endpoint over the WebSocket stream', () => {
  const startEcho = echoServersClosedAfterEach();

  it('pushes the greeting backlog, then the echoed message and the reply with growing watermarks', async () => {
    const started = await startEcho();
    const client = await DirectLineTestClient.connect(started.url);
    const stream = await client.openStream();
    await stream.waitFor((activity) => activity.text === ECHO_GREETING);

    const posted = await client.send('Qu’est-ce que le NOS ?');
    expect(posted.status).toBe(200);
    const reply = await stream.waitFor((activity) => activity.text === 'echo: Qu’est-ce que le NOS ?');
    expect(reply.replyToId).toBe(stringField(posted.body, 'id'));
    expect(stream.received.map((activity) => activity.text)).toEqual([ECHO_GREETING, 'Qu’est-ce que le NOS ?', 'echo: Qu’est-ce que le NOS ?']);
    expect(stream.watermarks.map(Number)).toEqual([1, 2, 3]);
    stream.close();
  });

  it('resumes after a reconnect at the watermark, without duplicates', async () => {
    const started = await startEcho();
    const client = await DirectLineTestClient.connect(started.url);
    const first = await client.openStream();
    await first.waitFor((activity) => activity.text === ECHO_GREETING);
    first.close();
    await first.waitForClose();

    await client.send('pendant la coupure');
    await client.pollUntil((activity) => activity.text === 'echo: pendant la coupure');
    const reconnect = await client.call('GET', `/conversations/${client.conversationId}?watermark=1`);
    const second = await client.openStream(stringField(reconnect.body, 'streamUrl'));
    await second.waitFor((activity) => activity.text === 'echo: pendant la coupure');
    expect(second.received.map((activity) => activity.text)).toEqual(['pendant la coupure', 'echo: pendant la coupure']);
    second.close();
  });

  it('refuses streams with a token of another conversation, a REST token, no token or an unknown path', async () => {
    const started = await startEcho();
    const alice = await DirectLineTestClient.connect(started.url);
    const bob = await DirectLineTestClient.connect(started.url);
    const aliceStreamToken = new URL(alice.streamUrl).searchParams.get('t') ?? '';
    const bobStream = new URL(bob.streamUrl);

    bobStream.searchParams.set('t', aliceStreamToken);
    expect(await refusedStatus(bobStream.href)).toBe(403);
    bobStream.searchParams.set('t', bob.token);
    expect(await refusedStatus(bobStream.href)).toBe(403);
    bobStream.searchParams.delete('t');
    expect(await refusedStatus(bobStream.href)).toBe(401);
    expect(await refusedStatus(`${started.url.replace('http', 'ws')}/v3/directline/elsewhere`)).toBe(404);

    const legit = await bob.openStream();
    await legit.waitFor((activity) => activity.text === ECHO_GREETING);
    legit.close();
  });

  it('limits the streams of one conversation (429) and closes streams with 1001 on shutdown', async () => {
    const started = await startEcho();
    const client = await DirectLineTestClient.connect(started.url);
    const streams = [await client.openStream(), await client.openStream(), await client.openStream()];
    const again = await client.call('GET', `/conversations/${client.conversationId}`);
    expect(await refusedStatus(stringField(again.body, 'streamUrl'))).toBe(429);

    await started.app.close();
    for (const stream of streams) expect(await stream.waitForClose()).toBe(1001);
  });
});
