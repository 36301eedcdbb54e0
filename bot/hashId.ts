import { createHash } from 'node:crypto';

/** Hex characters kept: 128 bits are plenty to tell users apart and short enough for logs. */
export const HASH_ID_LENGTH = 32;

/**
 * Salted sha256 of an identifier (user, conversation), truncated to
 * `HASH_ID_LENGTH` hex characters. Raw ids never reach logs or stored feedback.
 */
export function hashId(salt: string, id: string): string {
  return createHash('sha256').update(salt).update('\u0000').update(id).digest('hex').slice(0, HASH_ID_LENGTH);
}

/** The one-argument form the bot receives, with the salt of the configuration bound. */
export type IdHasher = (id: string) => string;

export function createIdHasher(salt: string): IdHasher {
  return (id: string) => hashId(salt, id);
}
