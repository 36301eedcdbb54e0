/**
 * Reads a KB folder (taxonomy.yaml, synonyms.yaml, entries/*.yaml and, when
 * the folder exists, asked/*.yaml: questions vendors asked, labelled by the
 * FAQ team) and validates it. Invalid content throws KnowledgeBaseError listing every
 * problem; an unreadable folder (other than missing files) throws with cause.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { FileDigests, fileDigest, readStatus } from './FileDigests.js';
import { KnowledgeBaseError, type KbProblem } from './KnowledgeBaseError.js';
import { ParsedFileCache } from './ParsedFileCache.js';
import type { KnowledgeBase } from './types.js';
import { validateKnowledgeBase, type KbSources } from './validateKnowledgeBase.js';
import type { SourceText } from './yamlSource.js';

export const TAXONOMY_FILE = 'taxonomy.yaml';
export const SYNONYMS_FILE = 'synonyms.yaml';
export const ENTRIES_DIR = 'entries';
/** Questions vendors asked, labelled with their entry by the FAQ team (optional folder). */
export const ASKED_DIR = 'asked';
const YAML_FILE = /\.ya?ml$/;

/** Where the loader may keep its cache of parsed files (see ParsedFileCache). */
export interface LoadKnowledgeBaseOptions {
  /** Folder of the cache (the index folder); without it every file is parsed. */
  readonly cacheDir?: string;
}

export async function loadKnowledgeBase(dir: string, options: LoadKnowledgeBaseOptions = {}): Promise<KnowledgeBase> {
  const files = options.cacheDir === undefined ? undefined : new KbFileReader(await FileDigests.open(options.cacheDir));
  const sources = await readKbFiles(dir, files);
  const cache = await ParsedFileCache.open(options.cacheDir, files?.digests);
  await files?.readText(cache.needsText(sources));
  const result = validateKnowledgeBase(sources, cache);
  await cache.save();
  await files?.record.save();
  if (!result.ok) throw new KnowledgeBaseError(result.problems);
  return result.kb;
}

/** Reads the KB files; missing ones are KB problems (thrown together), other I/O errors are failures. */
export async function readKbSources(dir: string): Promise<KbSources> {
  return readKbFiles(dir, undefined);
}

/**
 * A file's bytes, decoded only when its text is asked for: a file the loader's
 * cache knows is never decoded (a 10,000-entry KB is 20+ MB of text), nor read
 * when FileDigests knew its digest (KbFileReader.readText reads those the cache
 * cannot answer for, before validation).
 */
class FileSource implements SourceText {
  private decoded: string | undefined;

  constructor(
    readonly file: string,
    private bytes: Buffer | undefined,
  ) {}

  read(bytes: Buffer): void {
    this.bytes = bytes;
  }

  get text(): string {
    if (this.decoded === undefined && this.bytes === undefined) throw new Error(`FileSource.text: ${this.file} was not read`);
    this.decoded ??= this.bytes?.toString('utf8') ?? '';
    this.bytes = undefined;
    return this.decoded;
  }
}

/** Reads KB files for the loader cache: per file path the sha256 of its path and bytes (the cache's key), from FileDigests when it knows it. */
class KbFileReader {
  readonly digests = new Map<string, string>();
  /** Per path, the sources left unread because their digest was known. */
  private readonly unread = new Map<string, FileSource>();

  constructor(readonly record: FileDigests) {}

  /** `file`'s source, unread when its digest is known. Throws as readFile does. */
  async source(file: string): Promise<SourceText> {
    const status = await readStatus(file);
    const known = this.record.known(file, status);
    if (known !== undefined) {
      this.digests.set(file, known);
      const source = new FileSource(file, undefined);
      this.unread.set(file, source);
      return source;
    }
    const readAt = Date.now();
    const bytes = await readFile(file);
    const digest = fileDigest(file, bytes);
    this.digests.set(file, digest);
    this.record.remember(file, status, digest, readAt);
    return new FileSource(file, bytes);
  }

  /** Reads those of `sources` left unread; one that changed since its status was taken gets its new digest. */
  async readText(sources: readonly SourceText[]): Promise<void> {
    for (const { file } of sources) {
      const source = this.unread.get(file);
      if (source === undefined) continue;
      const bytes = await readFile(file).catch((error: unknown) => {
        throw new Error(`loadKnowledgeBase: cannot read ${file}`, { cause: error });
      });
      this.digests.set(file, fileDigest(file, bytes));
      source.read(bytes);
      this.unread.delete(file);
    }
  }
}

/** The KB sources, through `files` when a loader cache is used. */
async function readKbFiles(dir: string, files: KbFileReader | undefined): Promise<KbSources> {
  const missing: KbProblem[] = [];
  const read = async (file: string): Promise<SourceText> => {
    try {
      return files === undefined ? new FileSource(file, await readFile(file)) : await files.source(file);
    } catch (error) {
      if (!isMissing(error)) throw new Error(`loadKnowledgeBase: cannot read ${file}`, { cause: error });
      missing.push({ file, line: 1, column: 1, message: 'file not found' });
      return { file, text: '' };
    }
  };
  const entriesDir = path.join(dir, ENTRIES_DIR);
  let names: string[] = [];
  try {
    names = (await readdir(entriesDir)).filter((name) => YAML_FILE.test(name)).sort();
  } catch (error) {
    if (!isMissing(error)) throw new Error(`loadKnowledgeBase: cannot list ${entriesDir}`, { cause: error });
    missing.push({ file: entriesDir, line: 1, column: 1, message: 'folder not found' });
  }
  if (names.length === 0 && missing.length === 0) {
    missing.push({ file: entriesDir, line: 1, column: 1, message: 'no *.yaml entry file in this folder' });
  }
  const taxonomy = await read(path.join(dir, TAXONOMY_FILE));
  const synonyms = await read(path.join(dir, SYNONYMS_FILE));
  const entries = await Promise.all(names.map((name) => read(path.join(entriesDir, name))));
  const askedDir = path.join(dir, ASKED_DIR);
  const asked = await Promise.all((await yamlFilesIn(askedDir)).map((name) => read(path.join(askedDir, name))));
  if (missing.length > 0) throw new KnowledgeBaseError(missing);
  return { taxonomy, synonyms, entries, asked };
}

/** The *.yaml files of an optional folder, sorted; none when it does not exist. */
async function yamlFilesIn(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir)).filter((name) => YAML_FILE.test(name)).sort();
  } catch (error) {
    if (isMissing(error)) return [];
    throw new Error(`loadKnowledgeBase: cannot list ${dir}`, { cause: error });
  }
}

function isMissing(error: unknown): boolean {
  return error instanceof Error && 'code' in error && error.code === 'ENOENT';
}
