/**
 * Parses one YAML source with positions, and collects located problems.
 * Uses the `yaml` package's Document API (not plain `parse`) so every node
 * keeps its offset, which the LineCounter turns into line and column.
 */
import { LineCounter, isMap, isNode, isPair, isScalar, isSeq, parseDocument, type Node, type Pair, type YAMLMap } from 'yaml';
import type { KbProblem } from './KnowledgeBaseError.js';
import { readBlockYaml } from './blockYaml.js';

/** One source file's text and the path its problems name. */
export interface SourceText {
  /** Path shown in problems (relative paths read best). */
  readonly file: string;
  readonly text: string;
}

/** A 1-based position in a source file. */
export interface SourcePos {
  readonly line: number;
  readonly column: number;
}

/** Context attached to a problem besides its position. */
export interface ProblemContext {
  readonly entryId?: string;
  readonly field?: string;
}

/** A parsed YAML file plus a problem sink bound to it. */
export class YamlSource {
  readonly problems: KbProblem[] = [];

  private constructor(
    readonly file: string,
    /** The root node, or null when the document is empty. */
    readonly root: Node | null,
    private readonly counter: LineCounter,
  ) {}

  /** Parses `source`; syntax errors are recorded in `problems` (the root is then null). */
  static parse(source: SourceText): YamlSource {
    const counter = new LineCounter();
    const doc = parseDocument(source.text, { lineCounter: counter, prettyErrors: false, uniqueKeys: true });
    const syntaxOk = doc.errors.length === 0;
    const root = syntaxOk && isNode(doc.contents) ? doc.contents : null;
    const parsed = new YamlSource(source.file, root, counter);
    for (const error of doc.errors) {
      parsed.reportAt(parsed.offsetPos(error.pos[0]), `YAML syntax error (${error.code}): ${error.message}`);
    }
    return parsed;
  }

  /**
   * Reads `source` with the fast reader of plain block YAML (blockYaml.ts);
   * undefined when the text is outside its subset (then use `parse`).
   */
  static readPlain(source: SourceText): YamlSource | undefined {
    const read = readBlockYaml(source.text);
    if (read === undefined) return undefined;
    const counter = new LineCounter();
    for (const start of read.lineStarts) counter.addNewLine(start);
    return new YamlSource(source.file, read.root, counter);
  }

  /**
   * Validates `source` read by the fast reader first; when that finds any problem (or cannot read the file), the
   * file is parsed again by `yaml` itself, so that every problem is reported, and located, as `parseDocument` sees it.
   */
  static validate<R extends { readonly problems: readonly unknown[] }>(source: SourceText, validate: (read: YamlSource) => R): R {
    const plain = YamlSource.readPlain(source);
    if (plain !== undefined) {
      const result = validate(plain);
      if (result.problems.length === 0) return result;
    }
    return validate(YamlSource.parse(source));
  }

  /** Position of a node; the file start when the node has no range. */
  pos(node: Node | Pair | null | undefined): SourcePos {
    const target: unknown = isPair(node) ? node.key : node;
    return this.offsetPos(isNode(target) ? (target.range?.[0] ?? 0) : 0);
  }

  report(node: Node | Pair | null | undefined, message: string, context: ProblemContext = {}): void {
    this.reportAt(this.pos(node), message, context);
  }

  reportAt(pos: SourcePos, message: string, context: ProblemContext = {}): void {
    this.problems.push({ file: this.file, line: pos.line, column: pos.column, ...context, message });
  }

  private offsetPos(offset: number): SourcePos {
    const { line, col } = this.counter.linePos(offset);
    return { line, column: col };
  }

  /** `value` located at `node`, as the checks across files need it. */
  locate<T>(value: T, node: Node | Pair | null | undefined): { value: T; file: string; line: number; column: number } {
    const { line, column } = this.pos(node);
    return { value, file: this.file, line, column };
  }
}

/** Kind of a YAML node as shown in messages ("a list", "a number"...). */
export function describeNode(node: unknown): string {
  if (node === null || node === undefined) return 'nothing';
  if (isMap(node)) return 'a mapping';
  if (isSeq(node)) return 'a list';
  if (isScalar(node)) {
    const value = node.value;
    if (value === null) return 'nothing';
    return typeof value === 'string' ? 'a string' : `a ${typeof value}`;
  }
  return 'an unsupported node';
}

/**
 * The pairs of a mapping by key. Non-string keys and keys outside `allowed`
 * are reported; duplicate keys are already syntax errors (uniqueKeys).
 */
export function readPairs(
  source: YamlSource,
  map: YAMLMap,
  allowed: readonly string[],
  context: ProblemContext & { readonly fieldPrefix?: string },
): Map<string, Pair> {
  const pairs = new Map<string, Pair>();
  const prefix = context.fieldPrefix ?? '';
  for (const pair of map.items) {
    const key = isScalar(pair.key) ? pair.key.value : undefined;
    if (typeof key !== 'string') {
      source.report(pair, 'keys must be plain strings', { entryId: context.entryId, field: context.field });
      continue;
    }
    if (!allowed.includes(key)) {
      source.report(pair, `unknown field (allowed: ${allowed.join(', ')})`, {
        entryId: context.entryId,
        field: `${prefix}${key}`,
      });
      continue;
    }
    pairs.set(key, pair);
  }
  return pairs;
}

/** The value node of a pair (null when the key has no value). */
export function valueOf(pair: Pair | undefined): Node | null {
  const value: unknown = pair?.value;
  return isNode(value) ? value : null;
}

/**
 * Reads a non-empty string field. Reports a missing field (at `owner`), a
 * wrong type or an empty value; returns undefined in those cases.
 */
export function readString(
  source: YamlSource,
  owner: Node,
  pairs: Map<string, Pair>,
  key: string,
  context: ProblemContext & { readonly required: boolean; readonly fieldPrefix?: string },
): string | undefined {
  const pair = pairs.get(key);
  if (pair === undefined) {
    if (context.required) source.report(owner, 'required field is missing', fieldContext(context, key));
    return undefined;
  }
  const value = valueOf(pair);
  if (!isScalar(value) || typeof value.value !== 'string') {
    source.report(value ?? pair, `must be a string, found ${describeNode(value)}`, fieldContext(context, key));
    return undefined;
  }
  if (value.value.trim() === '') {
    source.report(value, 'must not be empty', fieldContext(context, key));
    return undefined;
  }
  return value.value;
}

function fieldContext(context: ProblemContext & { readonly fieldPrefix?: string }, key: string): ProblemContext {
  return { entryId: context.entryId, field: `${context.fieldPrefix ?? ''}${key}` };
}
