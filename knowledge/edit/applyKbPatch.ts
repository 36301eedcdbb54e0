/**
 * Applying a KB patch: pure on source texts (`applyKbPatchToSources`), then
 * on a folder (`applyKbPatchToDir`), which writes only when every file part
 * applies exactly and the patched KB passes the real validator.
 */
import { randomBytes } from 'node:crypto';
import { rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { KbProblem } from '../KnowledgeBaseError.js';
import { readKbSources } from '../loadKnowledgeBase.js';
import type { KnowledgeBase } from '../types.js';
import { validateKnowledgeBase, type KbSources } from '../validateKnowledgeBase.js';
import { isDraftAnswer } from './editEntriesYaml.js';
import { applyFilePatch, DEFAULT_PATCH_PREFIX, parseKbPatch } from './kbPatchFormat.js';
import { planKbPatch } from './planKbPatch.js';
import type { KbImprovement, KbPatchPlan } from './types.js';

/** A patch applied in memory: the files to write and the KB they make, or why not. */
export type KbPatchApplication =
  | {
      readonly ok: true;
      /** Files to write, `file` as in the sources (under the KB folder), `path` relative to it. */
      readonly writes: readonly { readonly file: string; readonly path: string; readonly text: string }[];
      readonly kb: KnowledgeBase;
      /** Entries whose answer is still the draft placeholder: the agency must write them before deploying. */
      readonly draftEntryIds: readonly string[];
    }
  | { readonly ok: false; readonly errors: readonly string[]; readonly problems: readonly KbProblem[] };

/** Applies `patchText` to the sources read from `root`. Pure. */
export function applyKbPatchToSources(sources: KbSources, root: string, patchText: string, prefix: string = DEFAULT_PATCH_PREFIX): KbPatchApplication {
  const parsed = parseKbPatch(patchText, prefix);
  if (!parsed.ok) return { ok: false, errors: parsed.errors, problems: [] };
  const byFile = new Map<string, string>([sources.taxonomy, sources.synonyms, ...sources.entries].map((source) => [source.file, source.text]));
  const errors: string[] = [];
  const writes: { file: string; path: string; text: string }[] = [];
  for (const part of parsed.files) {
    const file = path.join(root, ...part.path.split('/'));
    const current = byFile.get(file);
    if (part.creates && current !== undefined) {
      errors.push(`${part.path}: the patch creates this file, but it already exists`);
      continue;
    }
    if (!part.creates && current === undefined) {
      errors.push(`${part.path}: the patch changes this file, but it does not exist`);
      continue;
    }
    const text = applyFilePatch(current ?? '', part);
    if (text === undefined) {
      errors.push(`${part.path}: the patch does not apply cleanly (the file has changed since the patch was made)`);
      continue;
    }
    writes.push({ file, path: part.path, text });
  }
  if (errors.length > 0) return { ok: false, errors, problems: [] };
  const replace = (source: { file: string; text: string }) => ({ file: source.file, text: writes.find((w) => w.file === source.file)?.text ?? source.text });
  const created = writes.filter((w) => !byFile.has(w.file) && w.path.startsWith('entries/')).map((w) => ({ file: w.file, text: w.text }));
  const patched: KbSources = {
    taxonomy: replace(sources.taxonomy),
    synonyms: replace(sources.synonyms),
    entries: [...sources.entries.map(replace), ...created].sort((a, b) => path.basename(a.file).localeCompare(path.basename(b.file))),
  };
  const result = validateKnowledgeBase(patched);
  if (!result.ok) return { ok: false, errors: ['the patched KB is invalid'], problems: result.problems };
  const draftEntryIds = result.kb.entries.filter((entry) => isDraftAnswer(entry.answer)).map((entry) => entry.id);
  return { ok: true, writes, kb: result.kb, draftEntryIds };
}

/**
 * Applies `patchText` to the KB folder `dir`. On any error nothing is
 * written; otherwise every file is written to a temporary name first, then
 * renamed, so a crash leaves no half-written YAML.
 */
export async function applyKbPatchToDir(dir: string, patchText: string, prefix: string = DEFAULT_PATCH_PREFIX): Promise<KbPatchApplication> {
  const application = applyKbPatchToSources(await readKbSources(dir), dir, patchText, prefix);
  if (!application.ok) return application;
  const suffix = `.kb-apply-${randomBytes(4).toString('hex')}`;
  try {
    for (const write of application.writes) await writeFile(`${write.file}${suffix}`, write.text, { flag: 'wx' });
  } catch (error) {
    await Promise.all(application.writes.map((write) => rm(`${write.file}${suffix}`, { force: true })));
    throw new Error(`applyKbPatchToDir: cannot write into ${dir}`, { cause: error });
  }
  for (const write of application.writes) await rename(`${write.file}${suffix}`, write.file);
  return application;
}

/** Reads the KB folder `dir` and plans the patch for `improvements` (see `planKbPatch`). */
export async function buildKbPatch(dir: string, improvements: readonly KbImprovement[], prefix: string = DEFAULT_PATCH_PREFIX): Promise<KbPatchPlan> {
  return planKbPatch(await readKbSources(dir), improvements, { root: dir, pathPrefix: prefix });
}
