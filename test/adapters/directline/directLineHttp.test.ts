import { describe, expect, it } from 'vitest';
import { DirectLineTestClient, httpJson, numberField, stringField } from '../helpers/directLineClient.js';
import { ECHO_GREETING, echoServersClosedAfterEach, TURN_ERROR_TEXT } from '../helpers/echoBot.js';
import { limitsWith } from '../helpers/limits.js';

describe('built-in Direct Line 3.0 endpoint over HTTP', () => {
  const startEcho = echoServersClosedAfterEach();

  it('round-trips a conversation by polling with watermarks', async () => {
    const started = await startEcho();
    const client = await DirectLineTestClient.connect(started.url);
    expect(client.startStatus).toBe(201);

    const greeting = await client.pollUntil((activity) => activity.text === ECHO_GREETING);
    expect(greeting.seen[0]).toMatchObject({ type: 'message', from: { role: 'bot' } });

    const posted = await client.send('Bonjour');
    expect(posted.status).toBe(200);
    const postedId = stringField(posted.body, 'id');
    expect(postedId).toMatch(new RegExp(`^${client.conversationId}\\|\\d{7}$`));

    const page = await client.poll(greeting.watermark);
    expect(page.activities.map((activity) => activity.text)).toEqual(['Bonjour', 'echo: Bonjour']);
    expect(page.activities[0]).toMatchObject({ id: postedId, from: { id: client.userId, role: 'user' } });
    expect(page.activities[1]).toMatchObject({ replyToId: postedId, from: { role: 'bot' } });
    expect(Number(page.watermark)).toBe(Number(greeting.watermark) + 2);
    expect((await client.poll(page.watermark)).activities).toEqual([]);
  });

  it('keeps the echoed user id to the token: a client cannot post as someone else', async () => {
    const started = await startEcho();
    const client = await DirectLineTestClient.connect(started.url);
    await client.call('POST', `/conversations/${client.conversationId}/activities`, {
      type: 'message', text: 'usurpation', from: { id: 'admin', role: 'bot' },
    });
    const { seen } = await client.pollUntil((activity) => activity.text === 'usurpation');
    expect(seen.find((activity) => activity.text === 'usurpation')?.from).toEqual({ id: client.userId, name: '', role: 'user' });
  });

  it('restarts and reconnects: a second start answers 200, GET gives a streamUrl resuming at the watermark', async () => {
    const started = await startEcho();
    const client = await DirectLineTestClient.connect(started.url);
    const again = await client.call('POST', '/conversations', {});
    expect(again.status).toBe(200);
    const reconnect = await client.call('GET', `/conversations/${client.conversationId}?watermark=4`);
    expect(reconnect.status).toBe(200);
    expect(stringField(reconnect.body, 'streamUrl')).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/v3\/directline\/conversations\/.+\/stream\?t=.+&watermark=4$/);
  });

  it('refreshes a token for the same conversation', async () => {
    const started = await startEcho();
    const client = await DirectLineTestClient.connect(started.url);
    const refreshed = await client.call('POST', '/tokens/refresh');
    expect(refreshed.status).toBe(200);
    expect(stringField(refreshed.body, 'conversationId')).toBe(client.conversationId);
    expect(numberField(refreshed.body, 'expires_in')).toBeGreaterThan(0);
    client.token = stringField(refreshed.body, 'token');
    expect((await client.send('après rafraîchissement')).status).toBe(200);
  });

  it('isolates conversations: a token cannot read or post to another conversation (403)', async () => {
    const started = await startEcho();
    const alice = await DirectLineTestClient.connect(started.url);
    const bob = await DirectLineTestClient.connect(started.url);
    await bob.send('secret de Bob');

    const read = await alice.call('GET', `/conversations/${bob.conversationId}/activities`);
    expect(read.status).toBe(403);
    expect(JSON.stringify(read.body)).not.toContain('secret de Bob');
    const write = await alice.call('POST', `/conversations/${bob.conversationId}/activities`, { type: 'message', text: 'intrusion' });
    expect(write.status).toBe(403);
    const reconnect = await alice.call('GET', `/conversations/${bob.conversationId}`);
    expect(reconnect.status).toBe(403);
    expect(started.bot.seen).not.toContain('intrusion');

    const streamToken = new URL(alice.streamUrl).searchParams.get('t') ?? '';
    const withStreamToken = await alice.call('GET', `/conversations/${alice.conversationId}/activities`, undefined, streamToken);
    expect(withStreamToken.status).toBe(403);
    const forged = await alice.call('GET', `/conversations/${alice.conversationId}/activities`, undefined, `${alice.token.slice(0, -4)}AAAA`);
    expect(forged.status).toBe(403);
    const anonymous = await httpJson('GET', `${started.url}/v3/directline/conversations/${alice.conversationId}/activities`);
    expect(anonymous.status).toBe(401);
  });

  it('answers 400 for malformed JSON and invalid activities, 413 for oversized bodies, and stays up', async () => {
    const started = await startEcho();
    const client = await DirectLineTestClient.connect(started.url);
    const url = `${started.url}/v3/directline/conversations/${client.conversationId}/activities`;
    const headers = { Authorization: `Bearer ${client.token}` };

    const malformed = await httpJson('POST', url, { headers, body: '{"type": "message", "text": ' });
    expect(malformed.status).toBe(400);
    expect(malformed.body).toMatchObject({ error: { code: 'InvalidContent' } });

    const invalid = await client.call('POST', `/conversations/${client.conversationId}/activities`, { type: 'invoke', text: 12 });
    expect(invalid.status).toBe(400);
    expect(invalid.body).toMatchObject({ error: { code: 'BadArgument', message: expect.stringContaining('text must be a string') } });

    const huge = await client.call('POST', `/conversations/${client.conversationId}/activities`, { type: 'message', text: 'é'.repeat(40_000) });
    expect(huge.status).toBe(413);

    const badWatermark = await client.call('GET', `/conversations/${client.conversationId}/activities?watermark=abc`);
    expect(badWatermark.status).toBe(400);

    expect(started.bot.seen).toEqual([]);
    expect((await client.send('toujours là ?')).status).toBe(200);
    expect((await httpJson('GET', `${started.url}/healthz`)).status).toBe(200);
  });

  it('rate-limits per conversation (429 with Retry-After) without affecting other conversations', async () => {
    const started = await startEcho({}, { limits: limitsWith({ directLine: { conversationRate: { capacity: 3, refillPerSecond: 0.1 } } }) });
    const noisy = await DirectLineTestClient.connect(started.url);
    const statuses: number[] = [];
    for (let i = 0; i < 5; i += 1) statuses.push((await noisy.send(`message ${i}`)).status);
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    const limited = await noisy.send('encore');
    expect(limited.headers['retry-after']).toMatch(/^\d+$/);
    expect(limited.body).toMatchObject({ error: { code: 'TooManyRequests' } });

    const calm = await DirectLineTestClient.connect(started.url);
    expect((await calm.send('bonjour')).status).toBe(200);
  });

  it('rate-limits per client IP (429) and keeps serving other addresses', async () => {
    const started = await startEcho({}, { limits: limitsWith({ directLine: { ipRate: { capacity: 4, refillPerSecond: 0.1 } } }) });
    const statuses: number[] = [];
    for (let i = 0; i < 6; i += 1) statuses.push((await httpJson('POST', `${started.url}/api/directline/token`)).status);
    expect(statuses).toEqual([200, 200, 200, 200, 429, 429]);
    const elsewhere = await httpJson('POST', `${started.url}/api/directline/token`, { localAddress: '127.0.0.2' });
    expect(elsewhere.status).toBe(200);
    expect((await httpJson('GET', `${started.url}/healthz`)).status).toBe(200);
  });

  it('sends the one onTurnError reply when the bot fails, and the conversation goes on', async () => {
    const started = await startEcho();
    const client = await DirectLineTestClient.connect(started.url);
    expect((await client.send('boom')).status).toBe(200);
    await client.pollUntil((activity) => activity.text === TURN_ERROR_TEXT);
    expect((await client.send('encore là')).status).toBe(200);
    await client.pollUntil((activity) => activity.text === 'echo: encore là');
  });
});
