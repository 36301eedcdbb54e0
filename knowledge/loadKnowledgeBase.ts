/**
 * Reads a KB folder (taxonomy.yaml, synonyms.yaml, entries/*.yaml) and
 * validates it. Invalid content throws KnowledgeBaseError listing every
 * problem; an unreadable folder (other than missing files) throws with cause.
 */
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
const YAML_FILE = /\.ya?ml$/;

/** Where the loader may keep its cache of parsed files (see ParsedFileCache). */
export interface LoadKnowledgeBaseOptions {
  /** Folder of the cache (the index folder); without it every file is parsed. */
  readonly cacheDir?: string;
}

export async function loadKnowledgeBase(dir: string, options: LoadKnowledgeBaseOptions = {}): Promise<KnowledgeBase> {
  const [sources, cache] = await Promise.all([readKbSources(dir), ParsedFileCache.open(options.cacheDir)]);
  const result = validateKnowledgeBase(sources, cache);
  await cache.save();
  if (!result.ok) throw new KnowledgeBaseError(result.problems);
  return result.kb;
}

/** Reads the KB files; missing ones are KB problems (thrown together), other I/O errors are failures. */
export async function readKbSources(dir: string): Promise<KbSources> {
  const missing: KbProblem[] = [];
  const read = async (file: string): Promise<SourceText> => {
    try {
      return { file, text: await readFile(file, 'utf8') };
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
  if (missing.length > 0) throw new KnowledgeBaseError(missing);
  return { taxonomy, synonyms, entries };
}

function isMissing(error: unknown): boolean {
  return error instanceof Error && 'code' in error && error.code === 'ENOENT';
}
