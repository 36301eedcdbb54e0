import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_CONVERSATION_BYTES } from '../../adapters/directline/index.js';
import { MAX_DIRECT_LINE_BODY_BYTES } from '../../adapters/serverLimits.js';
import { makeBombs } from './fuzz/payloads.js';
import { DirectLineTestClient } from './helpers/directLineClient.js';
import { startMainProcess, type MainProcess } from './helpers/mainProcess.js';
import { rawRequest } from './helpers/rawHttp.js';

/**
 * Regression tests for the findings of issue 9, against `adapters/main.ts` in its own
 * process (what `npm start` runs): a request that used to end the process must get
 * a 4xx, and the process must still be serving afterwards.
 */
const JSON_TYPE = { 'Content-Type': 'application/json' };
const GZIP = { ...JSON_TYPE, 'Content-Encoding': 'gzip' };
const APP_ID = '00000000-0000-4000-8000-000000000001';

async function expectServing(main: MainProcess): Promise<void> {
  expect(main.alive()).toBe(true);
  expect((await rawRequest(`${main.url}/healthz`, { method: 'GET' })).status).toBe(200);
  const client = await DirectLineTestClient.connect(main.url);
  expect((await client.send('Qu’est-ce que le MOS ?')).status).toBe(200);
}

describe('hostile requests against the real process (npm start)', () => {
  let dir = '';
  let main: MainProcess;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ans-faq-hostile-'));
    // With an app id, as in production: the body used to be read (and inflated) before authentication.
    main = await startMainProcess({
      PORT: '0', EMBEDDINGS_PROVIDER: 'none', DATA_DIR: dir, MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'not-a-real-password',
    });
  }, 90_000);
  afterAll(async () => {
    await main?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('says at start-up which mode /api/messages is in', () => {
    expect(main.output()).toContain('"botFrameworkEndpoint":"authenticated"');
  });

  it('finding 1: a body labelled gzip that is not gzip gets 400 (or 401 without a token) on every route, and kills nothing', async () => {
    const junk = 'this is not gzip';
    const messages = await rawRequest(`${main.url}/api/messages`, { headers: GZIP, body: junk });
    expect(messages.status).toBe(400);
    expect((await rawRequest(`${main.url}/v3/directline/conversations`, { headers: GZIP, body: junk })).status).toBe(401);
    const client = await DirectLineTestClient.connect(main.url);
    const activities = `${main.url}/v3/directline/conversations/${client.conversationId}/activities`;
    expect((await rawRequest(activities, { headers: GZIP, body: junk })).status).toBe(401);
    const authorized = await rawRequest(activities, { headers: { ...GZIP, Authorization: `Bearer ${client.token}` }, body: junk });
    expect(authorized.status).toBe(400);
    expect(JSON.parse(authorized.text)).toEqual({ error: { code: 'InvalidContent', message: 'the body is not valid gzip data' } });
    await expectServing(main);
  });

  it('finding 2: a value nested 5,000 or 20,000 levels deep is refused (400); polls and stream reconnects keep working', async () => {
    const client = await DirectLineTestClient.connect(main.url);
    const url = `${main.url}/v3/directline/conversations/${client.conversationId}/activities`;
    for (const depth of [5_000, 20_000]) {
      const body = `{"type":"message","value":${'['.repeat(depth)}${']'.repeat(depth)}}`;
      const response = await rawRequest(url, { headers: { ...JSON_TYPE, Authorization: `Bearer ${client.token}` }, body });
      expect(response.status).toBe(400);
      expect(response.text).toContain('nested deeper than 32 levels');
    }
    expect((await client.poll()).activities.length).toBeGreaterThan(0);
    const stream = await client.openStream();
    await stream.waitFor((activity) => activity.from?.role === 'bot');
    stream.close();
    await expectServing(main);
  });

  it('finding 3: gzip bombs are refused at the inflated limit (413) and the process memory does not follow them', async () => {
    const client = await DirectLineTestClient.connect(main.url);
    const auth = { Authorization: `Bearer ${client.token}` };
    const url = `${main.url}/v3/directline/conversations/${client.conversationId}/activities`;
    const { big, small } = makeBombs();
    // 400 MiB of JSON whitespace in about 400 KiB: refused on its compressed size already.
    expect((await rawRequest(url, { headers: { ...GZIP, ...auth }, body: big })).status).toBe(413);
    expect((await rawRequest(`${main.url}/api/messages`, { headers: GZIP, body: big })).status).toBe(413);
    // Under 64 KiB compressed, 50 MiB inflated: inflation stops at the route's limit.
    expect(small.length).toBeLessThan(MAX_DIRECT_LINE_BODY_BYTES);
    for (let i = 0; i < 4; i += 1) {
      const response = await rawRequest(url, { headers: { ...GZIP, ...auth }, body: small });
      expect(response.status).toBe(413);
      expect(response.text).toContain('decompressed body');
    }
    expect(main.peakRssMiB()).toBeLessThan(400);
    await expectServing(main);
  }, 60_000);

  it('finding 3: a conversation filled with maximum-size messages holds at most its byte budget', async () => {
    const client = await DirectLineTestClient.connect(main.url);
    const text = 'é'.repeat(20_000);
    for (let i = 0; i < 16; i += 1) expect((await client.send(text)).status).toBe(200);
    const page = await client.call('GET', `/conversations/${client.conversationId}/activities`);
    expect(page.status).toBe(200);
    const pageBytes = Buffer.byteLength(JSON.stringify(page.body));
    expect(pageBytes).toBeLessThanOrEqual(MAX_CONVERSATION_BYTES + 1_024);
    const health = JSON.parse((await rawRequest(`${main.url}/healthz`, { method: 'GET' })).text);
    expect(health.conversationBytes).toBeGreaterThan(MAX_CONVERSATION_BYTES / 2);
    // All the conversations of this file together: the filled one plus a few small ones.
    expect(health.conversationBytes).toBeLessThanOrEqual(MAX_CONVERSATION_BYTES + health.conversations * 64 * 1024);
  }, 60_000);
});
