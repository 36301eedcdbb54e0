/**
 * A real OpenID provider in process (oidc-provider, its development sign-in
 * pages) on 127.0.0.1, for the console's OIDC tests; and the steps a browser
 * takes through its pages.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';
import type { ConsoleClient, ConsoleResponse } from './consoleClient.js';

export const OIDC_CLIENT = { id: 'faq-console', secret: 'a client secret for the console tests only' };

export interface TestProvider {
  readonly issuer: string;
  /** The authorization requests the provider received (to check PKCE, nonce, acr). */
  readonly authorizationRequests: URLSearchParams[];
  stop(): Promise<void>;
}

/** Starts the provider; accounts are email addresses, any password signs in (development interactions). */
export async function startTestProvider(): Promise<TestProvider> {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: OIDC_CLIENT.id, client_secret: OIDC_CLIENT.secret, token_endpoint_auth_method: 'client_secret_post',
        // A native client may use any port on the loopback redirect URI (RFC 8252): the console's port is chosen at random.
        application_type: 'native', redirect_uris: ['http://127.0.0.1/console/oidc/callback'],
        grant_types: ['authorization_code'], response_types: ['code'],
      },
    ],
    claims: { openid: ['sub'], email: ['email', 'email_verified'] },
    acrValues: ['eidas1'],
    findAccount: (_ctx, id) => ({ accountId: id, claims: () => ({ sub: id, email: id, email_verified: true }) }),
    cookies: { keys: ['test cookie key for the provider'] },
    features: { devInteractions: { enabled: true } },
  });
  const authorizationRequests: URLSearchParams[] = [];
  const callback = provider.callback();
  server.on('request', (req, res) => {
    if (req.url?.startsWith('/auth?')) authorizationRequests.push(new URL(req.url, issuer).searchParams);
    void callback(req, res);
  });
  return {
    issuer,
    authorizationRequests,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/**
 * From /console/oidc/start to the console's callback: the provider's sign-in
 * page with `email`, its consent page, and back. Returns the callback's response.
 */
export async function signInAtProvider(client: ConsoleClient, email: string): Promise<ConsoleResponse> {
  let response = await client.get('/console/oidc/start');
  for (let hop = 0; hop < 12; hop++) {
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location) {
      const next = new URL(location, response.url);
      if (next.pathname === '/console/oidc/callback') return client.get(next.pathname + next.search);
      response = await client.get(next.href);
      continue;
    }
    const action = /<form[^>]*action="([^"]+)"/.exec(response.text)?.[1];
    if (response.status !== 200 || !action) throw new Error(`unexpected provider page: ${response.status} ${response.text.slice(0, 200)}`);
    const target = new URL(action.replace(/&amp;/g, '&'), response.url).href;
    response = response.text.includes('name="login"')
      ? await client.request(target, form({ prompt: 'login', login: email, password: 'any' }))
      : await client.request(target, form({ prompt: 'consent' }));
  }
  throw new Error('too many hops at the provider');
}

function form(fields: Record<string, string>): RequestInit {
  return { method: 'POST', body: new URLSearchParams(fields).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } };
}
