import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CacheFileReader, cacheFileText, validatorFingerprint } from './cacheFileFormat.js';
import { fromCache, isCachedAsked, isCachedFile, isWholeRecord, positionsOf, type CachedAsked, type CachedFile, type WholeRecord } from './cacheRecords.js';
import type { FaqEntry } from './types.js';
import { validateAsked, type AskedValidation } from './validateAsked.js';
import { validateEntries, type EntriesValidation } from './validateEntries.js';
import type { KbSources, ValidatedBefore, ValidatedParts } from './validateKnowledgeBase.js';
import type { SourceText } from './yamlSource.js';

/** The cache folder inside the cache directory (the index folder, beside the persisted indexes). */
export const KB_CACHE_DIR = 'kb-cache';

/**
 * Remembers, on disk, what validating each entries file (and each asked
 * file) gave, keyed by its path and content hash (one small file each): a KB of 10,000 entries is
 * re-parsed only where files changed, and the checks across files
 * (duplicates, facets, collisions) run again whenever any file changed (a
 * whole-KB record, keyed by every file's digest, says they passed). Validating a file is a
 * pure function of its text, so a hit is exactly what parsing would return.
 * Files with problems are not cached (they are parsed again to be reported).
 * A missing, unreadable or stale cache only costs time; a folder that cannot
 * be written is ignored.
 */
export class ParsedFileCache {
  /** What this load learnt: cache file id → its content. */
  private readonly fresh = new Map<string, unknown>();
  private readonly used = new Set<string>();
  /** The last sources validatedBefore found validated whole, and what it returned. */
  private before: { readonly sources: KbSources; readonly result: ValidatedBefore } | undefined;

  private constructor(
    /** Folder of this validator version's cache files; undefined: remember nothing. */
    private readonly dir: string | undefined,
    /** Per file path: sha256 of its path and bytes, as read by the loader. */
    private readonly digests: ReadonlyMap<string, string>,
    /** The cache files found for these digests (and the version file), parsed. */
    private readonly stored: ReadonlyMap<string, unknown>,
  ) {}

  /**
   * The cache of `dir` for the files whose `digests` the loader computed
   * (their cache files are read now); without a folder (or
   * readable validator sources) it remembers nothing.
   */
  static async open(dir: string | undefined, digests: ReadonlyMap<string, string> = new Map()): Promise<ParsedFileCache> {
    const key = dir === undefined ? undefined : await validatorFingerprint();
    if (dir === undefined || key === undefined) return new ParsedFileCache(undefined, digests, new Map());
    const folder = join(dir, KB_CACHE_DIR, key);
    const ids = [...digests.values(), versionId([...digests.values()])];
    const stored = new Map<string, unknown>();
    // One file at a time through one buffer: at 10,000 entries (27 MB of cache) reading them all in parallel with an
    // encoding (chunks through a StringDecoder, every file's strings alive at once) took about twice as long.
    const reader = new CacheFileReader();
    for (const id of ids) {
      try {
        stored.set(id, await reader.read(join(folder, `${id}.json`)));
      } catch {
        // Not cached yet (or unreadable): parsed again.
      }
    }
    return new ParsedFileCache(folder, digests, stored);
  }

  /** validateEntries(source), from the cache when this exact file was validated before. */
  validateEntries(source: SourceText): EntriesValidation {
    const id = this.digests.get(source.file);
    if (this.dir !== undefined && id !== undefined) {
      this.used.add(id);
      const hit = fromCache(this.stored.get(id), source.file);
      if (hit !== undefined) return hit;
    }
    const result = validateEntries(source);
    const entries = result.drafts.map((draft) => draft.entry).filter((entry): entry is FaqEntry => entry !== undefined);
    if (id !== undefined && result.problems.length === 0 && entries.length === result.drafts.length) {
      const cached: CachedFile = { file: source.file, entries, positions: result.drafts.map(positionsOf) };
      this.fresh.set(id, cached);
    }
    return result;
  }

  /** validateAsked(source), from the cache when this exact file was validated before without problems. */
  validateAsked(source: SourceText): AskedValidation {
    const id = this.digests.get(source.file);
    if (this.dir !== undefined && id !== undefined) {
      this.used.add(id);
      const hit = this.stored.get(id);
      if (isCachedAsked(hit) && hit.asked.file === source.file) {
        return { asked: hit.asked, labels: hit.labels.map((label) => ({ ...label, file: source.file })), problems: [] };
      }
    }
    const result = validateAsked(source);
    if (id !== undefined && result.asked !== undefined && result.problems.length === 0) {
      const cached: CachedAsked = { asked: result.asked, labels: result.labels.map(({ value, line, column, field }) => ({ value, line, column, field })) };
      this.fresh.set(id, cached);
    }
    return result;
  }

