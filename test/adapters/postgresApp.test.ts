import { afterEach, expect, it } from 'vitest';
import { createIdHasher } from '../../bot/index.js';
import { DirectLineTestClient, httpJson } from './helpers/directLineClient.js';
import { startRealApp, type RealApp } from './helpers/realApp.js';
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

  const start = async (): Promise<RealApp> => {
    schema ??= await createTestSchema();
    const app = await startRealApp({
      DATABASE_URL: schema.config.url, DATABASE_SCHEMA: schema.config.schema, DATABASE_POOL_SIZE: '4',
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
