import { Writable } from 'node:stream';
import { pino, type Logger } from 'pino';
import { describe, expect, it } from 'vitest';
import { AZURE_DIRECT_LINE_TOKEN_URL, type FetchLike } from '../../../adapters/directline/index.js';
import { httpJson } from '../helpers/directLineClient.js';
import { echoServersClosedAfterEach } from '../helpers/echoBot.js';

const SECRET = 'azure-direct-line-secret-that-must-stay-on-the-server';

interface FetchCall {
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly body: string;
}

/** A logger writing its JSON lines into `lines`, to check what the operator sees. */
function capturingLog(lines: string[]): Logger {
  const sink = new Writable({
    write: (chunk: Buffer, _encoding, done) => {
      lines.push(chunk.toString('utf8'));
      done();
    },
  });
  return pino({ level: 'info' }, sink);
}

/** A stand-in for Azure's token endpoint. */
function fakeAzure(answer: () => Promise<{ ok: boolean; status: number; json(): Promise<unknown> }>): { fetch: FetchLike; calls: FetchCall[] } {
  const calls: FetchCall[] = [];
  return {
    calls,
    fetch: async (url, init) => {
      calls.push({ url, headers: init.headers, body: init.body });
      return answer();
    },
  };
}

describe('page token endpoint with DIRECT_LINE_SECRET (Azure Direct Line)', () => {
  const startEcho = echoServersClosedAfterEach();

  it('exchanges the secret server-side and gives the page only the conversation token', async () => {
    const azure = fakeAzure(async () => ({
      ok: true, status: 200, json: async () => ({ conversationId: 'azure-conv', token: 'azure-token', expires_in: 3600 }),
    }));
    const started = await startEcho({ DIRECT_LINE_SECRET: SECRET }, { fetch: azure.fetch });
    const issued = await httpJson('POST', `${started.url}/api/directline/token`);
    expect(issued.status).toBe(200);
    expect(issued.body).toMatchObject({ conversationId: 'azure-conv', token: 'azure-token', expires_in: 3600, userId: expect.stringMatching(/^dl_/) });
    expect(issued.body).not.toHaveProperty('domain');
    expect(JSON.stringify(issued.body)).not.toContain(SECRET);

    expect(azure.calls).toHaveLength(1);
    expect(azure.calls[0].url).toBe(AZURE_DIRECT_LINE_TOKEN_URL);
    expect(azure.calls[0].headers.Authorization).toBe(`Bearer ${SECRET}`);
    expect(JSON.parse(azure.calls[0].body)).toEqual({ user: { id: expect.stringMatching(/^dl_/) } });

    const page = await fetch(`${started.url}/`);
    expect(page.headers.get('content-security-policy')).toContain('https://directline.botframework.com');
    expect(await page.text()).not.toContain(SECRET);
    expect(await (await fetch(`${started.url}/healthz`)).json()).toMatchObject({ directLine: 'azure' });
  });

  it('answers 502 without leaking the secret when Azure refuses or is unreachable', async () => {
    const lines: string[] = [];
    const refusing = fakeAzure(async () => ({ ok: false, status: 403, json: async () => ({ error: { message: SECRET } }) }));
    const refusedServer = await startEcho({ DIRECT_LINE_SECRET: SECRET }, { fetch: refusing.fetch, log: capturingLog(lines) });
    const refused = await httpJson('POST', `${refusedServer.url}/api/directline/token`);
    expect(refused.status).toBe(502);
    expect(refused.body).toMatchObject({ error: { code: 'UpstreamError', message: expect.stringContaining('HTTP 403') } });
    expect(JSON.stringify(refused.body)).not.toContain(SECRET);
    await refusedServer.app.close();

    const unreachable = fakeAzure(async () => {
      throw new TypeError(`fetch failed for ${SECRET}`);
    });
    const unreachableServer = await startEcho({ DIRECT_LINE_SECRET: SECRET }, { fetch: unreachable.fetch, log: capturingLog(lines) });
    const failed = await httpJson('POST', `${unreachableServer.url}/api/directline/token`);
    expect(failed.status).toBe(502);
    expect(JSON.stringify(failed.body)).not.toContain(SECRET);

    // The operator learns why the page gets no token, without the secret.
    expect(lines.filter((line) => line.includes('AzureDirectLineTokenSource.issue'))).toEqual([
      expect.stringContaining('HTTP 403'),
      expect.stringContaining('TypeError'),
    ]);
    expect(lines.join('')).not.toContain(SECRET);
  });
});
