/**
 * Editing the KB from the curators' console: accepted improvements become a
 * validated unified diff (`planKbPatch`, `buildKbPatch`), and `kb:apply`
 * applies one (`applyKbPatchToDir`). YAML comments and layout are kept.
 */
export type { KbImprovement, NewEntryDraft, RefusedImprovement, RefusalCode, KbFileChange, KbPatchPlan } from './types.js';
export { planKbPatch, MAX_PHRASING_LENGTH, type PlanKbPatchOptions } from './planKbPatch.js';
export { EntriesYamlEditor, DRAFT_ANSWER, isDraftAnswer } from './editEntriesYaml.js';
export { formatKbPatch, parseKbPatch, DEFAULT_PATCH_PREFIX, type KbFilePatch, type KbPatchParse } from './kbPatchFormat.js';
export { applyKbPatchToSources, applyKbPatchToDir, buildKbPatch, type KbPatchApplication } from './applyKbPatch.js';
export { suggestEntryDraft, type SuggestEntryDraftOptions } from './suggestEntryDraft.js';
