/**
 * Turns accepted improvements into a patch of the KB files: each is checked
 * against the current KB (unknown entry, phrasing already known…), written
 * with the Document API, and the whole patched KB goes through the real
 * validator before a unified diff is offered. Pure: texts in, texts out.
 */
import path from 'node:path';
import { formatProblem, type KbProblem } from '../KnowledgeBaseError.js';
import { foldForComparison } from '../foldText.js';
import type { KnowledgeBase } from '../types.js';
import { SLUG_PATTERN } from '../validateTaxonomy.js';
import { validateKnowledgeBase, type KbSources } from '../validateKnowledgeBase.js';
import type { SourceText } from '../yamlSource.js';
import { EntriesYamlEditor } from './editEntriesYaml.js';
import { formatKbPatch } from './kbPatchFormat.js';
import type { KbFileChange, KbImprovement, KbPatchPlan, NewEntryDraft, RefusedImprovement } from './types.js';

/** Longest phrasing accepted: a question, not a pasted document. */
export const MAX_PHRASING_LENGTH = 300;
const ENTRIES_FILE = /^[a-z0-9][a-z0-9-]*\.ya?ml$/;

export interface PlanKbPatchOptions {
  /** The folder the sources' `file` paths start with (as given to `readKbSources`). */
  readonly root: string;
  /** Path of the KB folder in the repository, used in the diff headers. Default `knowledge/data`. */
  readonly pathPrefix?: string;
}

/** Where every known phrasing (question or alternate, folded) belongs. */
type PhrasingOwners = Map<string, string>;

/**
 * The patch for `improvements`. An improvement whose entry the validator
 * finds invalid once patched (a draft with too few alternates, an unknown
 * theme…) is refused with those problems, and the patch is made of the others.
 */
export function planKbPatch(sources: KbSources, improvements: readonly KbImprovement[], options: PlanKbPatchOptions): KbPatchPlan {
  const current = validateKnowledgeBase(sources);
  if (!current.ok) return { ok: false, problems: current.problems, refused: [] };
  const invalid: RefusedImprovement[] = [];
  let remaining = improvements;
  for (;;) {
    const plan = planOnce(sources, current.kb, remaining, options);
    if (plan.ok) return { ...plan, refused: [...plan.refused, ...invalid] };
    const culprits = new Set(plan.problems.map((problem) => problem.entryId));
    const blamed = plan.accepted.filter((improvement) => culprits.has(targetId(improvement)));
    if (blamed.length === 0) return { ok: false, problems: plan.problems, refused: [...plan.refused, ...invalid] };
    for (const improvement of blamed) {
      const problems = plan.problems.filter((problem) => problem.entryId === targetId(improvement));
      invalid.push({ improvement, code: 'invalid-entry', reason: problems.map(formatProblem).join('; '), problems });
    }
    remaining = remaining.filter((improvement) => !blamed.includes(improvement));
  }
}

function targetId(improvement: KbImprovement): string {
  return improvement.kind === 'phrasing' ? improvement.entryId : improvement.draft.id.trim();
}

type OnePlan =
  | (KbPatchPlan & { readonly ok: true })
  | { readonly ok: false; readonly problems: readonly KbProblem[]; readonly refused: readonly RefusedImprovement[]; readonly accepted: readonly KbImprovement[] };

