import { afterEach, describe, expect, it } from 'vitest';
import { LOOPBACK_ADDRESSES, runDirectLineLoad } from './directLineLoad.js';
import { startEchoServer, type StartedServer } from './helpers/echoBot.js';

describe('built-in Direct Line under a bounded load (echo bot: measures the endpoint itself)', () => {
  let started: StartedServer | undefined;
  afterEach(async () => {
    await started?.app.close();
    started = undefined;
  });

  it('serves 50 concurrent conversations × 10 turns with no error and no lost reply', async () => {
    started = await startEchoServer();
    const report = await runDirectLineLoad({
      baseUrl: started.url, conversations: 50, turns: 10, addresses: LOOPBACK_ADDRESSES, timeLimitMs: 45_000,
    });
    console.info(`Direct Line load (echo bot): ${JSON.stringify(report)}`);
    expect(report.errors).toEqual([]);
    expect(report.lostReplies).toBe(0);
    expect(report.turnsCompleted).toBe(500);
    expect(started.bot.seen).toHaveLength(500);
  }, 60_000);
});
