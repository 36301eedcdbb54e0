import { createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';

/** A signed-in curator, carried in the session cookie. */
export interface ConsoleSession {
  /** Who: the local user name, or the OIDC email. */
  readonly user: string;
  readonly method: 'local' | 'oidc';
  /** Random per sign-in: the CSRF token is derived from it. */
  readonly sid: string;
  /** Expiry, ms since the epoch. */
  readonly exp: number;
}

/** How long a console session lasts (a working day), whatever the activity. */
export const SESSION_TTL_MS = 8 * 60 * 60 * 1000;

/**
 * Stateless signed values for the console's cookies: base64url(JSON) + "." +
 * HMAC-SHA256, under a key derived (HKDF) from the configured secret for each
 * purpose. Any instance holding the same secret accepts them, so sessions
 * survive restarts and work across instances without shared storage.
 */
export class SessionCodec {
  private readonly keys = new Map<string, Buffer>();

  constructor(private readonly secret: Buffer) {}

  /** Signs `value` for `purpose` (a session cookie is no OIDC-flow cookie). */
  seal(purpose: string, value: object): string {
    const body = Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
    return `${body}.${this.mac(purpose, body)}`;
  }

  /** The value, when the signature is right for `purpose`; undefined otherwise. */
  open(purpose: string, sealed: string | undefined): unknown {
    if (!sealed) return undefined;
    const dot = sealed.indexOf('.');
    if (dot < 1) return undefined;
    const body = sealed.slice(0, dot);
    const given = Buffer.from(sealed.slice(dot + 1), 'base64url');
    const expected = Buffer.from(this.mac(purpose, body), 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
    try {
      return JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as unknown;
    } catch {
      return undefined;
    }
  }

  /** A session for `user`, valid `SESSION_TTL_MS` from `now`. */
  newSession(user: string, method: ConsoleSession['method'], now: number): ConsoleSession {
    return { user, method, sid: randomBytes(16).toString('base64url'), exp: now + SESSION_TTL_MS };
  }

  /** The session in a cookie value, when it is signed and not expired. */
  session(sealed: string | undefined, now: number): ConsoleSession | undefined {
    const value = this.open('session', sealed);
    if (!isSession(value) || value.exp <= now) return undefined;
    return value;
  }

  /** The CSRF token of a session (or of the sign-in form's pre-session id): derived, so nothing is stored. */
  csrfToken(sid: string): string {
    return this.mac('csrf', sid);
  }

  /** Constant-time check of a submitted CSRF token. */
  checkCsrf(sid: string, token: string | null | undefined): boolean {
    if (typeof token !== 'string') return false;
    const given = Buffer.from(token);
    const expected = Buffer.from(this.csrfToken(sid));
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  private mac(purpose: string, data: string): string {
    let key = this.keys.get(purpose);
    if (!key) {
      key = Buffer.from(hkdfSync('sha256', this.secret, Buffer.alloc(0), `ans-faq-console:${purpose}`, 32));
      this.keys.set(purpose, key);
    }
    return createHmac('sha256', key).update(data).digest('base64url');
  }
}

function isSession(value: unknown): value is ConsoleSession {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.user === 'string' && (v.method === 'local' || v.method === 'oidc') && typeof v.sid === 'string' && typeof v.exp === 'number';
}
