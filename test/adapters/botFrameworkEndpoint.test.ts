import { Writable } from 'node:stream';
import { ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { authenticationFailure, botFrameworkMode } from '../../adapters/botFrameworkEndpoint.js';
import { loadConfig } from '../../adapters/config.js';
import { startChannelStandIn, type ChannelStandIn } from './helpers/channelStandIn.js';
import { echoServersClosedAfterEach } from './helpers/echoBot.js';
import { rawRequest } from './helpers/rawHttp.js';

const APP_ID = '00000000-0000-4000-8000-000000000001';

function activity(serviceUrl: string): string {
  return JSON.stringify({
    type: 'message', id: 'm1', channelId: 'emulator', serviceUrl, text: 'bonjour',
    from: { id: 'u1' }, recipient: { id: 'b1' }, conversation: { id: 'c1' },
  });
}

/** An unsigned JWT that passes botbuilder's issuer check, so validating it needs the Bot Framework signing keys. */
function channelShapedToken(): string {
  const part = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  return `${part({ alg: 'RS256', kid: 'key-1', typ: 'JWT' })}.${part({ iss: 'https://api.botframework.com', aud: APP_ID, nbf: now - 60, exp: now + 3600 })}.c2ln`;
}

describe('POST /api/messages: who may call it', () => {
  const startEcho = echoServersClosedAfterEach();
  let recorder: ChannelStandIn | undefined;
  afterEach(async () => {
    await recorder?.close();
    recorder = undefined;
  });
  const json = { 'Content-Type': 'application/json' };

  it('is closed without an app id (403 before reading the body), even from this machine', async () => {
    const started = await startEcho();
    recorder = await startChannelStandIn();
    expect(started.app.botFrameworkMode).toBe('closed');
    const response = await rawRequest(`${started.url}/api/messages`, { headers: json, body: activity(recorder.url) });
    expect(response.status).toBe(403);
    expect(JSON.parse(response.text)).toEqual({ error: { code: 'Forbidden', message: 'Forbidden' } });
    expect(started.bot.seen).toEqual([]);
    expect(recorder.hits).toEqual([]);
  });

  it('in emulator mode, refuses requests relayed by a proxy (Forwarded, X-Forwarded-For, X-Real-IP)', async () => {
    const started = await startEcho({ EMULATOR_ENABLED: 'true' });
    recorder = await startChannelStandIn();
    const proxied: Record<string, string>[] = [{ 'X-Forwarded-For': '203.0.113.9' }, { Forwarded: 'for=203.0.113.9' }, { 'X-Real-IP': '203.0.113.9' }];
    for (const header of proxied) {
      const response = await rawRequest(`${started.url}/api/messages`, { headers: { ...json, ...header }, body: activity(recorder.url) });
      expect({ header, status: response.status }).toEqual({ header, status: 403 });
    }
    expect(started.bot.seen).toEqual([]);
    expect(recorder.hits).toEqual([]);
  });

  it('in emulator mode, never sends replies off this machine: a serviceUrl that is not a loopback literal gets 403', async () => {
    const started = await startEcho({ EMULATOR_ENABLED: 'true' });
    recorder = await startChannelStandIn();
    const port = new URL(recorder.url).port;
    for (const serviceUrl of [`http://127.0.0.1.nip.io:${port}`, 'http://10.0.0.8/', 'https://attacker.example/', `http://0.0.0.0:${port}`]) {
      const response = await rawRequest(`${started.url}/api/messages`, { headers: json, body: activity(serviceUrl) });
      expect({ serviceUrl, status: response.status }).toEqual({ serviceUrl, status: 403 });
    }
    expect(started.bot.seen).toEqual([]);
    expect(recorder.hits).toEqual([]);
    const local = await rawRequest(`${started.url}/api/messages`, { headers: json, body: activity(recorder.url) });
    expect(local.status).toBe(200);
    expect(recorder.hits).toHaveLength(1);
  });

  it('answers 503 with a generic body when the Bot Framework signing keys cannot be fetched, and logs the cause', async () => {
    const lines: string[] = [];
    const sink = new Writable({ write: (chunk: Buffer, _encoding, done) => done(void lines.push(chunk.toString('utf8'))) });
    // Nothing listens on port 9 of loopback: fetching the OpenID metadata fails as it would without egress.
    const unreachable = 'http://127.0.0.1:9/v1/.well-known/openidconfiguration';
    const env = { MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'not-a-real-password' };
    const started = await startEcho(env, {
      log: pino({ level: 'error' }, sink),
      botFrameworkAuthentication: new ConfigurationBotFrameworkAuthentication({
        MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'not-a-real-password', MicrosoftAppType: 'MultiTenant',
        // Given one endpoint, botbuilder takes no public-cloud default for the others: the issuer goes with it.
        ToBotFromChannelOpenIdMetadataUrl: unreachable, ToBotFromChannelTokenIssuer: 'https://api.botframework.com',
      }),
    });
    recorder = await startChannelStandIn();
    const response = await rawRequest(`${started.url}/api/messages`, {
      headers: { ...json, Authorization: `Bearer ${channelShapedToken()}` }, body: activity('https://smba.trafficmanager.net/emea/'),
    });
    expect(response.status).toBe(503);
    expect(JSON.parse(response.text)).toEqual({ error: { code: 'ServiceUnavailable', message: 'Service unavailable' } });
    expect(response.text).not.toMatch(/127\.0\.0\.1|openid|ECONNREFUSED|ENOTFOUND|FetchError/);
    expect(lines.join('')).toMatch(/ECONNREFUSED/);
    expect(started.bot.seen).toEqual([]);
  });
});

describe('botFrameworkMode and authenticationFailure', () => {
  it('derives the mode from the configuration', () => {
    expect(botFrameworkMode(loadConfig({}))).toBe('closed');
    expect(botFrameworkMode(loadConfig({ EMULATOR_ENABLED: 'true' }))).toBe('emulator');
    expect(botFrameworkMode(loadConfig({ MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'p' }))).toBe('authenticated');
  });

  it('tells a bad token (401) from an unreachable key endpoint (503) and from a defect (500)', () => {
    const withStatus = (statusCode: number): Error => Object.assign(new Error('auth'), { statusCode });
    expect(authenticationFailure(withStatus(401))).toBe('unauthorized');
    expect(authenticationFailure(withStatus(500))).toBe('unavailable');
    expect(authenticationFailure(Object.assign(new Error('invalid signature'), { name: 'JsonWebTokenError' }))).toBe('unauthorized');
    expect(authenticationFailure(Object.assign(new Error('request failed'), { name: 'FetchError' }))).toBe('unavailable');
    expect(authenticationFailure(Object.assign(new Error('getaddrinfo'), { code: 'ENOTFOUND' }))).toBe('unavailable');
    expect(authenticationFailure(new TypeError('x is undefined'))).toBe('defect');
    expect(authenticationFailure('a string')).toBe('defect');
  });
});
