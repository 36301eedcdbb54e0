import { describe, expect, it } from 'vitest';
import { configWarnings, loadConfig } from '../../adapters/config.js';
import { configProblems } from './helpers/configProblems.js';

const APP_ID = '00000000-0000-4000-8000-000000000001';

describe('loadConfig', () => {
  it('gives working defaults for a local run, frozen all the way down', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3978);
    expect(config.host).toBe('127.0.0.1');
    expect(config.embeddings.provider).toBe('auto');
    expect(config.embeddings.model).toBe('Xenova/multilingual-e5-small');
    expect(config.feedbackDb).toBe('data/feedback.db');
    expect(config.microsoftApp.id).toBeUndefined();
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.embeddings)).toBe(true);
    expect(() => {
      (config as { port: number }).port = 1;
    }).toThrow(TypeError);
  });

  it('reads and trims every variable', () => {
    const config = loadConfig({
      PORT: ' 8080 ',
      HOST: '0.0.0.0',
      EMBEDDINGS_PROVIDER: 'none',
      EMBEDDINGS_MODEL_DIR: '/opt/models/e5',
      EMBEDDINGS_ALLOW_REMOTE: 'false',
      MicrosoftAppId: APP_ID,
      MicrosoftAppPassword: 'secret',
      MicrosoftAppType: 'SingleTenant',
      MicrosoftAppTenantId: 'tenant',
    });
    expect(config.port).toBe(8080);
    expect(config.host).toBe('0.0.0.0');
    expect(config.embeddings).toMatchObject({ provider: 'none', modelDir: '/opt/models/e5', allowRemote: false });
    expect(config.microsoftApp).toEqual({ id: APP_ID, password: 'secret', type: 'SingleTenant', tenantId: 'tenant' });
  });

  it('reads the age after which an answer says it may be out of date: 12 months by default, 0 for never', () => {
    expect(loadConfig({}).answerMaxAgeMonths).toBe(12);
    expect(loadConfig({ ANSWER_MAX_AGE_MONTHS: ' 18 ' }).answerMaxAgeMonths).toBe(18);
    expect(loadConfig({ ANSWER_MAX_AGE_MONTHS: '0' }).answerMaxAgeMonths).toBe(0);
    for (const bad of ['-1', '1.5', 'douze', '5000']) {
      expect(configProblems({ ANSWER_MAX_AGE_MONTHS: bad }).join('\n')).toContain(`ANSWER_MAX_AGE_MONTHS must be a whole number of months from 0 (never) to 1200 (got "${bad}")`);
    }
  });

  it('reports every problem at once', () => {
    const problems = configProblems({
      PORT: '99999',
      LOG_LEVEL: 'loud',
      EMBEDDINGS_PROVIDER: 'gpt',
      EMBEDDINGS_ALLOW_REMOTE: 'maybe',
      MicrosoftAppId: 'not-a-guid',
      MicrosoftAppType: 'SingleTenant',
      DIRECT_LINE_TOKEN_SECRET: 'short',
      BOT_DOMAIN: 'https://bot.example.fr/',
    });
    const text = problems.join('\n');
    for (const name of ['PORT', 'LOG_LEVEL', 'EMBEDDINGS_PROVIDER', 'EMBEDDINGS_ALLOW_REMOTE', 'MicrosoftAppId', 'MicrosoftAppPassword', 'MicrosoftAppTenantId', 'DIRECT_LINE_TOKEN_SECRET', 'BOT_DOMAIN']) {
      expect(text).toContain(name);
    }
    expect(problems.length).toBeGreaterThanOrEqual(9);
  });

  it('keeps the embedded default without DATABASE_URL, and reads the PostgreSQL settings with it', () => {
    expect(loadConfig({}).database).toBeUndefined();
    const config = loadConfig({
      DATABASE_URL: 'postgres://bot:pw@db:5432/faq', DATABASE_POOL_SIZE: '4', DATABASE_SCHEMA: 'faq',
      DIRECT_LINE_TOKEN_SECRET: 'k'.repeat(32), ID_HASH_SALT: 'our-own-salt', TRUSTED_PROXIES: '10.0.0.1, ::1',
    });
    expect(config.database).toEqual({ url: 'postgres://bot:pw@db:5432/faq', poolSize: 4, schema: 'faq' });
    expect(config.trustedProxies).toEqual(['10.0.0.1', '::1']);
  });

  it('refuses multi-instance mode without an explicit token key and salt, listing both with the other problems', () => {
    const problems = configProblems({ DATABASE_URL: 'postgres://bot:hunter2@db/faq', DATABASE_POOL_SIZE: '0', TRUSTED_PROXIES: 'proxy.local' });
    const text = problems.join('\n');
    for (const name of ['DIRECT_LINE_TOKEN_SECRET', 'ID_HASH_SALT', 'DATABASE_POOL_SIZE', 'TRUSTED_PROXIES']) expect(text).toContain(name);
    expect(problems).toHaveLength(4);
    expect(configProblems({ DATABASE_URL: 'mysql://bot:hunter2@db/faq', DIRECT_LINE_TOKEN_SECRET: 'k'.repeat(32), ID_HASH_SALT: 'ans-faq-bot' }).join('\n'))
      .toMatch(/DATABASE_URL must be a postgres[\s\S]*ID_HASH_SALT|ID_HASH_SALT[\s\S]*DATABASE_URL must be a postgres/);
    // The URL's password never appears in a problem.
    expect(text).not.toContain('hunter2');
  });

  it('never echoes a secret in its problems', () => {
    const problems = configProblems({ DIRECT_LINE_TOKEN_SECRET: 'tooshort-secret' });
    expect(problems.join('\n')).not.toContain('tooshort-secret');
  });

  it('lets a store tool reach PostgreSQL without the multi-instance secrets of the server, still checking the URL', () => {
    expect(configProblems({ DATABASE_URL: 'postgres://bot:pw@db/faq' }, 'store-tool')).toEqual([]);
    expect(configProblems({ DATABASE_URL: 'postgres://bot:pw@db/faq' }).join('\n')).toMatch(/DIRECT_LINE_TOKEN_SECRET/);
    expect(configProblems({ DATABASE_URL: 'mysql://bot:pw@db/faq' }, 'store-tool')).toEqual(['DATABASE_URL must be a postgres:// or postgresql:// URL']);
  });

  it('asks the Teams packaging for the app id and domain but not the password', () => {
    expect(configProblems({}, 'teams-package').join('\n')).toMatch(/MicrosoftAppId[\s\S]*BOT_DOMAIN|BOT_DOMAIN[\s\S]*MicrosoftAppId/);
    expect(configProblems({ MicrosoftAppId: APP_ID, BOT_DOMAIN: 'bot.example.fr' }, 'teams-package')).toEqual([]);
    expect(configProblems({ MicrosoftAppId: APP_ID })).toEqual(['MicrosoftAppPassword is required when MicrosoftAppId is set']);
  });

  it('warns about the public hash salt only when the server is exposed', () => {
    expect(configWarnings(loadConfig({}))).toEqual([]);
    expect(configWarnings(loadConfig({ HOST: '0.0.0.0' }))).toEqual([expect.stringMatching(/ID_HASH_SALT/)]);
    expect(configWarnings(loadConfig({ HOST: '0.0.0.0', ID_HASH_SALT: 'a-long-private-value' }))).toEqual([]);
  });
});
