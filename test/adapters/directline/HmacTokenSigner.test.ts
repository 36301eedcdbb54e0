import { describe, expect, it } from 'vitest';
import { HmacTokenSigner, TOKEN_TTL_SECONDS } from '../../../adapters/directline/index.js';

describe('HmacTokenSigner', () => {
  const now = Date.UTC(2026, 10, 26, 12, 0, 0);

  it('round-trips claims bound to one conversation, user and scope', () => {
    const signer = new HmacTokenSigner(Buffer.from('k'.repeat(32)));
    const { token, expiresIn } = signer.sign('conv-a', 'dl_user', 'conversation', now);
    expect(expiresIn).toBe(TOKEN_TTL_SECONDS);
    expect(signer.verify(token, now)).toEqual({
      kind: 'valid',
      claims: { conversationId: 'conv-a', userId: 'dl_user', scope: 'conversation', expiresAt: now / 1000 + TOKEN_TTL_SECONDS },
    });
  });

  it('rejects an expired token', () => {
    const signer = new HmacTokenSigner(Buffer.from('k'.repeat(32)));
    const { token } = signer.sign('conv-a', 'dl_user', 'stream', now);
    expect(signer.verify(token, now + 10 * 60 * 1000)).toEqual({ kind: 'invalid', reason: 'expired' });
  });

  it('rejects a token whose claims were edited or that another key signed', () => {
    const signer = new HmacTokenSigner(Buffer.from('k'.repeat(32)));
    const { token } = signer.sign('conv-a', 'dl_user', 'conversation', now);
    const [version, , mac] = token.split('.');
    const forgedClaims = Buffer.from(JSON.stringify({ c: 'conv-b', u: 'dl_user', s: 'conversation', exp: now / 1000 + 60 })).toString('base64url');
    expect(signer.verify(`${version}.${forgedClaims}.${mac}`, now)).toEqual({ kind: 'invalid', reason: 'signature' });
    const other = new HmacTokenSigner(Buffer.from('o'.repeat(32)));
    expect(other.verify(token, now)).toEqual({ kind: 'invalid', reason: 'signature' });
  });

  it('rejects malformed tokens without throwing', () => {
    const signer = new HmacTokenSigner(Buffer.alloc(32, 7));
    for (const token of ['', 'abc', 'v2.a.b', 'v1..', 'v1.a.b.c']) {
      expect(signer.verify(token, now).kind).toBe('invalid');
    }
  });

  it('refuses a key shorter than 32 bytes', () => {
    expect(() => new HmacTokenSigner(Buffer.alloc(31))).toThrow(/at least 32 bytes/);
  });

  it('keeps tokens valid across instances sharing a key (restart)', () => {
    const { token } = new HmacTokenSigner(Buffer.from('s'.repeat(40))).sign('conv-a', 'dl_user', 'conversation', now);
    expect(new HmacTokenSigner(Buffer.from('s'.repeat(40))).verify(token, now).kind).toBe('valid');
  });
});
