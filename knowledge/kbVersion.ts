/**
 * KB version: sha256 of a canonical JSON of the content (entries, taxonomy,
 * synonyms). Built from parsed values, not file bytes, so comments, key order
 * and formatting do not change it, while any content edit does.
 */
import { createHash } from 'node:crypto';
import type { FaqEntry, SynonymGroup, Taxonomy } from './types.js';

/** Number of hex characters of the version shown to humans (CLI, logs). */
export const SHORT_VERSION_LENGTH = 12;

/** JSON with object keys sorted recursively and undefined members dropped. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const members = Object.entries(value).filter(([, member]) => member !== undefined);
    members.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return Object.fromEntries(members.map(([key, member]) => [key, sortKeys(member)]));
  }
  return value;
}

export function computeKbVersion(content: {
  readonly entries: readonly FaqEntry[];
  readonly taxonomy: Taxonomy;
  readonly synonyms: readonly SynonymGroup[];
}): string {
  // `source` says where an entry was read, not what it says: moving an entry must not change the version.
  const entries = content.entries.map(({ source: _source, ...rest }) => rest);
  const json = canonicalJson({ entries, taxonomy: content.taxonomy, synonyms: content.synonyms });
  return createHash('sha256').update(json, 'utf8').digest('hex');
}

export function shortVersion(version: string): string {
  return version.slice(0, SHORT_VERSION_LENGTH);
}
