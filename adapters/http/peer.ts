import type { IncomingMessage } from 'node:http';

/** Whether a socket address is this machine (IPv4 127/8, IPv6 ::1, or IPv4-mapped loopback). */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false;
  const v4 = address.startsWith('::ffff:') ? address.slice('::ffff:'.length) : address;
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(v4) || address === '::1';
}

/** Headers a reverse proxy adds: a request carrying one came from elsewhere, whatever its socket says. */
export const PROXY_HEADERS = ['forwarded', 'x-forwarded-for', 'x-real-ip'] as const;

/**
 * Whether the request comes from a program on this machine talking to us directly:
 * a loopback socket and no proxy header. Behind a local reverse proxy every request
 * has a loopback socket; the proxy's `X-Forwarded-For` is what tells them apart.
 */
export function isDirectLocalRequest(req: Pick<IncomingMessage, 'socket' | 'headers'>): boolean {
  return isLoopbackAddress(req.socket.remoteAddress) && PROXY_HEADERS.every((name) => req.headers[name] === undefined);
}

/** Whether a URL points at this machine by a loopback literal (`localhost`, 127/8, [::1]); names that resolve elsewhere do not count. */
export function isLoopbackUrl(url: string): boolean {
  if (!URL.canParse(url)) return false;
  const { protocol, hostname } = new URL(url);
  if (protocol !== 'http:' && protocol !== 'https:') return false;
  return hostname === 'localhost' || hostname === '[::1]' || isLoopbackAddress(hostname);
}
