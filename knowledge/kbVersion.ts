/**
 * KB version: sha256 of a canonical JSON of the content (entries, taxonomy,
 * synonyms, and the asked questions when there are any). Built from parsed values, not file bytes, so comments, key order
 * and formatting do not change it, while any content edit does.
 */
import { createHash } from 'node:crypto';
import type { AskedFile, FaqEntry, SynonymGroup, Taxonomy } from './types.js';

/** Number of hex characters of the version shown to humans (CLI, logs). */
export const SHORT_VERSION_LENGTH = 12;

/** JSON with object keys sorted recursively and undefined members dropped. */
export function canonicalJson(value: unknown): string {
  const keys = new Set<string>();
  const order = collectKeys(value, keys);
  // Data whose objects list their keys sorted already is its own sorted copy; otherwise JSON.stringify writes each
  // object's keys in the order of a key list: given every key sorted, it writes the sorted copies sortKeys would make,
  // without making them (the KB version of 10,000 entries is 22 MB of JSON).
  if (order === 'sorted') return JSON.stringify(value);
  if (order === 'unsorted') return JSON.stringify(value, jsonKeyOrder([...keys]));
  return JSON.stringify(sortKeys(value));
}

/** The definition of canonicalJson, kept for objects that are not plain data (dates, class instances...). */
function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const members = Object.entries(value).filter(([, member]) => member !== undefined);
    members.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return Object.fromEntries(members.map(([key, member]) => [key, sortKeys(member)]));
  }
  return value;
}

type KeyOrder = 'sorted' | 'unsorted' | 'not plain data';

/** Adds the keys of every object in `value`, and says whether each object lists them sorted (and none is an array index). */
function collectKeys(value: unknown, keys: Set<string>): KeyOrder {
  if (typeof value !== 'object' || value === null) return 'sorted';
  let order: KeyOrder = 'sorted';
  if (Array.isArray(value)) {
    for (const item of value) {
      const itemOrder = collectKeys(item, keys);
      if (itemOrder === 'not plain data') return itemOrder;
      if (itemOrder === 'unsorted') order = itemOrder;
    }
    return order;
  }
  const prototype: unknown = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return 'not plain data';
  let previous = '';
  for (const [key, member] of Object.entries(value)) {
    keys.add(key);
    if (key <= previous || ARRAY_INDEX.test(key)) order = 'unsorted';
    previous = key;
    const memberOrder = collectKeys(member, keys);
    if (memberOrder === 'not plain data') return memberOrder;
    if (memberOrder === 'unsorted') order = memberOrder;
  }
  return order;
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
  /** The asked files; a KB without any keeps the version it had before they existed. */
  readonly asked?: readonly AskedFile[];
}): string {
  // The asked questions count, not the file they were read from (nor a file without any).
  const asked = (content.asked ?? [])
    .filter((file) => file.inScope.length + file.outOfScope.length + file.smallTalk.length > 0)
    .map(({ file: _file, ...rest }) => rest);
  const askedJson = asked.length === 0 ? '' : `"asked":${canonicalJson(asked)},`;
  // canonicalJson of {asked?, entries, taxonomy, synonyms}, hashed part by part and entry by entry (the same bytes
  // as the whole text): at 10,000 entries the whole text was 22 MB, encoded to UTF-8 in one piece (0.27 s of `update`).
  const hash = createHash('sha256').update(`{${askedJson}"entries":[`, 'utf8');
  let separator = '';
  for (const { source: _source, ...entry } of content.entries) {
    // `source` says where an entry was read, not what it says: moving an entry must not change the version (nor do the asked files' names).
    hash.update(`${separator}${canonicalJson(entry)}`, 'utf8');
    separator = ',';
  }
  hash.update(`],"synonyms":${canonicalJson(content.synonyms)},"taxonomy":${canonicalJson(content.taxonomy)}}`, 'utf8');
  return hash.digest('hex');
}

export function shortVersion(version: string): string {
  return version.slice(0, SHORT_VERSION_LENGTH);
}
