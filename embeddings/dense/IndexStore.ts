import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isRecord } from '../../knowledge/index.js';
import type { EmbeddingProvider } from './EmbeddingProvider.js';
import { DEFAULT_HNSW_PARAMS, HnswVectorIndex } from './HnswVectorIndex.js';
import type { HnswParams } from './HnswVectorIndex.js';
import type { VectorIndex } from './VectorIndex.js';

/** Bump when the files' layout or meaning changes: older folders are then rebuilt. */
export const INDEX_FORMAT_VERSION = 1;
/** Texts per `embed` call while building: large enough to batch, small enough for steady progress. */
export const EMBED_BATCH_SIZE = 32;
export const MANIFEST_FILE = 'manifest.json';
export const LABELS_FILE = 'labels.json';
export const HNSW_FILE = 'index.hnsw';

/** One indexed text; its label in the vector index is its position in the documents list. */
export interface IndexDocument {
  readonly entryId: string;
  readonly text: string;
  readonly kind: 'question' | 'alternate' | 'answer';
}

/** What `manifest.json` records: everything that must match for a saved index to be reused. */
export interface IndexManifest {
  readonly formatVersion: number;
  readonly provider: string;
  readonly model: string;
  readonly dimension: number;
  readonly kbVersion: string;
  readonly hnsw: HnswParams;
  readonly count: number;
  readonly createdAt: string;
  /** sha256 of the documents (entry, kind, text): catches a change in how documents are derived from the KB. */
  readonly documentsSha256: string;
  /** sha256 of the index and labels files: a truncated or edited file is rebuilt, never fed to hnswlib. */
  readonly files: { readonly index: string; readonly labels: string };
}

/** How the store creates and reads vector indexes; tests may swap in an in-memory one. */
export interface VectorIndexBackend {
  create(dimension: number, maxElements: number, params: HnswParams): Promise<VectorIndex>;
  load(file: string, dimension: number, params: HnswParams): Promise<VectorIndex>;
}

export const HNSW_BACKEND: VectorIndexBackend = {
  create: (dimension, maxElements, params) => HnswVectorIndex.create({ dimension, maxElements, params }),
  load: (file, dimension, params) => HnswVectorIndex.load(file, dimension, { efSearch: params.efSearch }),
};

/** What a saved index must match to be reused, and what to embed when it does not. */
export interface LoadOrBuildOptions {
  /** Folder of the saved index, created when missing. */
  readonly dir: string;
  readonly provider: EmbeddingProvider;
  readonly kbVersion: string;
  readonly documents: readonly IndexDocument[];
  /** Called after each embedded batch while building. */
  readonly onProgress?: (done: number, total: number) => void;
  readonly params?: HnswParams;
  readonly backend?: VectorIndexBackend;
}

/** A usable vector index with its labels, and whether it had to be rebuilt. */
export interface LoadedIndex {
  readonly index: VectorIndex;
  /** Label → document. */
  readonly labels: readonly IndexDocument[];
  readonly rebuilt: boolean;
  /** Why the index was loaded or rebuilt, for logs. */
  readonly reason: string;
}

/** Reading a saved index: either it is usable or the reason it is not. */
type Reuse = { readonly ok: true; readonly result: LoadedIndex } | { readonly ok: false; readonly reason: string };

const sha256 = (data: string | Buffer): string => createHash('sha256').update(data).digest('hex');

/** Persists a vector index with its labels and a manifest, and reuses it while nothing it depends on has changed. */
export class IndexStore {
  /** Loads the saved index when its manifest matches; otherwise embeds the documents, builds, saves and returns a new one. */
  static async loadOrBuild(options: LoadOrBuildOptions): Promise<LoadedIndex> {
    const expected = expectedManifest(options);
    const reuse = await tryReuse(options, expected);
    if (reuse.ok) return reuse.result;
    const index = await build(options, expected.hnsw);
    await IndexStore.save(options.dir, index, options.documents, expected);
    return { index, labels: options.documents, rebuilt: true, reason: reuse.reason };
  }

  /** Reads and checks `manifest.json`; a missing or malformed one gives the reason instead. */
  static async readManifest(dir: string): Promise<{ ok: true; manifest: IndexManifest } | { ok: false; reason: string }> {
    let text: string;
    try {
      text = await readFile(join(dir, MANIFEST_FILE), 'utf8');
    } catch (error) {
      const missing = error instanceof Error && 'code' in error && error.code === 'ENOENT';
      return { ok: false, reason: missing ? 'no saved index' : `manifest unreadable (${String(error)})` };
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      return { ok: false, reason: `manifest is not valid JSON (${String(error)})` };
    }
    return isManifest(parsed) ? { ok: true, manifest: parsed } : { ok: false, reason: 'manifest has missing or malformed fields' };
  }

