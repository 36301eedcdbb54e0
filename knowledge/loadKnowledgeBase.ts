/**
 * Reads a KB folder (taxonomy.yaml, synonyms.yaml, entries/*.yaml and, when
 * the folder exists, asked/*.yaml: questions vendors asked, labelled by the
 * FAQ team) and validates it. Invalid content throws KnowledgeBaseError listing every
 * problem; an unreadable folder (other than missing files) throws with cause.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
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
  const { sources, digests } = await readKbFiles(dir, options.cacheDir !== undefined);
  const cache = await ParsedFileCache.open(options.cacheDir, digests);
  const result = validateKnowledgeBase(sources, cache);
  await cache.save();
  if (!result.ok) throw new KnowledgeBaseError(result.problems);
  return result.kb;
}

/** Reads the KB files; missing ones are KB problems (thrown together), other I/O errors are failures. */
export async function readKbSources(dir: string): Promise<KbSources> {
  return (await readKbFiles(dir, false)).sources;
}

/**
 * A file's bytes, decoded only when its text is asked for: a file the loader's
 * cache knows is never decoded (a 10,000-entry KB is 20+ MB of text).
 */
class FileSource implements SourceText {
  private decoded: string | undefined;

  constructor(
    readonly file: string,
    private bytes: Buffer | undefined,
  ) {}

  get text(): string {
    this.decoded ??= this.bytes?.toString('utf8') ?? '';
    this.bytes = undefined;
    return this.decoded;
  }
}

/** The KB sources, and per file path the sha256 of its path and bytes (the loader cache's key; only `forCache`). */
async function readKbFiles(dir: string, forCache: boolean): Promise<{ sources: KbSources; digests: Map<string, string> }> {
  const missing: KbProblem[] = [];
  const digests = new Map<string, string>();
  const read = async (file: string): Promise<SourceText> => {
    try {
      const bytes = await readFile(file);
      if (forCache) digests.set(file, createHash('sha256').update(file).update('\0').update(bytes).digest('hex'));
      return new FileSource(file, bytes);
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
  return { sources: { taxonomy, synonyms, entries, asked }, digests };
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
