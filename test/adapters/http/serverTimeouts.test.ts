import { connect, type Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { DEFAULT_HTTP_TIMEOUTS } from '../../../adapters/http/serverTimeouts.js';
import { DirectLineTestClient } from '../helpers/directLineClient.js';
import { ECHO_GREETING, echoServersClosedAfterEach } from '../helpers/echoBot.js';
import { limitsWith } from '../helpers/limits.js';

/** Short timeouts so that the test waits a second, not fifteen. */
const SHORT = limitsWith({ http: { headersMs: 400, requestMs: 800, keepAliveMs: 300, idleSocketMs: 1_200, checkIntervalMs: 50 } });

/** Opens a raw connection, runs `act` on it, and resolves with what the server sent and after how long it closed. */
function watch(url: string, act: (socket: Socket) => void): Promise<{ received: string; closedAfterMs: number }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const started = Date.now();
    let received = '';
    const socket = connect(Number(port), hostname, () => act(socket));
    socket.on('data', (chunk: Buffer) => {
      received += chunk.toString('latin1');
    });
    socket.on('close', () => resolve({ received, closedAfterMs: Date.now() - started }));
    socket.on('error', () => undefined);
    setTimeout(() => reject(new Error('watch: the server kept the connection open for 10 s')), 10_000).unref();
  });
}

describe('HTTP timeouts: silent, slow and idle clients are let go', () => {
  const startEcho = echoServersClosedAfterEach();

  it('production values stay within 10–15 s for headers and the whole request, and close idle sockets', () => {
    expect(DEFAULT_HTTP_TIMEOUTS.headersMs).toBeLessThanOrEqual(10_000);
    expect(DEFAULT_HTTP_TIMEOUTS.requestMs).toBeLessThanOrEqual(15_000);
    expect(DEFAULT_HTTP_TIMEOUTS.checkIntervalMs).toBeLessThanOrEqual(1_000);
    expect(DEFAULT_HTTP_TIMEOUTS.idleSocketMs).toBeGreaterThan(0);
  });

  it('closes a silent socket and a slowloris one (408) at the header deadline', async () => {
    const started = await startEcho({}, { limits: SHORT });
    const silent = await watch(started.url, () => undefined);
    expect(silent.closedAfterMs).toBeLessThan(1_500);
    let drip: NodeJS.Timeout | undefined;
    const slowloris = await watch(started.url, (socket) => {
      socket.write('GET /healthz HTTP/1.1\r\nHost: x\r\n');
      drip = setInterval(() => socket.writable && socket.write('X-Slow: 1\r\n'), 100);
    });
    clearInterval(drip);
    expect(slowloris.received).toMatch(/^HTTP\/1\.1 408/);
    expect(slowloris.closedAfterMs).toBeLessThan(1_500);
  });

  it('ends a body that trickles in past the request deadline (408), and an idle keep-alive connection', async () => {
    const started = await startEcho({}, { limits: SHORT });
    const client = await DirectLineTestClient.connect(started.url);
    let drip: NodeJS.Timeout | undefined;
    const slowBody = await watch(started.url, (socket) => {
      socket.write(`POST /v3/directline/conversations/${client.conversationId}/activities HTTP/1.1\r\nHost: x\r\n` +
        `Authorization: Bearer ${client.token}\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"type":"message","text":"`);
      drip = setInterval(() => socket.writable && socket.write('a'), 100);
    });
    clearInterval(drip);
    expect(slowBody.received).toMatch(/^HTTP\/1\.1 408/);
    expect(slowBody.closedAfterMs).toBeLessThan(2_000);
    expect(started.bot.seen).toEqual([]);

    const idle = await watch(started.url, (socket) => socket.write('GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n'));
    expect(idle.received).toMatch(/^HTTP\/1\.1 200/);
    expect(idle.closedAfterMs).toBeLessThan(1_500);
  });

  it('keeps a WebSocket stream open past every HTTP deadline: it has its own ping policy', async () => {
    const started = await startEcho({}, { limits: SHORT });
    const client = await DirectLineTestClient.connect(started.url);
    const stream = await client.openStream();
    await stream.waitFor((activity) => activity.text === ECHO_GREETING);
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect(stream.closeCode).toBeUndefined();
    await client.send('toujours là ?');
    await stream.waitFor((activity) => activity.text === 'echo: toujours là ?');
    stream.close();
  });
});
