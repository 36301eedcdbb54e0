import { connect } from 'node:net';
import { Duplex } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { echoServersClosedAfterEach } from '../helpers/echoBot.js';

const UPGRADE_HEADERS = 'Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n';

/** Sends a raw upgrade request (request line as given) and resolves with the status line of the answer. */
function rawUpgrade(url: string, target: string): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect({ host: hostname, port: Number(port) }, () => {
      socket.write(`GET ${target} HTTP/1.1\r\nHost: ${hostname}:${port}\r\n${UPGRADE_HEADERS}`);
    });
    let received = '';
    socket.on('data', (chunk: Buffer) => {
      received += chunk.toString('latin1');
    });
    socket.on('end', () => resolve(received.split('\r\n')[0]));
    socket.on('error', reject);
  });
}

describe('Direct Line stream upgrades with hostile input', () => {
  const startEcho = echoServersClosedAfterEach();

  it('answers 400 to a malformed percent-encoded conversation id or URL, and keeps serving', async () => {
    const started = await startEcho();
    expect(await rawUpgrade(started.url, '/v3/directline/conversations/%E0%A4%A/stream?t=x')).toBe('HTTP/1.1 400 BadArgument');
    expect(await rawUpgrade(started.url, 'http://a:99999/v3/directline/conversations/c/stream')).toBe('HTTP/1.1 400 BadArgument');
    const health = await fetch(`${started.url}/healthz`);
    expect(health.status).toBe(200);
  });

  it('survives a client that resets the connection while its upgrade is refused', async () => {
    const started = await startEcho();
    const socket = new Duplex({ read: () => undefined, write: (_chunk, _encoding, done) => done() });
    started.app.server.server.emit('upgrade', { url: '/nowhere', headers: {}, socket }, socket, Buffer.alloc(0));
    // Node removes its own error listener before 'upgrade': without ours, this error would crash the process.
    expect(() => socket.emit('error', new Error('read ECONNRESET'))).not.toThrow();
  });
});
