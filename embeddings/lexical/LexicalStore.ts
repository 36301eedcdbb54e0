import { createHash, randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { mkdir, open, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FaqEntry } from '../../knowledge/index.js';
import type { TextAnalyzer } from './frenchAnalyzer.js';
import { LexicalIndex, type LexicalIndexState } from './LexicalIndex.js';
import type { ViewPostings } from './viewPostings.js';
import { buildLexicalIndex } from './lexicalViews.js';

/** Bump when the file layout changes (the analysis code is fingerprinted on its own, see analysisFingerprint). */
export const LEXICAL_FORMAT_VERSION = 2;
export const LEXICAL_STATE_FILE = 'lexical.bin';
const MAGIC = 'FAQLEX';
/**
 * The body starts, and each typed array within it, at a multiple of this: the
 * arrays are then views of the bytes read, not copies (22 MB at 10,000 entries).
 */
const ALIGNMENT = 8;
/** The typed arrays of a view, in file order. */
const ARRAYS = ['documentLengths', 'documentEntries', 'offsets', 'docs', 'frequencies', 'firstSeen'] as const;

/** What the file header records: what must match for the state to be reused, and the body's layout. */
interface LexicalHeader {
  readonly formatVersion: number;
  readonly kbVersion: string;
  readonly fingerprint: string;
  readonly entryCount: number;
  readonly termsBytes: number;
  readonly views: readonly { readonly totalLength: number; readonly lengths: readonly number[] }[];
  /** sha256 of the body: a truncated or edited file is rebuilt, never trusted. */
  readonly bodySha256: string;
}

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

  /** Reads a state file; any mismatch or damage gives the reason instead. */
  static async read(
    file: string,
    kbVersion: string,
    key: string,
    entryCount: number,
  ): Promise<{ ok: true; index: LexicalIndex } | { ok: false; reason: string }> {
    let bytes: Buffer;
    try {
      bytes = await readAligned(file);
    } catch (error) {
      const missing = error instanceof Error && 'code' in error && error.code === 'ENOENT';
      return { ok: false, reason: missing ? 'no saved lexical state' : `lexical state unreadable (${String(error)})` };
    }
    try {
      const headerLength = bytes.readUInt32LE(MAGIC.length);
      if (bytes.toString('latin1', 0, MAGIC.length) !== MAGIC) return { ok: false, reason: 'not a lexical state file' };
      const bodyStart = alignUp(MAGIC.length + 4 + headerLength);
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

/** The state described by `header` from the file body: its arrays are views of `body` (whose start must be aligned). */
function decode(header: LexicalHeader, body: Buffer): LexicalIndexState {
  if (body.byteOffset % ALIGNMENT !== 0) throw new Error('lexical state body is not aligned');
  let at = alignUp(header.termsBytes);
  const termsText = body.toString('utf8', 0, header.termsBytes);
  const terms = termsText === '' ? [] : termsText.split('\n');
  const views = header.views.map(({ totalLength, lengths }): ViewPostings => {
    const arrays = lengths.map((length) => {
      const bytes = length * Uint32Array.BYTES_PER_ELEMENT;
      if (at + bytes > body.length) throw new Error('lexical state is shorter than its header says');
      const array = new Uint32Array(body.buffer, body.byteOffset + at, length);
      at += bytes;
      return array;
    });
    if (arrays.length !== ARRAYS.length) throw new Error('lexical state view has the wrong number of arrays');
    const [documentLengths, documentEntries, offsets, docs, frequencies, firstSeen] = arrays;
    return { totalLength, documentLengths, documentEntries, offsets, docs, frequencies, firstSeen };
  });
  return { entryCount: header.entryCount, terms, views };
}

function alignUp(offset: number): number {
  return Math.ceil(offset / ALIGNMENT) * ALIGNMENT;
}

/** The file's bytes in memory of their own (a Buffer from readFile may sit at any offset of a shared pool). */
async function readAligned(file: string): Promise<Buffer> {
  const handle = await open(file, 'r');
  try {
    const { size } = await handle.stat();
    const bytes = Buffer.from(new ArrayBuffer(size));
    let at = 0;
    while (at < size) {
      const { bytesRead } = await handle.read(bytes, at, size - at, at);
      if (bytesRead === 0) break;
      at += bytesRead;
    }
    return bytes.subarray(0, at);
  } finally {
    await handle.close();
  }
}
