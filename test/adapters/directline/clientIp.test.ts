import { IncomingMessage } from 'node:http';
import { Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { clientIp } from '../../../adapters/directline/directLineRoutes.js';

function request(peer: string, forwardedFor?: string): IncomingMessage {
  const socket = new Socket();
  Object.defineProperty(socket, 'remoteAddress', { value: peer });
  const req = new IncomingMessage(socket);
  if (forwardedFor !== undefined) req.headers['x-forwarded-for'] = forwardedFor;
  return req;
}

describe('clientIp (per-client rate limits behind TRUSTED_PROXIES)', () => {
  const trusted = new Set(['10.0.0.1', '127.0.0.1']);

  it('uses the socket peer when no proxy is trusted, whatever X-Forwarded-For says', () => {
    expect(clientIp(request('203.0.113.7', '198.51.100.1'))).toBe('203.0.113.7');
    expect(clientIp(request('203.0.113.7', '198.51.100.1'), trusted)).toBe('203.0.113.7');
  });

  it('believes a trusted proxy: the nearest hop that is not a trusted proxy, never a spoofed left-most entry', () => {
    expect(clientIp(request('10.0.0.1', '198.51.100.1'), trusted)).toBe('198.51.100.1');
    expect(clientIp(request('::ffff:127.0.0.1', 'spoofed, 198.51.100.2, 10.0.0.1'), trusted)).toBe('198.51.100.2');
    expect(clientIp(request('10.0.0.1'), trusted)).toBe('10.0.0.1');
  });
});
