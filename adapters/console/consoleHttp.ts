/** Small HTTP helpers of the console: cookies, form bodies, security headers. */
import { once } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { CSV_BOM, csvLine } from './csv.js';
import type { CsvExport } from './exports.js';

/** Largest form body accepted (sign-in, curation actions). */
export const MAX_FORM_BYTES = 16 * 1024;

/** Scripts, styles and images from this server only; nothing inline, no framing, forms post here only. */
export const CONSOLE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join('; ');

export function parseCookies(header: string | undefined): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq < 1) continue;
    const name = part.slice(0, eq).trim();
    if (!cookies.has(name)) cookies.set(name, part.slice(eq + 1).trim());
  }
  return cookies;
}

/** A console cookie: HttpOnly, SameSite=Strict, scoped to /console, Secure when the console is reached over https. */
export function cookieHeader(name: string, value: string, options: { secure: boolean; maxAgeSeconds?: number }): string {
  const parts = [`${name}=${value}`, 'Path=/console', 'HttpOnly', 'SameSite=Strict'];
  if (options.secure) parts.push('Secure');
  if (options.maxAgeSeconds !== undefined) parts.push(`Max-Age=${options.maxAgeSeconds}`);
  return parts.join('; ');
}

/** Appends a Set-Cookie header (several may be set on one response). */
export function addCookie(res: ServerResponse, cookie: string): void {
  const current = res.getHeader('Set-Cookie');
  const list = Array.isArray(current) ? current : current === undefined ? [] : [String(current)];
  res.setHeader('Set-Cookie', [...list, cookie]);
}

/**
 * Whether the console is reached over https: the configured public URL says
 * so, or the socket is TLS, or a reverse proxy on this machine says it was.
 */
export function isSecureRequest(req: IncomingMessage, publicUrl: string | undefined): boolean {
  if (publicUrl !== undefined) return publicUrl.startsWith('https:');
  if ('encrypted' in req.socket && req.socket.encrypted === true) return true;
  return String(req.headers['x-forwarded-proto'] ?? '').split(',')[0].trim() === 'https';
}

/** The public origin of the console: the configured URL, or the request's own host. */
export function originOf(req: IncomingMessage, publicUrl: string | undefined): string {
  if (publicUrl !== undefined) return publicUrl;
  const scheme = isSecureRequest(req, undefined) ? 'https' : 'http';
  return `${scheme}://${req.headers.host ?? 'localhost'}`;
}

export type FormResult = { readonly kind: 'ok'; readonly form: URLSearchParams } | { readonly kind: 'refused'; readonly status: 413 | 415 | 400 };

/** Reads an `application/x-www-form-urlencoded` body of at most `MAX_FORM_BYTES`. */
export async function readForm(req: IncomingMessage): Promise<FormResult> {
  const type = String(req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (type !== 'application/x-www-form-urlencoded') return { kind: 'refused', status: 415 };
  if (Number(req.headers['content-length'] ?? 0) > MAX_FORM_BYTES) return { kind: 'refused', status: 413 };
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_FORM_BYTES) return { kind: 'refused', status: 413 };
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  return { kind: 'ok', form: new URLSearchParams(text) };
}

/**
 * Streams a CSV export: BOM and header first, then each batch as the client
 * takes it (waiting for `drain`), so a whole question log never sits in
 * memory. Stops reading when the client goes away; a store failure midway
 * cuts the download (the status line is gone) and is rethrown for the log.
 */
export async function sendCsv(res: ServerResponse, name: string, csv: CsvExport): Promise<void> {
  res.writeHead(200, { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="${name}"`, 'Cache-Control': 'no-store' });
  let gone = false;
  const closed = new Promise<void>((resolve) => res.once('close', () => {
    gone = true;
    resolve();
  }));
  try {
    res.write(CSV_BOM + csvLine(csv.header));
    // Node corks the socket until the next tick: let the header go out before the first page is read.
    await new Promise((resolve) => setImmediate(resolve));
    for await (const batch of csv.batches) {
      if (gone) return;
      if (!res.write(batch.map(csvLine).join(''))) await Promise.race([once(res, 'drain'), closed]);
    }
    res.end();
  } catch (cause) {
    res.destroy();
    throw new Error(`sendCsv: the export of ${name} failed midway`, { cause });
  }
}
