import { describe, expect, it } from 'vitest';
import { createIdHasher, hashId, HASH_ID_LENGTH } from '../../bot/hashId.js';

describe('hashId', () => {
  it('is a stable salted hex digest of the configured length', () => {
    const hash = hashId('salt', 'user-1');
    expect(hash).toMatch(new RegExp(`^[0-9a-f]{${HASH_ID_LENGTH}}$`));
    expect(hashId('salt', 'user-1')).toBe(hash);
    expect(hashId('other', 'user-1')).not.toBe(hash);
    expect(hashId('salt', 'user-2')).not.toBe(hash);
    expect(hash).not.toContain('user');
  });

  it('binds the salt', () => {
    expect(createIdHasher('s')('id')).toBe(hashId('s', 'id'));
  });
});