function planOnce(sources: KbSources, kb: KnowledgeBase, improvements: readonly KbImprovement[], options: PlanKbPatchOptions): OnePlan {
  const owners: PhrasingOwners = new Map();
  const ids = new Set(kb.entries.map((entry) => entry.id));
  for (const entry of kb.entries) {
    for (const text of [entry.question, ...entry.alternates]) owners.set(foldForComparison(text), entry.id);
  }
  const texts = new Map(sources.entries.map((source) => [source.file, source.text]));
  const editors = new Map<string, EntriesYamlEditor>();
  const editorFor = (file: string, offer: string): EntriesYamlEditor => {
    let editor = editors.get(file);
    if (editor === undefined) {
      const text = texts.get(file);
      editor = text === undefined ? EntriesYamlEditor.create(offer) : EntriesYamlEditor.parse(text);
      editors.set(file, editor);
    }
    return editor;
  };

  const applied: KbImprovement[] = [];
  /** The improvements as given, for the caller to leave out the ones the validator blames. */
  const accepted: KbImprovement[] = [];
  const refused: RefusedImprovement[] = [];
  const refuse = (improvement: KbImprovement, code: RefusedImprovement['code'], reason: string): void => {
    refused.push({ improvement, code, reason });
  };
  for (const improvement of improvements) {
    if (improvement.kind === 'phrasing') {
      const entry = kb.entries.find((candidate) => candidate.id === improvement.entryId);
      const text = cleanText(improvement.text);
      const problem = textProblem(text);
      if (entry === undefined) refuse(improvement, 'unknown-entry', `no entry has the id "${improvement.entryId}"`);
      else if (problem !== undefined) refuse(improvement, 'invalid-text', problem);
      else {
        const owner = owners.get(foldForComparison(text));
        if (owner !== undefined) refuse(improvement, 'duplicate-phrasing', `already a phrasing of entry ${owner}`);
        else {
          editorFor(entry.source.file, entry.offer).addAlternate(entry.id, text);
          owners.set(foldForComparison(text), entry.id);
          applied.push({ ...improvement, text });
          accepted.push(improvement);
        }
      }
      continue;
    }
    const draft = cleanDraft(improvement.draft);
    const refusal = draftRefusal(draft, ids, owners);
    if (refusal !== undefined) {
      refuse(improvement, refusal.code, refusal.reason);
      continue;
    }
    const file = draft.file === undefined ? defaultFile(kb, draft, options.root) : path.join(options.root, 'entries', draft.file);
    editorFor(file, draft.facets.offer).appendEntry(draft);
    ids.add(draft.id);
    for (const text of [draft.question, ...draft.alternates]) owners.set(foldForComparison(text), draft.id);
    applied.push({ kind: 'entry', draft });
    accepted.push(improvement);
  }

  const changes: (KbFileChange & { readonly file: string })[] = [...editors.entries()]
    .map(([file, editor]) => ({ file, path: relative(options.root, file), before: texts.get(file), after: editor.toString() }))
    .filter((change) => change.after !== change.before)
    .sort((a, b) => a.path.localeCompare(b.path));
  const patched = patchedSources(sources, changes);
  const result = validateKnowledgeBase(patched);
  if (!result.ok) return { ok: false, problems: result.problems, refused, accepted };
  const patch = formatKbPatch(changes, options.pathPrefix ?? 'knowledge/data');
  return { ok: true, patch, changes: changes.map(({ path: p, before, after }) => ({ path: p, before, after })), applied, refused, kbVersion: result.kb.version };
}

/** The sources with changed files replaced and new files added, entries files in name order as the loader reads them. */
export function patchedSources(sources: KbSources, changes: readonly { readonly file: string; readonly after: string }[]): KbSources {
  const byFile = new Map<string, SourceText>(sources.entries.map((source) => [source.file, source]));
  for (const change of changes) byFile.set(change.file, { file: change.file, text: change.after });
  const entries = [...byFile.values()].sort((a, b) => path.basename(a.file).localeCompare(path.basename(b.file)));
  return { ...sources, entries };
}

function cleanText(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function textProblem(text: string): string | undefined {
  if (text === '') return 'the phrasing is empty';
  if (text.length > MAX_PHRASING_LENGTH) return `the phrasing is longer than ${MAX_PHRASING_LENGTH} characters`;
  return undefined;
}

function cleanDraft(draft: NewEntryDraft): NewEntryDraft {
  const { answer, ...rest } = draft;
  // A typed answer keeps its lines and blank lines (Markdown lists); line ends and trailing spaces are normalised, an empty one is none.
  const lines = answer?.replace(/\r\n?/g, '\n').split('\n').map((line) => line.trimEnd()).join('\n').trim();
  return {
    ...rest, id: draft.id.trim(), question: cleanText(draft.question), alternates: draft.alternates.map(cleanText).filter((text) => text !== ''),
    ...(lines !== undefined && lines !== '' && { answer: lines }),
  };
}

/** Refusals a draft gets before validation; the validator then checks slug, facets and alternate count, with lines. */
function draftRefusal(draft: NewEntryDraft, ids: ReadonlySet<string>, owners: PhrasingOwners): Omit<RefusedImprovement, 'improvement'> | undefined {
  if (ids.has(draft.id)) return { code: 'duplicate-id', reason: `an entry already has the id "${draft.id}"` };
  if (!SLUG_PATTERN.test(draft.facets.offer)) {
    return { code: 'invalid-file', reason: `the offer "${draft.facets.offer}" is not a slug, it cannot name an entries file` };
  }
  if (draft.file !== undefined && !ENTRIES_FILE.test(draft.file)) {
    return { code: 'invalid-file', reason: `"${draft.file}" is not an entries file name (lower-case, ending in .yaml)` };
  }
  for (const text of [draft.question, ...draft.alternates]) {
    const problem = textProblem(text);
    if (problem !== undefined) return { code: 'invalid-text', reason: problem };
    const owner = owners.get(foldForComparison(text));
    if (owner !== undefined) return { code: 'duplicate-phrasing', reason: `"${text}" is already a phrasing of entry ${owner}` };
  }
  return undefined;
}

/** The file already holding entries of the draft's offer, else `entries/<offer>.yaml`. */
function defaultFile(kb: KnowledgeBase, draft: NewEntryDraft, root: string): string {
  const sameOffer = kb.entries.find((entry) => entry.offer === draft.facets.offer);
  return sameOffer?.source.file ?? path.join(root, 'entries', `${draft.facets.offer}.yaml`);
}

function relative(root: string, file: string): string {
  return path.relative(root, file).split(path.sep).join('/');
}
