/**
 * What the curators' console asks of the knowledge base: improvements
 * accepted by the FAQ team, turned into a validated patch of the YAML files.
 */
import type { KbProblem } from '../KnowledgeBaseError.js';
import type { Facet } from '../types.js';

/** A new entry proposed by the FAQ team; without an answer, the draft placeholder (`DRAFT_ANSWER`) stands in for it. */
export interface NewEntryDraft {
  /** Slug, unique across the KB. */
  readonly id: string;
  readonly question: string;
  /** Other phrasings (the KB requires at least `MIN_ALTERNATES`). */
  readonly alternates: readonly string[];
  /** Triage facets: `offer` and `theme` are required, the others follow the taxonomy. */
  readonly facets: Partial<Record<Facet, string>> & { readonly offer: string; readonly theme: string };
  readonly contact?: string;
  /** The agency's answer, verbatim; absent, the entry gets `DRAFT_ANSWER`, which `kb:check` lists until replaced. */
  readonly answer?: string;
  /**
   * Entries file (name inside `entries/`, e.g. "innovation.yaml"). Default:
   * the file already holding entries of the same offer, else `<offer>.yaml`.
   */
  readonly file?: string;
}

/**
 * One accepted improvement: a new phrasing of an existing entry (it becomes
 * an alternate), or a new entry draft.
 */
export type KbImprovement =
  | { readonly kind: 'phrasing'; readonly entryId: string; readonly text: string }
  | { readonly kind: 'entry'; readonly draft: NewEntryDraft };

/** Why an improvement was left out of the patch; `code` lets the console word it in French. */
export type RefusalCode = 'unknown-entry' | 'duplicate-phrasing' | 'duplicate-id' | 'invalid-text' | 'invalid-file' | 'invalid-entry';

/** An improvement left out of the patch, and why (the other improvements still make the patch). */
export interface RefusedImprovement {
  readonly improvement: KbImprovement;
  readonly code: RefusalCode;
  /** English, for logs and the CLI, e.g. `already a phrasing of entry mss-referencement`. */
  readonly reason: string;
  /** For `invalid-entry`: what the KB validator found in the patched file (file, line, field). */
  readonly problems?: readonly KbProblem[];
}

/** One file the patch changes, by its path relative to the KB folder (e.g. `entries/innovation.yaml`). */
export interface KbFileChange {
  readonly path: string;
  /** The current text; `undefined` for a file the patch creates. */
  readonly before: string | undefined;
  readonly after: string;
}

/**
 * The patch for a list of improvements, or the KB problems that stop it.
 * Refused improvements are listed either way.
 */
export type KbPatchPlan =
  | {
      readonly ok: true;
      /** Unified diff, paths `a/<prefix>/…` and `b/<prefix>/…`; empty when nothing changes. */
      readonly patch: string;
      readonly changes: readonly KbFileChange[];
      readonly applied: readonly KbImprovement[];
      readonly refused: readonly RefusedImprovement[];
      /** Version (content hash) of the KB once the patch is applied. */
      readonly kbVersion: string;
    }
  | {
      readonly ok: false;
      /** Located problems (file, line, field) of the patched KB, or of the current KB when it is already invalid. */
      readonly problems: readonly KbProblem[];
      readonly refused: readonly RefusedImprovement[];
    };
