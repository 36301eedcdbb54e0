/**
 * The lexical state file's layout (LexicalStore): a magic string, the header's
 * length and JSON header, then the aligned body (the term dictionary and each
 * view's typed arrays); and how its bytes are read.
 */
import { open } from 'node:fs/promises';
import type { LexicalIndexState } from './LexicalIndex.js';
import type { ViewPostings } from './viewPostings.js';

export const MAGIC = 'FAQLEX';
/**
 * The body starts, and each typed array within it, at a multiple of this: the
 * arrays are then views of the bytes read, not copies (22 MB at 10,000 entries).
 */
const ALIGNMENT = 8;
/** The typed arrays of a view, in file order. */
export const ARRAYS = ['documentLengths', 'documentEntries', 'offsets', 'docs', 'frequencies', 'firstSeen'] as const;

/** What the file header records: what must match for the state to be reused, and the body's layout. */
export interface LexicalHeader {
  readonly formatVersion: number;
  readonly kbVersion: string;
  readonly fingerprint: string;
  readonly entryCount: number;
  readonly termsBytes: number;
  readonly views: readonly { readonly totalLength: number; readonly lengths: readonly number[] }[];
  /** sha256 of the body: a truncated or edited file is rebuilt, never trusted. */
  readonly bodySha256: string;
}

/** A state file's bytes and where its body starts; or why it could not be read. */
export type StateBytes = { readonly ok: true; readonly bytes: Buffer; readonly bodyStart: number } | { readonly ok: false; readonly error: unknown };

/**
 * Reads a state file in libuv's thread pool: started before the KB is loaded (LexicalStore.prefetch), the 22 MB of a
 * 10,000-entry state are read on the other core while the main thread parses the KB. (Its body is hashed on the main
 * thread: WebCrypto's asynchronous digest first copies its input there, which cost more than hashing it.) Never
 * rejects: a failure is the result.
 */
export async function readStateBytes(file: string): Promise<StateBytes> {
  try {
    const bytes = await readAligned(file);
    const headerLength = bytes.length >= MAGIC.length + 4 ? bytes.readUInt32LE(MAGIC.length) : 0;
    return { ok: true, bytes, bodyStart: Math.min(bytes.length, alignUp(MAGIC.length + 4 + headerLength)) };
  } catch (error) {
    return { ok: false, error };
  }
}

/** The state described by `header` from the file body: its arrays are views of `body` (whose start must be aligned). */
export function decode(header: LexicalHeader, body: Buffer): LexicalIndexState {
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

export function alignUp(offset: number): number {
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
