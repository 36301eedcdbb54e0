import { existsSync } from 'node:fs';
import { afterEach, expect, it } from 'vitest';
import { BotVisitor } from './console/botVisitor.js';
import { ConsoleClient } from './console/consoleClient.js';
import { startRealApp, type RealApp } from './helpers/realApp.js';
import { createTestSchema, describePostgres, type TestSchema } from './storage/postgres/testDatabase.js';

const PASSWORD = 'correct horse battery staple';
const DECLINED = 'Quel temps fera-t-il à Brest demain ?';

describePostgres('the console on PostgreSQL (DATABASE_URL)', () => {
  let schema: TestSchema | undefined;
  const apps: RealApp[] = [];
  afterEach(async () => {
    await Promise.all(apps.splice(0).map((app) => app.stop()));
    await schema?.drop();
    schema = undefined;
  });

  const start = async (): Promise<RealApp> => {
    schema ??= await createTestSchema();
    const app = await startRealApp({
      DATABASE_URL: schema.config.url, DATABASE_SCHEMA: schema.config.schema, DATABASE_POOL_SIZE: '4', ID_HASH_SALT: 'pg-console-salt',
      DIRECT_LINE_TOKEN_SECRET: 'pg-console-test-token-secret-0123456789', EMBEDDINGS_PROVIDER: 'none', CONSOLE_ADMIN_PASSWORD: PASSWORD,
    });
    apps.push(app);
    return app;
  };

  it('shows on one instance what was asked on the other, and shares the decisions taken there', async () => {
    const [a, b] = [await start(), await start()];
    const visitor = await BotVisitor.start(b.url);
    expect(await visitor.say(DECLINED)).toContain('Je n’ai pas trouvé de réponse');
    const onA = new ConsoleClient(a.url);
    await onA.signIn('admin', PASSWORD);
    await expect.poll(async () => (await onA.get('/console')).text).toMatch(/data-testid="questions">1</);
    const page = (await onA.get('/console/sans-reponse')).text;
    const key = /name="key" value="([^"]*brest[^"]*)"/.exec(page)?.[1];
    expect(key).toBeDefined();
    const form = { _csrf: ConsoleClient.csrfOf(page), key: key ?? '', text: DECLINED, status: 'out-of-scope' };
    expect((await onA.post('/console/sans-reponse/decision', form)).status).toBe(303);
    const onB = new ConsoleClient(b.url);
    await onB.signIn('admin', PASSWORD);
    expect((await onB.get('/console/sans-reponse')).text).toContain('hors sujet');
    // Nothing went to the embedded SQLite question log.
    for (const app of [a, b]) expect(existsSync(app.config.questionLogDb)).toBe(false);
  });
});
