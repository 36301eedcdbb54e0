import type { IncomingMessage } from 'node:http';
import { Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { isDirectLocalRequest, isLoopbackUrl } from '../../../adapters/http/peer.js';

function request(remoteAddress: string, headers: Record<string, string> = {}): Pick<IncomingMessage, 'socket' | 'headers'> {
  const socket = new Socket();
  Object.defineProperty(socket, 'remoteAddress', { value: remoteAddress });
  return { socket, headers };
}

describe('who counts as this machine', () => {
  it('isDirectLocalRequest: a loopback socket without any proxy header', () => {
    expect(isDirectLocalRequest(request('127.0.0.1'))).toBe(true);
    expect(isDirectLocalRequest(request('::1'))).toBe(true);
    expect(isDirectLocalRequest(request('10.1.2.3'))).toBe(false);
    for (const header of ['x-forwarded-for', 'forwarded', 'x-real-ip']) {
      expect(isDirectLocalRequest(request('127.0.0.1', { [header]: '127.0.0.1' }))).toBe(false);
    }
  });

  it('isLoopbackUrl: http(s) URLs whose host is a loopback literal, nothing that needs resolving', () => {
    for (const url of ['http://localhost:3978/', 'http://127.0.0.1:9000/api', 'https://127.5.6.7', 'http://[::1]:8080/', 'http://0x7f000001/']) {
      expect({ url, loopback: isLoopbackUrl(url) }).toEqual({ url, loopback: true });
    }
    for (const url of ['http://localhost.attacker.example/', 'http://127.0.0.1.nip.io/', 'http://0.0.0.0:3978/', 'http://10.0.0.1/',
      'ftp://127.0.0.1/', 'file:///etc/passwd', 'not a url', 'http://[::ffff:a00:1]/']) {
      expect({ url, loopback: isLoopbackUrl(url) }).toEqual({ url, loopback: false });
    }
  });
});
