import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../adapters/config.js';

function problems(env: Record<string, string>): readonly string[] {
  try {
    loadConfig(env);
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
}

describe('console configuration', () => {
  it('is off by default, with the question log in the data folder and 180 days of retention', () => {
    const config = loadConfig({ DATA_DIR: '/srv/bot' });
    expect(config.console.enabled).toBe(false);
    expect(config.console.adminUser).toBe('admin');
    expect(config.questionLogDb).toBe('/srv/bot/questions.db');
    expect(config.retentionDays).toBe(180);
  });

  it('turns on with a local password or with OIDC, ProConnect-style', () => {
    expect(loadConfig({ CONSOLE_ADMIN_PASSWORD: 'twelve chars!' }).console.enabled).toBe(true);
    const oidc = loadConfig({
      OIDC_ISSUER: 'https://auth.agentconnect.gouv.fr/api/v2', OIDC_CLIENT_ID: 'id', OIDC_CLIENT_SECRET: 's',
      OIDC_SCOPES: 'openid email given_name usual_name', OIDC_ACR_VALUES: 'eidas1', CONSOLE_ALLOWED_EMAILS: 'Marie@esante.gouv.fr, @ans.gouv.fr',
    }).console;
    expect(oidc.enabled).toBe(true);
    expect(oidc.oidc).toEqual({ issuer: 'https://auth.agentconnect.gouv.fr/api/v2', clientId: 'id', clientSecret: 's', scopes: 'openid email given_name usual_name', acrValues: 'eidas1' });
    expect(oidc.allowedEmails).toEqual(['marie@esante.gouv.fr', '@ans.gouv.fr']);
  });

  it('reports every problem at once', () => {
    expect(
      problems({
        CONSOLE_ADMIN_PASSWORD: 'short', OIDC_CLIENT_ID: 'id', CONSOLE_SESSION_SECRET: 'tiny', RETENTION_DAYS: '0', CONSOLE_PUBLIC_URL: 'ftp://x',
        CONSOLE_ALLOWED_EMAILS: 'not-an-address',
      }),
    ).toEqual([
      'RETENTION_DAYS must be a whole number of days, at least 1 (got "0")',
      'CONSOLE_ADMIN_PASSWORD must be at least 12 characters',
      'OIDC_ISSUER is required when OIDC_CLIENT_ID or OIDC_CLIENT_SECRET is set',
      'CONSOLE_ALLOWED_EMAILS: "not-an-address" is neither an address nor @domain',
      'CONSOLE_SESSION_SECRET must be at least 32 characters',
      'CONSOLE_PUBLIC_URL must be an http(s) URL (got "ftp://x")',
    ]);
    expect(problems({ OIDC_ISSUER: 'https://idp.example', OIDC_CLIENT_ID: 'id' })).toEqual([
      'CONSOLE_ALLOWED_EMAILS is required with OIDC (addresses, or @domain)',
    ]);
  });
});
