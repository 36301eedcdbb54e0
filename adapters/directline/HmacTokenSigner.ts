import { createHmac, timingSafeEqual } from 'node:crypto';

/** Lifetime of a self-hosted Direct Line token. Web Chat refreshes every 15 minutes, so 30 leaves room. */
export const TOKEN_TTL_SECONDS = 30 * 60;
/** Lifetime of a stream token: it only has to open the WebSocket (an open socket outlives it). */
export const STREAM_TOKEN_TTL_SECONDS = 5 * 60;
const TOKEN_VERSION = 'v1';

/**
 * What a token is for: `conversation` tokens call the REST API; `stream` tokens, which
 * appear in the WebSocket URL (and so in proxy logs), can only open the stream.
 */
export type TokenScope = 'conversation' | 'stream';

/** What a token grants: one scope on one conversation for one user, until `expiresAt` (epoch seconds). */
export interface TokenClaims {
  readonly conversationId: string;
  readonly userId: string;
  readonly scope: TokenScope;
  readonly expiresAt: number;
}

export type TokenCheck =
  | { readonly kind: 'valid'; readonly claims: TokenClaims }
  | { readonly kind: 'invalid'; readonly reason: 'malformed' | 'signature' | 'expired' };

/**
 * Signs and verifies the built-in Direct Line endpoint's tokens.
 * Implementation: `HmacTokenSigner` (HMAC-SHA256, no server-side session table).
 */
export interface TokenSigner {
  /** Issues a token bound to one conversation and one user. */
  sign(conversationId: string, userId: string, scope: TokenScope, nowMs?: number): { token: string; expiresIn: number };
  verify(token: string, nowMs?: number): TokenCheck;
}

/**
 * Tokens are `v1.<base64url claims>.<base64url HMAC-SHA256>`. They are stateless so
 * that a restart with the same key (see directLineTokenKey) keeps tokens valid.
 */
export class HmacTokenSigner implements TokenSigner {
  /** @param key signing key, at least 32 bytes. */
  constructor(
    private readonly key: Buffer,
    private readonly ttlSeconds: Readonly<Record<TokenScope, number>> = { conversation: TOKEN_TTL_SECONDS, stream: STREAM_TOKEN_TTL_SECONDS },
  ) {
    if (key.length < 32) throw new Error('HmacTokenSigner: the key must be at least 32 bytes');
  }

  sign(conversationId: string, userId: string, scope: TokenScope, nowMs: number = Date.now()): { token: string; expiresIn: number } {
    const expiresIn = this.ttlSeconds[scope];
    const claims = { c: conversationId, u: userId, s: scope, exp: Math.floor(nowMs / 1000) + expiresIn };
    const body = `${TOKEN_VERSION}.${Buffer.from(JSON.stringify(claims), 'utf8').toString('base64url')}`;
    return { token: `${body}.${this.mac(body).toString('base64url')}`, expiresIn };
  }

  verify(token: string, nowMs: number = Date.now()): TokenCheck {
    const parts = token.split('.');
    if (parts.length !== 3 || parts[0] !== TOKEN_VERSION) return { kind: 'invalid', reason: 'malformed' };
    const body = `${parts[0]}.${parts[1]}`;
    const given = Buffer.from(parts[2], 'base64url');
    const expected = this.mac(body);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      return { kind: 'invalid', reason: 'signature' };
    }
    const claims = parseClaims(parts[1]);
    if (!claims) return { kind: 'invalid', reason: 'malformed' };
    if (claims.expiresAt * 1000 <= nowMs) return { kind: 'invalid', reason: 'expired' };
    return { kind: 'valid', claims };
  }

  private mac(body: string): Buffer {
    return createHmac('sha256', this.key).update(body).digest();
  }
}

function parseClaims(encoded: string): TokenClaims | undefined {
  let raw: unknown;
  try {
    raw = JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8'));
  } catch {
    // A correctly signed but unparsable body can only come from a different token format: treat as malformed.
    return undefined;
  }
  if (typeof raw !== 'object' || raw === null || !('c' in raw) || !('u' in raw) || !('s' in raw) || !('exp' in raw)) return undefined;
  const { c, u, s, exp } = raw;
  if (typeof c !== 'string' || typeof u !== 'string' || typeof exp !== 'number') return undefined;
  if (s !== 'conversation' && s !== 'stream') return undefined;
  return { conversationId: c, userId: u, scope: s, expiresAt: exp };
}
