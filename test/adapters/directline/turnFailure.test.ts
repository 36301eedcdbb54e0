import { Writable } from 'node:stream';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { DirectLineTestClient } from '../helpers/directLineClient.js';
import { echoServersClosedAfterEach } from '../helpers/echoBot.js';

const INTERNAL = 'SQLITE_CANTOPEN /srv/private/feedback.db';

describe('built-in Direct Line when even onTurnError fails', () => {
  const startEcho = echoServersClosedAfterEach();

  it('answers 502 without internal details and logs the failure for the operator', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write: (chunk: Buffer, _encoding, done) => {
        lines.push(chunk.toString('utf8'));
        done();
      },
    });
    const started = await startEcho({}, {
      log: pino({ level: 'error' }, sink),
      onTurnError: async () => {
        throw new Error(INTERNAL);
      },
    });
    const client = await DirectLineTestClient.connect(started.url);
    const posted = await client.send('boom');
    expect(posted.status).toBe(502);
    expect(posted.body).toMatchObject({ error: { code: 'BotError' } });
    expect(JSON.stringify(posted.body)).not.toContain(INTERNAL);
    expect(lines.some((line) => line.includes('DirectLineService.postActivity') && line.includes(INTERNAL))).toBe(true);
  });
});
