/**
 * The unified diff of a KB change, written and read with jsdiff. Paths are
 * `a/<prefix>/<path>` and `b/<prefix>/<path>` (prefix `knowledge/data` by
 * default), so the file also applies with `git apply` from the repository
 * root. Reading is strict: only KB files, no deletion or rename, exact
 * context (no fuzz), so a patch made for another version of a file is refused.
 */
import { applyPatch, createTwoFilesPatch, FILE_HEADERS_ONLY, parsePatch, type StructuredPatch } from 'diff';
import type { KbFileChange } from './types.js';

export const DEFAULT_PATCH_PREFIX = 'knowledge/data';
const NO_FILE = '/dev/null';
/** The files of a KB folder a patch may touch. */
const KB_FILE = /^(?:entries\/[a-z0-9][a-z0-9-]*\.ya?ml|taxonomy\.yaml|synonyms\.yaml)$/;

/** The unified diff of `changes` (empty string for no change). */
export function formatKbPatch(changes: readonly KbFileChange[], prefix: string = DEFAULT_PATCH_PREFIX): string {
  return changes
    .map((change) => {
      const target = `${prefix}/${change.path}`;
      const oldName = change.before === undefined ? NO_FILE : `a/${target}`;
      return createTwoFilesPatch(oldName, `b/${target}`, change.before ?? '', change.after, undefined, undefined, {
        headerOptions: FILE_HEADERS_ONLY,
      });
    })
    .join('');
}

/** One file of a parsed patch: its KB-relative path and its hunks. */
export interface KbFilePatch {
  readonly path: string;
  /** The patch creates the file (`--- /dev/null`). */
  readonly creates: boolean;
  readonly patch: StructuredPatch;
}

/** A parsed patch, or why it cannot be used (one message per problem). */
export type KbPatchParse = { readonly ok: true; readonly files: readonly KbFilePatch[] } | { readonly ok: false; readonly errors: readonly string[] };

/** Parses a unified diff of KB files; anything else (other paths, deletions, renames, malformed hunks) is an error. */
export function parseKbPatch(text: string, prefix: string = DEFAULT_PATCH_PREFIX): KbPatchParse {
  let parsed: StructuredPatch[];
  try {
    parsed = parsePatch(text);
  } catch (error) {
    return { ok: false, errors: [`malformed patch: ${error instanceof Error ? error.message : String(error)}`] };
  }
  const errors: string[] = [];
  const files: KbFilePatch[] = [];
  for (const patch of parsed) {
    if (patch.oldFileName === undefined && patch.newFileName === undefined && patch.hunks.length === 0) continue;
    const oldName = patch.oldFileName ?? '';
    const newName = patch.newFileName ?? '';
    if (newName === NO_FILE) {
      errors.push(`${oldName}: deleting a file is not supported`);
      continue;
    }
    const path = kbPath(newName, prefix);
    if (path === undefined) {
      errors.push(`${newName || '(no file name)'}: not a file of the KB folder (${prefix}/entries/*.yaml, taxonomy.yaml, synonyms.yaml)`);
      continue;
    }
    const creates = oldName === NO_FILE;
    if (!creates && kbPath(oldName, prefix) !== path) {
      errors.push(`${oldName} → ${newName}: renaming a file is not supported`);
      continue;
    }
    if (files.some((file) => file.path === path)) {
      errors.push(`${path}: the patch changes this file twice`);
      continue;
    }
    if (patch.hunks.length === 0) {
      errors.push(`${path}: no change in this file's part of the patch`);
      continue;
    }
    files.push({ path, creates, patch });
  }
  if (errors.length === 0 && files.length === 0) errors.push('the patch changes no file');
  return errors.length > 0 ? { ok: false, errors } : { ok: true, files };
}

/** The new text of a file, or undefined when the patch does not apply exactly to `current`. */
export function applyFilePatch(current: string, file: KbFilePatch): string | undefined {
  const result = applyPatch(current, file.patch, { fuzzFactor: 0 });
  return result === false ? undefined : result;
}

/** `a/knowledge/data/entries/x.yaml` → `entries/x.yaml`; undefined outside the KB files. */
function kbPath(name: string, prefix: string): string | undefined {
  const withoutSide = name.replace(/^[ab]\//, '');
  const inside = withoutSide.startsWith(`${prefix}/`) ? withoutSide.slice(prefix.length + 1) : withoutSide;
  return KB_FILE.test(inside) ? inside : undefined;
}
