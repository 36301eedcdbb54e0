import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRealApp, type RealApp } from '../helpers/realApp.js';
import { ConsoleClient } from './consoleClient.js';
import { OIDC_CLIENT, signInAtProvider, startTestProvider, type TestProvider } from './oidcProvider.js';

describe('console sign-in with OIDC (a real provider in process)', () => {
  let provider: TestProvider;
  let app: RealApp;
  beforeAll(async () => {
    provider = await startTestProvider();
    app = await startRealApp({
      EMBEDDINGS_PROVIDER: 'none', OIDC_ISSUER: provider.issuer, OIDC_CLIENT_ID: OIDC_CLIENT.id, OIDC_CLIENT_SECRET: OIDC_CLIENT.secret,
      OIDC_ACR_VALUES: 'eidas1', CONSOLE_ALLOWED_EMAILS: 'marie@esante.gouv.fr, @ans.gouv.fr',
    });
  });
  afterAll(async () => {
    await app?.stop();
    await provider?.stop();
  });

  it('offers the provider on the sign-in page, and no password form without a local account', async () => {
    const page = await new ConsoleClient(app.url).get('/console/login');
    expect(page.text).toContain('href="/console/oidc/start"');
    expect(page.text).not.toContain('name="password"');
    expect((await new ConsoleClient(app.url).post('/console/login', { username: 'admin', password: 'x' })).status).toBe(404);
  });

  it('signs an allowed address in through the code flow with PKCE, state, nonce and acr_values', async () => {
    const client = new ConsoleClient(app.url);
    const callback = await signInAtProvider(client, 'paul@ans.gouv.fr');
    expect(callback.status).toBe(303);
    expect(callback.headers.get('location')).toBe('/console');
    const request = provider.authorizationRequests.at(-1);
    expect(request?.get('code_challenge_method')).toBe('S256');
    expect(request?.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(request?.get('state')).toBeTruthy();
    expect(request?.get('nonce')).toBeTruthy();
    expect(request?.get('acr_values')).toBe('eidas1');
    expect(request?.get('scope')).toBe('openid email');
    const overview = await client.get('/console');
    expect(overview.status).toBe(200);
    expect(overview.text).toContain('paul@ans.gouv.fr');
  });

  it('refuses an address that is not allowed (403, no session)', async () => {
    const client = new ConsoleClient(app.url);
    const callback = await signInAtProvider(client, 'intrus@example.com');
    expect(callback.status).toBe(403);
    expect(callback.text).toContain('n’a pas accès');
    expect(client.cookies.has('console_session')).toBe(false);
    expect((await client.get('/console')).status).toBe(303);
  });

  it('refuses a callback without the flow cookie, or with a forged state', async () => {
    const stranger = new ConsoleClient(app.url);
    expect((await stranger.get('/console/oidc/callback?code=abc&state=xyz')).status).toBe(403);
    const client = new ConsoleClient(app.url);
    await client.get('/console/oidc/start');
    expect((await client.get('/console/oidc/callback?code=abc&state=forged')).status).toBe(403);
    expect(client.cookies.has('console_session')).toBe(false);
  });
});
