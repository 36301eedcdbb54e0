/**
 * Problems found while validating the knowledge base, and the error that carries them.
 * Validation reports every problem at once so an editor fixes the KB in one pass.
 */

/** One problem in a KB source file, located for an editor (1-based line and column). */
export interface KbProblem {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  /** The entry the problem belongs to, when known. */
  readonly entryId?: string;
  /** The field (dotted path inside the entry or node, e.g. `alternates[3]`), when known. */
  readonly field?: string;
  readonly message: string;
}

/** `file:line:col [entryId] field: message`, the parts in brackets only when known. */
export function formatProblem(problem: KbProblem): string {
  const where = `${problem.file}:${problem.line}:${problem.column}`;
  const entry = problem.entryId === undefined ? '' : ` [${problem.entryId}]`;
  const field = problem.field === undefined ? '' : ` ${problem.field}`;
  return `${where}${entry}${field}: ${problem.message}`;
}

/** Orders problems by file then position, so output reads top to bottom. */
export function sortProblems(problems: readonly KbProblem[]): KbProblem[] {
  return [...problems].sort(
    (a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column,
  );
}

/** Thrown by `loadKnowledgeBase` when the KB is invalid; `problems` lists every problem found. */
export class KnowledgeBaseError extends Error {
  override readonly name = 'KnowledgeBaseError';
  readonly problems: readonly KbProblem[];

  constructor(problems: readonly KbProblem[], options?: { cause?: unknown }) {
    const sorted = sortProblems(problems);
    const count = sorted.length === 1 ? '1 problem' : `${sorted.length} problems`;
    super(`Invalid knowledge base (${count}):\n${sorted.map(formatProblem).join('\n')}`, options);
    this.problems = sorted;
  }
}
