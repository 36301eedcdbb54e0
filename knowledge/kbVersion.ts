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
  const parts: string[] = [];
  return writeCanonical(value, parts) ? parts.join('') : JSON.stringify(sortKeys(value));
}

/** The definition of canonicalJson, for values holding what JSON drops or rejects (functions, symbols, bigints). */
function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const members = Object.entries(value).filter(([, member]) => member !== undefined);
    members.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return Object.fromEntries(members.map(([key, member]) => [key, sortKeys(member)]));
  }
  return value;
}

/**
 * Appends the canonical JSON of JSON-like data (strings, numbers, booleans,
 * null, arrays, objects) to `parts`, without the sorted copies sortKeys makes:
 * the KB version of 10,000 entries hashes 25 MB of it. False, leaving `parts`
 * partial, for any other value. `omit` is a member left out of this object.
 */
function writeCanonical(value: unknown, parts: string[], omit?: string): boolean {
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
    parts.push(JSON.stringify(value));
    return true;
  }
  if (typeof value !== 'object') return false;
  if (value === null) {
    parts.push('null');
    return true;
  }
  if (Array.isArray(value)) {
    parts.push('[');
    for (let i = 0; i < value.length; i++) {
      if (i > 0) parts.push(',');
      const item: unknown = value[i];
      if (item === undefined) parts.push('null');
      else if (!writeCanonical(item, parts)) return false;
    }
    parts.push(']');
    return true;
  }
  const record = value as Record<string, unknown>;
  const keys = jsonKeyOrder(Object.keys(record).filter((key) => key !== omit && record[key] !== undefined));
  parts.push('{');
  for (let i = 0; i < keys.length; i++) {
    parts.push(i === 0 ? `${JSON.stringify(keys[i])}:` : `,${JSON.stringify(keys[i])}:`);
    if (!writeCanonical(record[keys[i]], parts)) return false;
  }
  parts.push('}');
  return true;
}

const ARRAY_INDEX = /^(?:0|[1-9][0-9]*)$/;

/** Keys sorted, in the order an object built from them in that order lists them: array indexes first, by value. */
function jsonKeyOrder(keys: string[]): string[] {
  keys.sort();
  const indexes = keys.filter((key) => ARRAY_INDEX.test(key) && Number(key) < 2 ** 32 - 1);
  if (indexes.length === 0) return keys;
  return [...indexes.sort((a, b) => Number(a) - Number(b)), ...keys.filter((key) => !indexes.includes(key))];
}

export function computeKbVersion(content: {
  readonly entries: readonly FaqEntry[];
  readonly taxonomy: Taxonomy;
  readonly synonyms: readonly SynonymGroup[];
}): string {
  // `source` says where an entry was read, not what it says: moving an entry must not change the version.
  const parts = ['{"entries":['];
  let plain = true;
  content.entries.forEach((entry, index) => {
    if (index > 0) parts.push(',');
    plain &&= writeCanonical(entry, parts, 'source');
  });
  parts.push('],"synonyms":');
  plain &&= writeCanonical(content.synonyms, parts);
  parts.push(',"taxonomy":');
  plain &&= writeCanonical(content.taxonomy, parts);
  parts.push('}');
  const json = plain ? parts.join('') : canonicalJson({ ...content, entries: content.entries.map(({ source: _source, ...rest }) => rest) });
  return createHash('sha256').update(json, 'utf8').digest('hex');
}

export function shortVersion(version: string): string {
  return version.slice(0, SHORT_VERSION_LENGTH);
}
