import { describe, expect, it } from 'vitest';
import { SESSION_TTL_MS, SessionCodec } from '../../../adapters/console/SessionCodec.js';
import { isAllowedEmail } from '../../../adapters/console/OidcSignIn.js';
import { LocalAccount } from '../../../adapters/console/LocalAccount.js';

const secret = Buffer.from('a shared secret of at least thirty-two characters');

describe('SessionCodec', () => {
  it('is accepted by any instance with the same secret (stateless), by none with another', () => {
    const now = Date.parse('2026-05-01T08:00:00Z');
    const session = new SessionCodec(secret).newSession('admin', 'local', now);
    const sealed = new SessionCodec(secret).seal('session', session);
    expect(new SessionCodec(Buffer.from(secret)).session(sealed, now + 1000)).toEqual(session);
    expect(new SessionCodec(Buffer.from('another secret entirely, also long enough')).session(sealed, now)).toBeUndefined();
  });

  it('refuses a tampered, expired, or re-purposed value', () => {
    const codec = new SessionCodec(secret);
    const now = 1_000_000;
    const session = codec.newSession('admin', 'local', now);
    const sealed = codec.seal('session', session);
    const forged = Buffer.from(JSON.stringify({ ...session, user: 'root' })).toString('base64url') + sealed.slice(sealed.indexOf('.'));
    expect(codec.session(forged, now)).toBeUndefined();
    expect(codec.session(sealed, now + SESSION_TTL_MS)).toBeUndefined();
    expect(codec.open('oidc', sealed)).toBeUndefined();
    expect(codec.session('garbage', now)).toBeUndefined();
  });

  it('derives a CSRF token per session and checks it', () => {
    const codec = new SessionCodec(secret);
    const a = codec.newSession('admin', 'local', 0);
    const b = codec.newSession('admin', 'local', 0);
    expect(codec.checkCsrf(a.sid, codec.csrfToken(a.sid))).toBe(true);
    expect(codec.checkCsrf(a.sid, codec.csrfToken(b.sid))).toBe(false);
    expect(codec.checkCsrf(a.sid, null)).toBe(false);
  });
});

describe('isAllowedEmail', () => {
  it('accepts listed addresses and @domains, case-insensitively, and nothing else', () => {
    const allowed = ['marie@esante.gouv.fr', '@ans.gouv.fr'];
    expect(isAllowedEmail('Marie@esante.gouv.fr', allowed)).toBe(true);
    expect(isAllowedEmail('paul@ans.gouv.fr', allowed)).toBe(true);
    expect(isAllowedEmail('paul@evil-ans.gouv.fr', allowed)).toBe(false);
    expect(isAllowedEmail('paul@ans.gouv.fr.evil.com', allowed)).toBe(false);
    expect(isAllowedEmail('jean@esante.gouv.fr', allowed)).toBe(false);
    expect(isAllowedEmail('no-at-sign', allowed)).toBe(false);
  });
});

describe('LocalAccount', () => {
  it('accepts only the configured name and password', async () => {
    const account = await LocalAccount.create('admin', 'a long local password');
    expect(await account.verify('admin', 'a long local password')).toBe(true);
    expect(await account.verify('admin', 'a long local passworD')).toBe(false);
    expect(await account.verify('root', 'a long local password')).toBe(false);
    expect(await account.verify('', '')).toBe(false);
  });
});
