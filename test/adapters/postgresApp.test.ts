import { afterEach, expect, it } from 'vitest';
import { createIdHasher } from '../../bot/index.js';
import { DirectLineTestClient, httpJson } from './helpers/directLineClient.js';
import { startRealApp, type RealApp } from './helpers/realApp.js';
import { TcpRelay } from './helpers/tcpRelay.js';
import { createTestSchema, describePostgres, type TestSchema } from './storage/postgres/testDatabase.js';

const SALT = 'pg-app-test-salt';
const TOKEN_SECRET = 'pg-app-test-token-secret-0123456789abcdef';

describePostgres('the application on PostgreSQL (DATABASE_URL)', () => {
  let schema: TestSchema | undefined;
  const apps: RealApp[] = [];
  afterEach(async () => {
    await Promise.all(apps.splice(0).map((app) => app.stop()));
    await schema?.drop();
  });

  const start = async (databaseUrl?: string): Promise<RealApp> => {
    schema ??= await createTestSchema();
    const app = await startRealApp({
      DATABASE_URL: databaseUrl ?? schema.config.url, DATABASE_SCHEMA: schema.config.schema, DATABASE_POOL_SIZE: '4',
      ID_HASH_SALT: SALT, DIRECT_LINE_TOKEN_SECRET: TOKEN_SECRET, EMBEDDINGS_PROVIDER: 'none',
    });
    apps.push(app);
    return app;
  };

  it('reports the database on /healthz, and keeps bot state and votes in PostgreSQL across two instances', async () => {
    const [a, b] = [await start(), await start()];
    const health = await httpJson('GET', `${a.url}/healthz`);
    expect(health.status).toBe(200);
    expect(health.body).toMatchObject({ status: 'ok', database: 'up' });

    // Token and greeting from instance A; the question and the vote go to instance B.
    const visitor = await DirectLineTestClient.connect(a.url);
    const { watermark } = await visitor.pollUntil((activity) => activity.from?.role === 'bot' && activity.type === 'message');
    const onB = visitor.at(b.url);
    expect((await onB.send('Le référencement au Catalogue de services est-il obligatoire ?')).status).toBe(200);
    const found = await onB.pollUntil((activity) => JSON.stringify(activity).includes('"action":"vote"'), watermark);
    const vote = found.seen.map((activity) => findVote(activity)).find((value) => value !== undefined);
    expect(vote).toBeDefined();
    expect((await visitor.call('POST', `/conversations/${visitor.conversationId}/activities`, { type: 'message', value: vote })).status).toBe(200);

    const records = await a.feedbackRecords();
    const hashed = createIdHasher(SALT)(visitor.conversationId);
    expect(records.filter((record) => record.kind === 'feedback' && record.conversationHash === hashed)).toHaveLength(1);
  });

  it('streams from one instance what a turn on the other wrote, and resumes a stream at its watermark on either', async () => {
    const [a, b] = [await start(), await start()];
    const visitor = await DirectLineTestClient.connect(a.url);
    const onB = visitor.at(b.url);
    const stream = await (await onB.reconnected()).openStream();
    await stream.waitFor((activity) => activity.from?.role === 'bot' && activity.type === 'message');
    expect((await visitor.send('À quelle fréquence le MOS et les NOS sont-ils mis à jour ?')).status).toBe(200);
    await stream.waitFor((activity) => activity.from?.role === 'bot' && JSON.stringify(activity).includes('"action":"vote"'));
    const watermark = stream.watermarks.at(-1) ?? '0';
    stream.close();
    // Reconnect to the other instance at the watermark: nothing already seen comes again, the next reply does.
    const resumed = await visitor.call('GET', `/conversations/${visitor.conversationId}?watermark=${watermark}`);
    expect(resumed.status).toBe(200);
    const again = await visitor.openStream(String(Reflect.get(resumed.body as object, 'streamUrl')));
    expect((await onB.send('menu')).status).toBe(200);
    await again.waitFor((activity) => activity.from?.role === 'bot');
    const seenIds = new Set(stream.received.map((activity) => activity.id));
    expect(again.received.filter((activity) => seenIds.has(activity.id))).toEqual([]);
    again.close();
  });

  it('answers 503 on /healthz and on Direct Line while the database is unreachable, then recovers without a restart', async () => {
    schema ??= await createTestSchema();
    const target = new URL(schema.config.url);
    const relay = await TcpRelay.start(target.hostname, Number(target.port || 5432));
    try {
      const relayed = new URL(schema.config.url);
      relayed.hostname = '127.0.0.1';
      relayed.port = String(relay.port);
      const app = await start(relayed.toString());
      const visitor = await DirectLineTestClient.connect(app.url);
      await relay.cut();
      await until(async () => (await httpJson('GET', `${app.url}/healthz`)).status === 503);
      expect((await httpJson('GET', `${app.url}/healthz`)).body).toMatchObject({ database: 'down' });
      expect((await visitor.send('Bonjour')).status).toBe(503);
      await relay.restore();
      await until(async () => (await httpJson('GET', `${app.url}/healthz`)).status === 200);
      expect((await visitor.send('Le référencement au Catalogue de services est-il obligatoire ?')).status).toBe(200);
    } finally {
      await relay.close();
    }
  });
});

/** The first 👍 button payload (Action.Submit data) in an activity. */
function findVote(value: unknown): Record<string, unknown> | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  if (!Array.isArray(value) && Reflect.get(value, 'action') === 'vote' && Reflect.get(value, 'helpful') === true) return Object.fromEntries(Object.entries(value));
  for (const child of Object.values(value)) {
    const found = findVote(child);
    if (found) return found;
  }
  return undefined;
}

async function until(condition: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('until: timed out');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
