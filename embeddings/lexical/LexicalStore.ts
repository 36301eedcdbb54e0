import { createHash, randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FaqEntry } from '../../knowledge/index.js';
import type { TextAnalyzer } from './frenchAnalyzer.js';
import { LexicalIndex, type LexicalIndexState } from './LexicalIndex.js';
import { buildLexicalIndex } from './lexicalViews.js';
import { ARRAYS, MAGIC, alignUp, decode, readStateBytes, type LexicalHeader, type StateBytes } from './stateFile.js';

/** Bump when the file layout changes (the analysis code is fingerprinted on its own, see analysisFingerprint). */
export const LEXICAL_FORMAT_VERSION = 2;
export const LEXICAL_STATE_FILE = 'lexical.bin';

/** The lexical index ready for queries, and whether it was analysed again (and why). */
export interface LoadedLexicalIndex {
  readonly index: LexicalIndex;
  readonly rebuilt: boolean;
  readonly reason: string;
}

/** Where the state lives and what it must match. */
export interface LexicalStoreOptions {
  /** Folder of the persisted state (created when missing), beside the vector indexes. */
  readonly dir: string;
  readonly kbVersion: string;
  readonly entries: readonly FaqEntry[];
  readonly analyzer: TextAnalyzer;
}

let fingerprint: Promise<string | undefined> | undefined;
/** State files whose reading LexicalStore.prefetch started, until `read` takes them. */
const prefetched = new Map<string, Promise<StateBytes>>();

/**
 * What the analysed state depends on besides the KB: the code of this folder
 * (analyser, views, index layout), the text folding it uses and the stemmer's
 * package version. Hashing the sources means a change of analysis can never
 * be served a stale state, without anyone remembering to bump a number.
 * Undefined when the sources cannot be read (then nothing is persisted).
 */
export function analysisFingerprint(): Promise<string | undefined> {
  fingerprint ??= (async () => {
    try {
      const here = fileURLToPath(new URL('.', import.meta.url));
      const files = (await readdir(here)).filter((name) => name.endsWith('.ts')).sort().map((name) => join(here, name));
      files.push(fileURLToPath(new URL('../../knowledge/foldText.ts', import.meta.url)));
      const hash = createHash('sha256').update(`format ${LEXICAL_FORMAT_VERSION}\n`);
      for (const file of files) hash.update(file.slice(here.length)).update(await readFile(file));
      const natural: unknown = createRequire(import.meta.url)('natural/package.json');
      hash.update(JSON.stringify(natural !== null && typeof natural === 'object' && 'version' in natural ? natural.version : null));
      return hash.digest('hex');
    } catch {
      return undefined;
    }
  })();
  return fingerprint;
}

/**
 * Persists the analysed KB (the lexical index's typed arrays and dictionary)
 * in one binary file keyed by the KB content hash and the analysis code, so a
 * restart reads it instead of analysing every entry again. Losing it only
 * costs time: unreadable, stale or corrupt states are rebuilt, and a folder
 * that cannot be written leaves the index in memory (lexical mode never
 * needed a writable disk).
 */
export class LexicalStore {
  static async loadOrBuild(options: LexicalStoreOptions): Promise<LoadedLexicalIndex> {
    const file = join(options.dir, LEXICAL_STATE_FILE);
    const key = await analysisFingerprint();
    if (key === undefined) {
      return { index: buildLexicalIndex(options.entries, options.analyzer), rebuilt: true, reason: 'analysis sources unreadable: not persisted' };
    }
    const reused = await LexicalStore.read(file, options.kbVersion, key, options.entries.length);
    if (reused.ok) return { index: reused.index, rebuilt: false, reason: 'state matches the KB version' };
    const index = buildLexicalIndex(options.entries, options.analyzer);
    try {
      await LexicalStore.write(options.dir, index.state, options.kbVersion, key);
      return { index, rebuilt: true, reason: reused.reason };
    } catch (error) {
      return { index, rebuilt: true, reason: `${reused.reason}; not saved (${error instanceof Error ? error.message : String(error)})` };
    }
  }

