import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startChannelStandIn, type ChannelStandIn } from '../helpers/channelStandIn.js';
import { DirectLineTestClient } from '../helpers/directLineClient.js';
import { startEchoServer, type StartedServer } from '../helpers/echoBot.js';
import { limitsWith } from '../helpers/limits.js';
import { rawRequest } from '../helpers/rawHttp.js';
import { makeBombs } from './payloads.js';
import { isUnanswered, isUnexpected, leaksInternals, sendCase, SURFACES, surfaceCases, type FuzzContext } from './surfaces.js';

/**
 * Property-based fuzz of /api/messages and every Direct Line route: whatever a client
 * sends, the answer is never a 5xx other than the documented 501/503, never shows an
 * internal detail, and the server keeps serving. About 2,000 cases in all by default;
 * FUZZ_RUNS sets the total (e.g. FUZZ_RUNS=80000 npx vitest run test/adapters/fuzz).
 */
const TOTAL_RUNS = Number(process.env.FUZZ_RUNS ?? 2_000);
const RUNS_PER_SURFACE = Math.max(1, Math.ceil(TOTAL_RUNS / SURFACES.length));
/** Rate limits out of the way, so that the cases reach the handlers instead of stopping at 429. */
const UNLIMITED = { capacity: 1e9, refillPerSecond: 1e9 };

describe(`fuzzing every HTTP surface (${RUNS_PER_SURFACE} cases each)`, () => {
  let started: StartedServer;
  let channel: ChannelStandIn | undefined;
  let ctx: FuzzContext;

  beforeAll(async () => {
    // Emulator mode, so that well-formed activities on /api/messages reach the bot, whose replies go to `channel`.
    started = await startEchoServer({ EMULATOR_ENABLED: 'true' }, {
      limits: limitsWith({ directLine: { ipRate: UNLIMITED, conversationRate: UNLIMITED, maxStreamsPerConversation: 1_000 } }),
    });
    channel = await startChannelStandIn();
    const clients = await Promise.all(Array.from({ length: 12 }, () => DirectLineTestClient.connect(started.url)));
    ctx = {
      baseUrl: started.url, clients, bombs: makeBombs(), serviceUrl: channel.url,
      addresses: ['127.0.0.1', '127.0.0.2', '127.0.0.3'],
    };
  }, 60_000);

  afterAll(async () => {
    await started?.app.close();
    await channel?.close();
  });

  for (const surface of SURFACES) {
    it(surface, async () => {
      await fc.assert(
        fc.asyncProperty(surfaceCases(ctx, surface), async (fuzz) => {
          const outcome = await sendCase(ctx, fuzz);
          expect({ status: outcome.status, unexpected: isUnexpected(outcome), unanswered: isUnanswered(outcome, fuzz) })
            .toEqual({ status: outcome.status, unexpected: false, unanswered: false });
          expect(leaksInternals(outcome)).toBe(false);
          if (outcome.status >= 400 && outcome.text) expect(JSON.parse(outcome.text)).toEqual({ error: { code: expect.any(String), message: expect.any(String) } });
        }),
        { numRuns: RUNS_PER_SURFACE },
      );
    }, 30_000 + RUNS_PER_SURFACE * 100);
  }

  it('is still serving afterwards: health, a new conversation and its reply', async () => {
    expect((await rawRequest(`${started.url}/healthz`, { method: 'GET' })).status).toBe(200);
    const client = await DirectLineTestClient.connect(started.url);
    expect((await client.send('encore là ?')).status).toBe(200);
    await client.pollUntil((activity) => activity.text === 'echo: encore là ?');
  });
});
