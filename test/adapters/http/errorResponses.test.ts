import { Writable } from 'node:stream';
import type { TurnContext } from 'botbuilder';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { DirectLineTestClient } from '../helpers/directLineClient.js';
import { echoServersClosedAfterEach } from '../helpers/echoBot.js';
import { rawRequest } from '../helpers/rawHttp.js';

const INTERNAL = 'secret internal detail /srv/app/private.ts:42';

/** A bot whose turn throws from a timer callback, outside any promise chain: the kind of error that used to end the process. */
const throwingBot = {
  async run(context: TurnContext): Promise<void> {
    if (context.activity.type !== 'message') return;
    setTimeout(() => {
      throw new Error(INTERNAL);
    }, 5);
    await new Promise((resolve) => setTimeout(resolve, 100));
  },
};

function logSink(): { lines: string[]; stream: Writable } {
  const lines: string[] = [];
  return { lines, stream: new Writable({ write: (chunk: Buffer, _encoding, done) => done(void lines.push(chunk.toString('utf8'))) }) };
}

describe('error bodies and the last-resort guard', () => {
  const startEcho = echoServersClosedAfterEach();

  it('answers an error that escapes a handler with a generic 500, logs it, and keeps serving', async () => {
    const sink = logSink();
    const started = await startEcho({}, { bot: throwingBot, log: pino({ level: 'error' }, sink.stream) });
    const client = await DirectLineTestClient.connect(started.url);
    const posted = await client.send('déclenche');
    expect(posted.status).toBe(500);
    expect(posted.body).toEqual({ error: { code: 'InternalError', message: 'Internal error' } });
    expect(JSON.stringify(posted.body)).not.toContain('secret');
    expect(sink.lines.some((line) => line.includes('last-resort guard') && line.includes(INTERNAL))).toBe(true);
    expect((await rawRequest(`${started.url}/healthz`, { method: 'GET' })).status).toBe(200);
    expect((await client.poll()).activities.length).toBeGreaterThan(0);
  });

  it('never echoes the request or internals in restify’s own errors (404, 405)', async () => {
    const started = await startEcho();
    const missing = await rawRequest(`${started.url}/<script>alert(1)</script>`, { method: 'GET' });
    expect(missing.status).toBe(404);
    expect(JSON.parse(missing.text)).toEqual({ error: { code: 'ResourceNotFound', message: 'Not found' } });
    const method = await rawRequest(`${started.url}/healthz`, { method: 'DELETE' });
    expect(method.status).toBe(405);
    expect(JSON.parse(method.text)).toEqual({ error: { code: 'MethodNotAllowed', message: 'Method not allowed' } });
  });
});
