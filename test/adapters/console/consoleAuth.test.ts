import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRealApp, type RealApp } from '../helpers/realApp.js';
import { ConsoleClient } from './consoleClient.js';

const PASSWORD = 'correct horse battery staple';
const env = { EMBEDDINGS_PROVIDER: 'none', CONSOLE_ADMIN_PASSWORD: PASSWORD };
const PAGES = ['/console', '/console/reponses', '/console/sans-reponse', '/console/propositions'];
const EXPORTS = ['/console/export/votes.csv', '/console/export/unanswered.csv', '/console/export/questions.csv'];

describe('console off', () => {
  it('is 404 everywhere when neither a password nor OIDC is configured', async () => {
    const app = await startRealApp({ EMBEDDINGS_PROVIDER: 'none' });
    try {
      expect(app.app.consoleEnabled).toBe(false);
      for (const path of ['/console', '/console/login', ...EXPORTS]) expect((await fetch(app.url + path)).status, path).toBe(404);
    } finally {
      await app.stop();
    }
  });
});

describe('console sign-in with the local account', () => {
  let app: RealApp;
  beforeAll(async () => {
    app = await startRealApp(env);
  });
  afterAll(async () => {
    await app.stop();
  });

  it('sends every page to the sign-in form and answers 401 for exports and actions without a session', async () => {
    const client = new ConsoleClient(app.url);
    for (const path of PAGES) {
      const response = await client.get(path);
      expect(response.status, path).toBe(303);
      expect(response.headers.get('location'), path).toBe('/console/login');
    }
    for (const path of EXPORTS) expect((await client.get(path)).status, path).toBe(401);
    expect((await client.post('/console/logout', { _csrf: 'x' })).status).toBe(401);
  });

  it('serves a French form with username and password fields under a strict CSP', async () => {
    const response = await new ConsoleClient(app.url).get('/console/login');
    expect(response.status).toBe(200);
    expect(response.text).toContain('<html lang="fr">');
    expect(response.text).toMatch(/name="username"/);
    expect(response.text).toMatch(/name="password" type="password"/);
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(response.text).not.toMatch(/<script>|style="|https?:\/\/(?!www\.w3)/);
  });

  it('refuses a wrong password or an unknown user (401), and a form without its CSRF token (403)', async () => {
    const client = new ConsoleClient(app.url, { 'x-forwarded-for': '203.0.113.1' });
    const form = await client.get('/console/login');
    expect((await client.post('/console/login', { username: 'admin', password: PASSWORD })).status).toBe(403);
    expect((await client.post('/console/login', { _csrf: ConsoleClient.csrfOf(form.text), username: 'admin', password: PASSWORD })).status).toBe(403);
    const retry = await client.get('/console/login');
    const wrong = await client.post('/console/login', { _csrf: ConsoleClient.csrfOf(retry.text), username: 'admin', password: 'wrong password!' });
    expect(wrong.status).toBe(401);
    expect(wrong.text).toContain('Identifiant ou mot de passe incorrect');
    const unknown = await client.post('/console/login', { _csrf: ConsoleClient.csrfOf(wrong.text), username: 'root', password: PASSWORD });
    expect(unknown.status).toBe(401);
    expect(client.cookies.has('console_session')).toBe(false);
  });

  it('signs in: an HttpOnly SameSite=Strict session cookie, the overview, then sign-out needs the CSRF token', async () => {
    const client = new ConsoleClient(app.url);
    const form = await client.get('/console/login');
    const posted = await client.post('/console/login', { _csrf: ConsoleClient.csrfOf(form.text), username: 'admin', password: PASSWORD });
    expect(posted.status).toBe(303);
    expect(posted.headers.get('location')).toBe('/console');
    const session = client.lastSetCookies.find((line) => line.startsWith('console_session='));
    expect(session).toMatch(/HttpOnly/);
    expect(session).toMatch(/SameSite=Strict/);
    expect(session).not.toMatch(/Secure/);
    const overview = await client.get('/console');
    expect(overview.status).toBe(200);
    expect(overview.text).toContain('Vue d’ensemble');
    for (const path of PAGES) expect((await client.get(path)).status, path).toBe(200);
    expect((await client.post('/console/logout', {})).status).toBe(403);
    expect((await client.post('/console/logout', { _csrf: 'forged' })).status).toBe(403);
    expect((await client.post('/console/logout', { _csrf: ConsoleClient.csrfOf(overview.text) })).status).toBe(303);
    expect((await client.get('/console')).status).toBe(303);
  });

  it('marks the cookie Secure behind an https reverse proxy', async () => {
    const again = new ConsoleClient(app.url, { 'x-forwarded-proto': 'https' });
    const form = await again.get('/console/login');
    await again.post('/console/login', { _csrf: ConsoleClient.csrfOf(form.text), username: 'admin', password: PASSWORD });
    expect(again.lastSetCookies.find((line) => line.startsWith('console_session='))).toMatch(/; Secure/);
  });

  it('rate-limits sign-in attempts from one address (429 with Retry-After)', async () => {
    const app2 = await startRealApp(env);
    try {
      const client = new ConsoleClient(app2.url);
      const statuses: number[] = [];
      let page = (await client.get('/console/login')).text;
      for (let i = 0; i < 7; i++) {
        const response = await client.post('/console/login', { _csrf: ConsoleClient.csrfOf(page), username: 'admin', password: `guess ${i} guess` });
        statuses.push(response.status);
        page = response.text;
        if (response.status === 429) expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
      }
      expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429]);
    } finally {
      await app2.stop();
    }
  });
});
