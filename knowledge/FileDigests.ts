import { createHash, randomBytes } from 'node:crypto';
import { readFile, rename, stat, writeFile } from 'node:fs/promises';
import type { BigIntStats } from 'node:fs';
import { join } from 'node:path';
import { isRecord } from './isRecord.js';

/** The file, in the cache folder, where the last load left each KB file's stat and digest. */
export const FILE_DIGESTS_FILE = 'kb-file-digests.json';
const FORMAT = 1;

/**
 * A file whose status changed less than this long before it was read is not remembered: a write in the same tick of
 * the file system's clock (1 s on some, 2 s on FAT) could leave every field of its status as it was.
 */
export const RECENT_CHANGE_MS = 2_000;

/**
 * A file's status: what identifies one state of it without reading it (device, inode, size, and modification and
 * change times in ns, as one string), and the time (ms since the epoch) of its last change, content or metadata.
 */
export interface FileStatus {
  readonly key: string;
  readonly changedMs: number;
}

function statusOf(stats: BigIntStats): FileStatus {
  const key = `${stats.dev}:${stats.ino}:${stats.size}:${stats.mtimeNs}:${stats.ctimeNs}`;
  return { key, changedMs: Number((stats.ctimeNs > stats.mtimeNs ? stats.ctimeNs : stats.mtimeNs) / 1_000_000n) };
}

/** What the record keeps per file path: its status key and its digest. */
type Row = readonly [statusKey: string, digest: string];

/** The loader cache's key for a file: the sha256 of its path and bytes. */
export function fileDigest(file: string, bytes: Buffer): string {
  return createHash('sha256').update(file).update('\0').update(bytes).digest('hex');
}

/**
 * Each KB file's digest, from the last load's record when the file's status is
 * the one recorded then (the quick check of make, rsync and git): an unchanged
 * 10,000-entry KB is then neither read (24 MB) nor hashed at every start. Any
 * write changes the change time (ctime), which no tool can set back, so a file
 * is read again whenever its content may differ. Only files last changed more
 * than RECENT_CHANGE_MS before they were read are remembered (git's "racily
 * clean" entries). A missing or damaged record only costs reading the files.
 */
export class FileDigests {
  private readonly seen = new Map<string, Row>();

  private constructor(
    private readonly file: string | undefined,
    private readonly recorded: ReadonlyMap<string, Row>,
  ) {}

  /** The record of `cacheDir`; without a folder, a record that remembers nothing. */
  static async open(cacheDir: string | undefined): Promise<FileDigests> {
    if (cacheDir === undefined) return new FileDigests(undefined, new Map());
    const file = join(cacheDir, FILE_DIGESTS_FILE);
    try {
      return new FileDigests(file, parseRecord(JSON.parse(await readFile(file, 'utf8'))));
    } catch {
      return new FileDigests(file, new Map());
    }
  }

  /** The digest recorded for `path` in exactly this status; undefined when the file must be read. */
  known(path: string, status: FileStatus): string | undefined {
    const row = this.recorded.get(path);
    if (row === undefined || row[0] !== status.key) return undefined;
    this.seen.set(path, row);
    return row[1];
  }

  /** Remembers `digest` for `path` read in this status, unless it changed too shortly before `readAtMs`. */
  remember(path: string, status: FileStatus, digest: string, readAtMs: number): void {
    if (readAtMs - status.changedMs > RECENT_CHANGE_MS) this.seen.set(path, [status.key, digest]);
  }

  /** Writes what this load saw (files no longer in the KB are dropped). Never throws: the record is optional. */
  async save(): Promise<void> {
    if (this.file === undefined) return;
    const unchanged = this.seen.size === this.recorded.size && [...this.seen].every(([path, row]) => this.recorded.get(path) === row);
    if (unchanged) return;
    try {
      const temporary = `${this.file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
      await writeFile(temporary, JSON.stringify({ format: FORMAT, files: Object.fromEntries(this.seen) }));
      await rename(temporary, this.file);
    } catch {
      // Read-only or vanished folder: the next load reads the files.
    }
  }
}

/** The status of `path` (bigint times: ns precision), taken before its bytes are read. */
export async function readStatus(path: string): Promise<FileStatus> {
  return statusOf(await stat(path, { bigint: true }));
}

function parseRecord(value: unknown): Map<string, Row> {
  const rows = new Map<string, Row>();
  if (!isRecord(value) || value.format !== FORMAT || !isRecord(value.files)) return rows;
  for (const [path, row] of Object.entries(value.files)) {
    if (Array.isArray(row) && row.length === 2 && typeof row[0] === 'string' && typeof row[1] === 'string') rows.set(path, [row[0], row[1]]);
  }
  return rows;
}
