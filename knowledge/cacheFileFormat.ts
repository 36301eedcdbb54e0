/**
 * The loader cache's files (ParsedFileCache): what their folder is keyed by,
 * and how their JSON is written and read back quickly.
 */
import { isAscii } from 'node:buffer';
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { open, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isRecord } from './isRecord.js';

let fingerprint: Promise<string | undefined> | undefined;

/**
 * What a file's validation depends on besides its text: the code of this
 * folder (the validators and types) and the YAML parser's version. Hashing
 * the sources means a new validation rule is never skipped by a stale cache.
 * Undefined when the sources cannot be read (the cache is then not used).
 */
export function validatorFingerprint(): Promise<string | undefined> {
  fingerprint ??= (async () => {
    try {
      const here = fileURLToPath(new URL('.', import.meta.url));
      const names = (await readdir(here)).filter((name) => name.endsWith('.ts')).sort();
      const hash = createHash('sha256');
      for (const name of names) hash.update(name).update(await readFile(join(here, name)));
      const yaml: unknown = createRequire(import.meta.url)('yaml/package.json');
      hash.update(JSON.stringify(isRecord(yaml) ? yaml.version : null));
      return hash.digest('hex').slice(0, 16);
    } catch {
      return undefined;
    }
  })();
  return fingerprint;
}

/** The array field of a cache record written one element per line (an entries file's entries). */
const ROWS_FIELD = 'entries';
/** Written in the first line in place of the rows: how many lines follow. */
const ROW_COUNT_FIELD = 'rowCount';
const NEWLINE = 0x0a;

/**
 * A cache file's text: `content` as ASCII JSON, the elements of its `entries` array (when it has one) each on a line
 * of its own after the rest of the record (JSON escapes line breaks inside strings, so a line is one value).
 * Read back whole by CacheFileReader.
 */
export function cacheFileText(content: unknown): string {
  if (!isRecord(content) || !Array.isArray(content[ROWS_FIELD])) return `${asciiJson(content)}\n`;
  const rows: readonly unknown[] = content[ROWS_FIELD];
  const head = { ...content, [ROWS_FIELD]: undefined, [ROW_COUNT_FIELD]: rows.length };
  return `${[head, ...rows].map(asciiJson).join('\n')}\n`;
}

/**
 * Reads the cache files (cacheFileText) into one buffer reused from file to file, and parses each line apart. At
 * 10,000 entries (27 MB of cache), a fresh buffer per file, decoded into one string per file, had every byte land in
 * memory the process had never touched, twice, before JSON.parse; lines are small strings, made and dropped in the
 * young generation: 290 → 75 ms for reading and parsing them on a machine where first-touched memory is slow.
 */
export class CacheFileReader {
  private buffer = Buffer.allocUnsafeSlow(1 << 16);

  /** The record `file` holds; throws when it cannot be read or parsed, or is truncated. */
  async read(file: string): Promise<unknown> {
    const handle = await open(file, 'r');
    let length = 0;
    try {
      const { size } = await handle.stat();
      if (this.buffer.length < size) this.buffer = Buffer.allocUnsafeSlow(size);
      for (let read = -1; read !== 0 && length < size; length += read) {
        ({ bytesRead: read } = await handle.read(this.buffer, length, size - length, length));
      }
    } finally {
      await handle.close();
    }
    return joinRows(parseLines(this.buffer.subarray(0, length)));
  }
}

/** The JSON value on each line of `bytes`: Latin-1 when they are ASCII (as asciiJson writes them, the fast path), UTF-8 otherwise. */
function parseLines(bytes: Buffer): unknown[] {
  const encoding = isAscii(bytes) ? 'latin1' : 'utf8';
  const values: unknown[] = [];
  for (let start = 0; start < bytes.length; ) {
    const newline = bytes.indexOf(NEWLINE, start);
    const end = newline === -1 ? bytes.length : newline;
    if (end > start) values.push(JSON.parse(bytes.toString(encoding, start, end)));
    start = end + 1;
  }
  return values;
}

/** The record cacheFileText wrote as `lines`. */
function joinRows(lines: readonly unknown[]): unknown {
  const [head, ...rows] = lines;
  if (!isRecord(head) || !(ROW_COUNT_FIELD in head)) {
    if (rows.length > 0) throw new Error('CacheFileReader.read: lines after a record without rows');
    return head;
  }
  if (head[ROW_COUNT_FIELD] !== rows.length) throw new Error(`CacheFileReader.read: ${rows.length} rows, ${String(head[ROW_COUNT_FIELD])} written`);
  const record: Record<string, unknown> = { ...head, [ROWS_FIELD]: rows };
  delete record[ROW_COUNT_FIELD];
  return record;
}

/**
 * `content` as JSON in ASCII only (other characters as \u escapes): decoding a French KB's cache as UTF-8 made V8
 * build two-byte strings slowly (0.26 s for 25 MB at 10,000 entries); ASCII is copied as Latin-1, then parsed (0.16 s).
 */
function asciiJson(content: unknown): string {
  // Per UTF-16 unit: a character outside the BMP becomes its two surrogates' escapes, which JSON.parse joins again.
  return JSON.stringify(content).replace(/[^\t\n\r\u0020-\u007e]/gu, (char) => {
    let escaped = '';
    for (let i = 0; i < char.length; i++) escaped += `\\u${char.charCodeAt(i).toString(16).padStart(4, '0')}`;
    return escaped;
  });
}
