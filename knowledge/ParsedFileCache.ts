import { createHash, randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isRecord } from './isRecord.js';
import { validateEntries, type EntriesValidation } from './validateEntries.js';
import type { SourceText } from './yamlSource.js';

/** The cache file inside the cache folder (the index folder, beside the persisted indexes). */
export const KB_CACHE_FILE = 'kb-cache.json';

/** What the cache file holds: per-file validation results and KB versions, under the validator's fingerprint. */
interface CacheFile {
  readonly fingerprint: string;
  /** sha256(file path, text) → what validateEntries returned for it. */
  readonly files: Record<string, EntriesValidation>;
  /** sha256 of every source of a KB → its content version. */
  readonly versions: Record<string, string>;
}

let fingerprint: Promise<string | undefined> | undefined;

/**
 * What a file's validation depends on besides its text: the code of this
 * folder (the validators and types) and the YAML parser's version. Hashing
 * the sources means a new validation rule is never skipped by a stale cache.
 * Undefined when the sources cannot be read (the cache is then not used).
 */
function validatorFingerprint(): Promise<string | undefined> {
  fingerprint ??= (async () => {
    try {
      const here = fileURLToPath(new URL('.', import.meta.url));
      const names = (await readdir(here)).filter((name) => name.endsWith('.ts')).sort();
      const hash = createHash('sha256');
      for (const name of names) hash.update(name).update(await readFile(join(here, name)));
      const yaml: unknown = createRequire(import.meta.url)('yaml/package.json');
      hash.update(JSON.stringify(isRecord(yaml) ? yaml.version : null));
      return hash.digest('hex');
    } catch {
      return undefined;
    }
  })();
  return fingerprint;
}

const sha256 = (...parts: readonly string[]): string => {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part).update('\0');
  return hash.digest('hex');
};

/**
 * Remembers, on disk, what validating each entries file gave, keyed by its
 * path and content hash: a KB of 10,000 entries is re-parsed only where files
 * changed, while the checks across files (duplicates, facets, collisions) run
 * at every load. Validating a file is a pure function of its text, so a hit
 * is exactly what parsing would return. A missing, unreadable or stale cache
 * only costs time; a folder that cannot be written is ignored.
 */
export class ParsedFileCache {
  private readonly used: Record<string, EntriesValidation> = {};
  private readonly usedVersions: Record<string, string> = {};
  private changed = false;

  private constructor(
    private readonly file: string | undefined,
    private readonly key: string,
    private readonly stored: CacheFile,
  ) {}

  /** Opens the cache of `dir`; without a folder (or readable validator sources) it remembers nothing. */
  static async open(dir: string | undefined): Promise<ParsedFileCache> {
    const key = dir === undefined ? undefined : await validatorFingerprint();
    const empty: CacheFile = { fingerprint: key ?? '', files: {}, versions: {} };
    if (dir === undefined || key === undefined) return new ParsedFileCache(undefined, '', empty);
    const file = join(dir, KB_CACHE_FILE);
    try {
      const parsed: unknown = JSON.parse(await readFile(file, 'utf8'));
      if (isCacheFile(parsed) && parsed.fingerprint === key) return new ParsedFileCache(file, key, parsed);
    } catch {
      // Missing or unreadable: start empty.
    }
    return new ParsedFileCache(file, key, empty);
  }

  /** validateEntries(source), from the cache when this exact file was validated before. */
  validateEntries(source: SourceText): EntriesValidation {
    const id = sha256(source.file, source.text);
    const hit = this.stored.files[id];
    if (hit !== undefined) {
      this.used[id] = hit;
      return hit;
    }
    const result = validateEntries(source);
    this.used[id] = result;
    this.changed = true;
    return result;
  }

  /** The KB version of these sources, computed by `compute` unless known. */
  version(sources: readonly SourceText[], compute: () => string): string {
    const id = sha256(...sources.flatMap((source) => [source.file, source.text]));
    const version = this.stored.versions[id] ?? compute();
    if (this.stored.versions[id] === undefined) this.changed = true;
    this.usedVersions[id] = version;
    return version;
  }

  /** Writes what this load used (dropping files that are gone), when anything changed. Never throws: the cache is optional. */
  async save(): Promise<void> {
    if (this.file === undefined || !this.changed) return;
    const temporary = `${this.file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    try {
      await mkdir(join(this.file, '..'), { recursive: true });
      const content: CacheFile = { fingerprint: this.key, files: this.used, versions: this.usedVersions };
      await writeFile(temporary, JSON.stringify(content));
      await rename(temporary, this.file);
    } catch {
      await rm(temporary, { force: true }).catch(() => undefined);
    }
  }
}

function isCacheFile(value: unknown): value is CacheFile {
  return isRecord(value) && typeof value.fingerprint === 'string' && isRecord(value.files) && isRecord(value.versions);
}