  /**
   * Starts reading the state file of `dir` in the thread pool, for the `read` that follows the
   * KB's load: what the server does first at start, since the file's name does not depend on the KB. Nothing need
   * wait for the returned promise.
   */
  static prefetch(dir: string): Promise<void> {
    const file = join(dir, LEXICAL_STATE_FILE);
    const reading = prefetched.get(file) ?? readStateBytes(file);
    prefetched.set(file, reading);
    // Settles when the bytes are read; never rejects (a failure is for `read` to report).
    return reading.then(() => undefined);
  }

  /** Reads a state file (the bytes prefetched, if they were); any mismatch or damage gives the reason instead. */
  static async read(
    file: string,
    kbVersion: string,
    key: string,
    entryCount: number,
  ): Promise<{ ok: true; index: LexicalIndex } | { ok: false; reason: string }> {
    const read = await (prefetched.get(file) ?? readStateBytes(file));
    prefetched.delete(file);
    if (!read.ok) {
      const { error } = read;
      const missing = error instanceof Error && 'code' in error && error.code === 'ENOENT';
      return { ok: false, reason: missing ? 'no saved lexical state' : `lexical state unreadable (${String(error)})` };
    }
    const { bytes, bodyStart } = read;
    try {
      if (bytes.toString('latin1', 0, MAGIC.length) !== MAGIC) return { ok: false, reason: 'not a lexical state file' };
      const header = JSON.parse(bytes.toString('utf8', MAGIC.length + 4, bodyStart)) as LexicalHeader;
      if (header.formatVersion !== LEXICAL_FORMAT_VERSION) return { ok: false, reason: 'lexical state format changed' };
      if (header.kbVersion !== kbVersion) return { ok: false, reason: 'KB changed since the lexical state was saved' };
      if (header.fingerprint !== key) return { ok: false, reason: 'analysis code changed since the lexical state was saved' };
      if (header.entryCount !== entryCount) return { ok: false, reason: 'lexical state holds another number of entries' };
      const body = bytes.subarray(bodyStart);
      if (createHash('sha256').update(body).digest('hex') !== header.bodySha256) return { ok: false, reason: 'lexical state file is damaged' };
      return { ok: true, index: LexicalIndex.fromState(decode(header, body)) };
    } catch (error) {
      return { ok: false, reason: `lexical state unreadable (${error instanceof Error ? error.message : String(error)})` };
    }
  }

  /** Writes the state atomically (temporary file, then rename), so a crash never leaves half a file under the real name. */
  static async write(dir: string, state: LexicalIndexState, kbVersion: string, key: string): Promise<void> {
    const terms = Buffer.from(state.terms.join('\n'), 'utf8');
    const parts: Buffer[] = [terms, Buffer.alloc(alignUp(terms.length) - terms.length)];
    const views = state.views.map((view) => {
      const arrays = ARRAYS.map((name) => view[name]);
      for (const array of arrays) parts.push(Buffer.from(array.buffer, array.byteOffset, array.byteLength));
      return { totalLength: view.totalLength, lengths: arrays.map((array) => array.length) };
    });
    const body = Buffer.concat(parts);
    const header: LexicalHeader = {
      formatVersion: LEXICAL_FORMAT_VERSION,
      kbVersion,
      fingerprint: key,
      entryCount: state.entryCount,
      termsBytes: terms.length,
      views,
      bodySha256: createHash('sha256').update(body).digest('hex'),
    };
    // Trailing spaces align the body (JSON.parse ignores them).
    const json = JSON.stringify(header);
    const headerBytes = Buffer.from(json.padEnd(alignUp(MAGIC.length + 4 + Buffer.byteLength(json)) - MAGIC.length - 4), 'utf8');
    const prefix = Buffer.alloc(MAGIC.length + 4);
    prefix.write(MAGIC, 0, 'latin1');
    prefix.writeUInt32LE(headerBytes.length, MAGIC.length);
    await mkdir(dir, { recursive: true });
    const file = join(dir, LEXICAL_STATE_FILE);
    const temporary = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    try {
      await writeFile(temporary, Buffer.concat([prefix, headerBytes, body]));
      await rename(temporary, file);
    } finally {
      await rm(temporary, { force: true });
    }
  }
}