  /**
   * Writes the index, labels and manifest. The old manifest goes first and the
   * new one last, so an interrupted save leaves a folder that is rebuilt, not misread.
   */
  static async save(
    dir: string,
    index: VectorIndex,
    documents: readonly IndexDocument[],
    base: Omit<IndexManifest, 'files' | 'createdAt' | 'count'>,
  ): Promise<IndexManifest> {
    try {
      await mkdir(dir, { recursive: true });
      await rm(join(dir, MANIFEST_FILE), { force: true });
      const indexTmp = join(dir, `${HNSW_FILE}.tmp`);
      await index.save(indexTmp);
      await rename(indexTmp, join(dir, HNSW_FILE));
      const labelsText = JSON.stringify(documents, null, 1);
      await writeAtomically(join(dir, LABELS_FILE), labelsText);
      const manifest: IndexManifest = {
        ...base,
        count: index.size,
        createdAt: new Date().toISOString(),
        files: { index: sha256(await readFile(join(dir, HNSW_FILE))), labels: sha256(labelsText) },
      };
      await writeAtomically(join(dir, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
      return manifest;
    } catch (cause) {
      throw new Error(`IndexStore.save: cannot write the index to ${dir}; set INDEX_DIR to a writable folder`, { cause });
    }
  }
}

function expectedManifest(options: LoadOrBuildOptions): Omit<IndexManifest, 'files' | 'createdAt' | 'count'> {
  const { provider } = options;
  return {
    formatVersion: INDEX_FORMAT_VERSION,
    provider: provider.name,
    model: provider.model,
    dimension: provider.dimension,
    kbVersion: options.kbVersion,
    hnsw: options.params ?? DEFAULT_HNSW_PARAMS,
    documentsSha256: sha256(JSON.stringify(options.documents.map(({ entryId, kind, text }) => [entryId, kind, text]))),
  };
}

/** The first manifest field that differs from what is expected, as a reason; undefined when all match. */
function mismatch(found: IndexManifest, expected: ReturnType<typeof expectedManifest>): string | undefined {
  const fields = ['formatVersion', 'provider', 'model', 'dimension', 'kbVersion'] as const;
  for (const field of fields) {
    if (found[field] !== expected[field]) return `${field} changed (${found[field]} → ${expected[field]})`;
  }
  const { M, efConstruction, efSearch } = found.hnsw;
  const want = expected.hnsw;
  if (M !== want.M || efConstruction !== want.efConstruction || efSearch !== want.efSearch) {
    return `HNSW parameters changed (${JSON.stringify(found.hnsw)} → ${JSON.stringify(want)})`;
  }
  if (found.documentsSha256 !== expected.documentsSha256) return 'indexed documents changed';
  return undefined;
}

async function tryReuse(options: LoadOrBuildOptions, expected: ReturnType<typeof expectedManifest>): Promise<Reuse> {
  const read = await IndexStore.readManifest(options.dir);
  if (!read.ok) return read;
  const { manifest } = read;
  const changed = mismatch(manifest, expected);
  if (changed) return { ok: false, reason: changed };
  const indexFile = join(options.dir, HNSW_FILE);
  try {
    const [indexBytes, labelsText] = await Promise.all([readFile(indexFile), readFile(join(options.dir, LABELS_FILE), 'utf8')]);
    if (sha256(indexBytes) !== manifest.files.index) return { ok: false, reason: 'index file does not match its manifest' };
    if (sha256(labelsText) !== manifest.files.labels) return { ok: false, reason: 'labels file does not match its manifest' };
    const labels: unknown = JSON.parse(labelsText);
    if (!isDocumentList(labels) || labels.length !== manifest.count) return { ok: false, reason: 'labels file is malformed' };
    const index = await (options.backend ?? HNSW_BACKEND).load(indexFile, manifest.dimension, manifest.hnsw);
    if (index.size !== manifest.count) return { ok: false, reason: `index holds ${index.size} vectors, manifest says ${manifest.count}` };
    return { ok: true, result: { index, labels, rebuilt: false, reason: `manifest matches (built ${manifest.createdAt})` } };
  } catch (error) {
    return { ok: false, reason: `saved index unreadable (${error instanceof Error ? error.message : String(error)})` };
  }
}

async function build(options: LoadOrBuildOptions, params: HnswParams): Promise<VectorIndex> {
  const { provider, documents, onProgress } = options;
  const index = await (options.backend ?? HNSW_BACKEND).create(provider.dimension, Math.max(1, documents.length), params);
  for (let start = 0; start < documents.length; start += EMBED_BATCH_SIZE) {
    const batch = documents.slice(start, start + EMBED_BATCH_SIZE);
    let vectors: Float32Array[];
    try {
      vectors = await provider.embed(
        batch.map((document) => document.text),
        'passage',
      );
    } catch (cause) {
      throw new Error(`IndexStore.loadOrBuild: embedding documents ${start}–${start + batch.length - 1} failed`, { cause });
    }
    if (vectors.length !== batch.length) {
      throw new Error(`IndexStore.loadOrBuild: ${provider.name} returned ${vectors.length} vectors for ${batch.length} texts`);
    }
    vectors.forEach((vector, i) => index.add(start + i, vector));
    onProgress?.(start + batch.length, documents.length);
  }
  return index;
}

async function writeAtomically(file: string, text: string): Promise<void> {
  await writeFile(`${file}.tmp`, text);
  await rename(`${file}.tmp`, file);
}

function isManifest(value: unknown): value is IndexManifest {
  if (!isRecord(value) || !isRecord(value.hnsw) || !isRecord(value.files)) return false;
  const numbers = [value.formatVersion, value.dimension, value.count, value.hnsw.M, value.hnsw.efConstruction, value.hnsw.efSearch];
  const strings = [value.provider, value.model, value.kbVersion, value.createdAt, value.documentsSha256, value.files.index, value.files.labels];
  return numbers.every((n) => typeof n === 'number' && Number.isFinite(n)) && strings.every((s) => typeof s === 'string');
}

function isDocumentList(value: unknown): value is IndexDocument[] {
  return (
    Array.isArray(value) &&
    value.every(
      (item) =>
        isRecord(item) &&
        typeof item.entryId === 'string' &&
        typeof item.text === 'string' &&
        (item.kind === 'question' || item.kind === 'alternate' || item.kind === 'answer'),
    )
  );
}
