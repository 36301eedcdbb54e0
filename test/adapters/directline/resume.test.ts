import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { messages } from '../../../bot/index.js';
import { DirectLineTestClient, httpJson, stringField, type DlActivity } from '../helpers/directLineClient.js';
import { ECHO_GREETING, echoServersClosedAfterEach } from '../helpers/echoBot.js';
import { limitsWith } from '../helpers/limits.js';
import { startRealApp, type RealApp } from '../helpers/realApp.js';

const isNotice = (activity: DlActivity): boolean => activity.text === messages.conversationResumed;

describe('a conversation the server lost resumes with the same token (restart, eviction)', () => {
  const startEcho = echoServersClosedAfterEach();

  it('reconnect (GET with watermark) recreates it numbered after the watermark, with the French notice first; the visitor goes on', async () => {
    const tokenKey = randomBytes(32);
    const before = await startEcho({}, { tokenKey });
    const client = await DirectLineTestClient.connect(before.url);
    await client.send('avant');
    const seen = await client.pollUntil((activity) => activity.text === 'echo: avant');
    await before.app.close();

    const after = await startEcho({}, { tokenKey });
    const resumed = client.at(after.url);
    const reconnect = await resumed.call('GET', `/conversations/${client.conversationId}?watermark=${seen.watermark}`);
    expect(reconnect.status).toBe(200);
    const stream = await resumed.openStream(stringField(reconnect.body, 'streamUrl'));
    const notice = await stream.waitFor(isNotice);
    expect(notice.from?.role).toBe('bot');
    const oldIds = new Set(seen.seen.map((activity) => activity.id));
    expect(oldIds.has(notice.id)).toBe(false);
    expect(Number(stream.watermarks[0])).toBeGreaterThan(Number(seen.watermark));

    expect((await resumed.send('après')).status).toBe(200);
    await stream.waitFor((activity) => activity.text === 'echo: après');
    expect(stream.received.map((activity) => activity.text)).toEqual([messages.conversationResumed, 'après', 'echo: après']);
    // The greeting is not replayed: the visitor's transcript is still on the page.
    expect(stream.received.some((activity) => activity.text === ECHO_GREETING)).toBe(false);
    stream.close();
  });

  it('a message posted before any reconnect is delivered, and polling from the old watermark finds notice, message and reply', async () => {
    const tokenKey = randomBytes(32);
    const before = await startEcho({}, { tokenKey });
    const client = await DirectLineTestClient.connect(before.url);
    const { watermark } = await client.pollUntil((activity) => activity.text === ECHO_GREETING);
    await before.app.close();

    const after = await startEcho({}, { tokenKey });
    const resumed = client.at(after.url);
    const posted = await resumed.send('pendant la coupure');
    expect(posted.status).toBe(200);
    const page = await resumed.poll(watermark);
    expect(page.activities.map((activity) => activity.text)).toEqual([messages.conversationResumed, 'pendant la coupure', 'echo: pendant la coupure']);
    expect(page.activities[1].id).toBe(stringField(posted.body, 'id'));
  });

  it('refuses a token signed with another key (403) and answers 503 when no room is left', async () => {
    const before = await startEcho();
    const client = await DirectLineTestClient.connect(before.url);
    const other = await startEcho({}, { limits: limitsWith({ conversations: { maxConversations: 1 } }) });
    expect((await client.at(other.url).call('GET', `/conversations/${client.conversationId}`)).status).toBe(403);

    const shared = randomBytes(32);
    const full = await startEcho({}, { tokenKey: shared, limits: limitsWith({ conversations: { maxConversations: 1 } }) });
    const first = await DirectLineTestClient.connect(full.url);
    const issued = await httpJson('POST', `${full.url}/api/directline/token`);
    const second = await httpJson('GET', `${full.url}/v3/directline/conversations/${stringField(issued.body, 'conversationId')}/activities`, {
      headers: { Authorization: `Bearer ${stringField(issued.body, 'token')}` },
    });
    expect(second.status).toBe(503);
    expect((await first.send('encore là')).status).toBe(200);
  });
});

describe('the token key survives a restart of the whole application (data folder)', () => {
  let dir: string | undefined;
  const apps: RealApp[] = [];
  afterEach(async () => {
    await Promise.all(apps.splice(0).map((app) => app.stop()));
    if (dir) await rm(dir, { recursive: true, force: true });
    dir = undefined;
  });

  it('accepts, after a restart on the same DATA_DIR, the tokens the previous process issued', async () => {
    dir = await mkdtemp(join(tmpdir(), 'ans-faq-restart-'));
    const env = { EMBEDDINGS_PROVIDER: 'none', DATA_DIR: dir };
    const first = await startRealApp(env);
    apps.push(first);
    const client = await DirectLineTestClient.connect(first.url);
    const { watermark } = await client.pollUntil((activity) => activity.type === 'message' && activity.from?.role === 'bot');
    await first.app.close();

    const second = await startRealApp(env);
    apps.push(second);
    const resumed = client.at(second.url);
    const reconnect = await resumed.call('GET', `/conversations/${client.conversationId}?watermark=${watermark}`);
    expect(reconnect.status).toBe(200);
    expect((await resumed.send('Qu’est-ce que le MOS ?')).status).toBe(200);
    const { seen } = await resumed.pollUntil((activity) => activity.from?.role === 'bot' && activity.type === 'message' && !isNotice(activity), watermark);
    expect(seen[0].text).toBe(messages.conversationResumed);
  });
});
