/**
 * The loader cache's files (ParsedFileCache): what their folder is keyed by,
 * and how their JSON is written and read back quickly.
 */
import { isAscii } from 'node:buffer';
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { readdir, readFile } from 'node:fs/promises';
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

/**
 * `content` as JSON in ASCII only (other characters as \u escapes): decoding a French KB's cache as UTF-8 made V8
 * build two-byte strings slowly (0.26 s for 25 MB at 10,000 entries); ASCII is copied as Latin-1, then parsed (0.16 s).
 */
export function asciiJson(content: unknown): string {
  // Per UTF-16 unit: a character outside the BMP becomes its two surrogates' escapes, which JSON.parse joins again.
  return JSON.stringify(content).replace(/[^\t\n\r\u0020-\u007e]/gu, (char) => {
    let escaped = '';
    for (let i = 0; i < char.length; i++) escaped += `\\u${char.charCodeAt(i).toString(16).padStart(4, '0')}`;
    return escaped;
  });
}

/** A cache file's text: Latin-1 when it is ASCII (as asciiJson writes it, the fast path), UTF-8 otherwise. */
export function decodeCacheFile(bytes: Buffer): string {
  return isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8');
}