  /** The KB version of these sources, computed by `compute` unless known; remembered with the KB's `parts`. */
  version(sources: readonly SourceText[], compute: () => string, parts: ValidatedParts): string {
    const digests = sources.map((source) => this.digests.get(source.file));
    if (this.dir === undefined || digests.length !== this.digests.size || digests.some((digest) => digest === undefined)) return compute();
    const id = versionId([...this.digests.values()]);
    this.used.add(id);
    const known = this.stored.get(id);
    if (isWholeRecord(known)) return known.version;
    const version = compute();
    // Only asked once every check passed: the record also says these sources are valid whole (see validatedBefore).
    const whole: WholeRecord = { version, valid: true, taxonomy: parts.taxonomy, synonyms: parts.synonyms };
    this.fresh.set(id, whole);
    return version;
  }

  /**
   * The sources validating these will read the text of: none when the KB was validated whole before; otherwise the
   * taxonomy, the synonyms and every file the cache holds no validation of. (The loader reads only these, when it
   * took the others' digests from FileDigests.)
   */
  needsText(sources: KbSources): SourceText[] {
    const record = (source: SourceText): unknown => (this.dir === undefined ? undefined : this.stored.get(this.digests.get(source.file) ?? ''));
    // The same tests as validateAsked and validateEntries make before they take a record; the entries' (which rebuild
    // every draft) only when the KB was not validated whole before.
    const askedToRead = (sources.asked ?? []).filter((source) => {
      const cached = record(source);
      return !(isCachedAsked(cached) && cached.asked.file === source.file);
    });
    if (askedToRead.length === 0 && this.validatedBefore(sources) !== undefined) return [];
    const entriesToRead = sources.entries.filter((source) => fromCache(record(source), source.file) === undefined);
    return [sources.taxonomy, sources.synonyms, ...entriesToRead, ...askedToRead];
  }

  /** See FileValidator.validatedBefore: every file's validation and the whole KB's are in the cache. */
  validatedBefore(sources: KbSources): ValidatedBefore | undefined {
    // Asked by the loader (needsText) and then by the validation, for the same sources and digests.
    if (this.before?.sources === sources) return this.before.result;
    const all = [sources.taxonomy, sources.synonyms, ...sources.entries, ...(sources.asked ?? [])];
    if (this.dir === undefined || all.length !== this.digests.size || all.some((source) => !this.digests.has(source.file))) return undefined;
    const wholeId = versionId([...this.digests.values()]);
    const whole = this.stored.get(wholeId);
    if (!isWholeRecord(whole)) return undefined;
    const entries: FaqEntry[] = [];
    const ids: string[] = [];
    for (const source of sources.entries) {
      const id = this.digests.get(source.file) ?? '';
      const cached = this.stored.get(id);
      if (!isCachedFile(cached) || cached.file !== source.file) return undefined;
      entries.push(...cached.entries);
      ids.push(id);
    }
    for (const id of [...ids, wholeId]) this.used.add(id);
    const result = { entries, version: whole.version, taxonomy: whole.taxonomy, synonyms: whole.synonyms };
    this.before = { sources, result };
    return result;
  }

  /** Writes the new files, and removes the cache files this load did not use. Never throws: the cache is optional. */
  async save(): Promise<void> {
    const dir = this.dir;
    if (dir === undefined) return;
    try {
      await mkdir(dir, { recursive: true });
      for (const [id, content] of this.fresh) {
        const temporary = join(dir, `${id}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
        await writeFile(temporary, cacheFileText(content));
        await rename(temporary, join(dir, `${id}.json`));
      }
      const parent = join(dir, '..');
      for (const name of await readdir(parent)) if (join(parent, name) !== dir) await rm(join(parent, name), { recursive: true, force: true });
      for (const name of await readdir(dir)) if (!this.used.has(name.replace(/\.json$/, ''))) await rm(join(dir, name), { force: true });
    } catch {
      // Read-only or vanished folder: the next load parses again.
    }
  }
}

/** The cache file id of the KB version of the sources with these digests (each digest covers a path and its bytes). */
function versionId(digests: readonly string[]): string {
  return `version-${createHash('sha256').update([...digests].sort().join(',')).digest('hex')}`;
}
