/**
 * A fast reader for the plain block YAML that entries files are written in:
 * block mappings and sequences indented with spaces, plain, single-line
 * quoted and literal block (`|`, `|-`) string scalars, full-line comments.
 * It builds the same `yaml` nodes, with the same start offsets, as
 * `parseDocument` would, in a fraction of the time and garbage (the `yaml`
 * lexer, CST and composer were most of `kb:check` at 10,000 entries).
 * Anything outside that subset, and anything that is or might be an error
 * (a non-string plain scalar, a null value, a duplicate key, a tab...), returns
 * undefined: the caller then parses with `parseDocument`, which reports it.
 */
import { Pair, Scalar, YAMLMap, YAMLSeq, type Node } from 'yaml';

/** A parsed text: its root node and the offset where each line starts. */
export interface BlockYaml {
  readonly root: Node;
  readonly lineStarts: readonly number[];
}

/** Plain scalars the core schema reads as null, booleans or numbers (yaml/dist/schema/core and common/null). */
const CORE_NON_STRING = [
  /^(?:~|[Nn]ull|NULL)?$/,
  /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/,
  /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/,
  /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/,
  /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/,
  /^0o[0-7]+$/,
  /^[-+]?[0-9]+$/,
  /^0x[0-9a-fA-F]+$/,
];
/** Characters that make a text something else than plain block YAML (tabs, CR, BOM, controls, other line breaks). */
// eslint-disable-next-line no-control-regex -- control characters are exactly what must be left to `yaml`
const UNSUPPORTED_CHARACTER = /[\t\r\uFEFF\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u0085\u2028\u2029]/;
/** A plain key followed by its indicator: `key:` then a space or the end of the line (sticky: read at an offset). */
const KEY = /([A-Za-z_][A-Za-z0-9_-]*):(?= |\n|$)/y;
/** First characters of a plain scalar that are YAML indicators (or would be). */
const INDICATORS = new Set('-?:,[]{}#&*!|>\'"%@`');
const SPACE = 32;

/** Thrown inside the reader to leave the fast path; never escapes `readBlockYaml`. */
const UNSUPPORTED = new Error('outside the plain block YAML subset');

/** The text read in the supported subset, or undefined to let `parseDocument` read (and judge) it. */
export function readBlockYaml(text: string): BlockYaml | undefined {
  if (UNSUPPORTED_CHARACTER.test(text)) return undefined;
  try {
    return new BlockReader(text).read();
  } catch (error) {
    if (error === UNSUPPORTED) return undefined;
    throw error;
  }
}

function unsupported(): never {
  throw UNSUPPORTED;
}

class BlockReader {
  /** Per line: start offset, end offset (before '\n'), indent (-1: blank or comment only). */
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];
  private readonly indents: number[] = [];
  /** The current line (the next one to read). */
  private line = 0;

  constructor(private readonly text: string) {
    for (let start = 0; start <= text.length; ) {
      let end = text.indexOf('\n', start);
      if (end < 0) end = text.length;
      let indent = 0;
      while (text.charCodeAt(start + indent) === SPACE) indent++;
      const blank = start + indent === end || text.charCodeAt(start + indent) === 0x23; /* # */
      this.starts.push(start);
      this.ends.push(end);
      this.indents.push(blank ? -1 : indent);
      start = end + 1;
    }
  }

  read(): BlockYaml {
    this.skipBlank();
    if (this.line >= this.starts.length || this.indents[this.line] !== 0) unsupported();
    const root = this.node(0, this.starts[this.line]);
    this.skipBlank();
    if (this.line < this.starts.length) unsupported();
    return { root, lineStarts: this.starts };
  }

  private skipBlank(): void {
    while (this.line < this.starts.length && this.indents[this.line] < 0) this.line++;
  }

  /** The indent of the next content line (after blanks and comments), -1 at the end of the text. */
  private nextIndent(): number {
    this.skipBlank();
    return this.line < this.starts.length ? this.indents[this.line] : -1;
  }

  /** A block collection whose first item or key starts at `offset` on the current line, at column `column`. */
  private node(column: number, offset: number): YAMLMap | YAMLSeq {
    if (this.isItem(offset)) return this.sequence(column);
    return this.mapping(column, offset);
  }

  /** The key starting at `offset` (`key:` then a space or the end of the line), if any. */
  private keyAt(offset: number): string | undefined {
    KEY.lastIndex = offset;
    return KEY.exec(this.text)?.[1];
  }

  private isItem(offset: number): boolean {
    return this.text.charCodeAt(offset) === 0x2d /* - */ && this.text.charCodeAt(offset + 1) === SPACE;
  }

  /** A block sequence whose dashes are at `column`; its first dash is on the current line. */
  private sequence(column: number): YAMLSeq {
    const seq = new YAMLSeq();
    const first = this.starts[this.line] + column;
    let end = first;
    while (this.line < this.starts.length && this.indents[this.line] === column && this.isItem(this.starts[this.line] + column)) {
      let at = this.starts[this.line] + column + 2;
      while (this.text.charCodeAt(at) === SPACE) at++;
      const itemColumn = at - this.starts[this.line];
      if (this.keyAt(at) !== undefined) {
        seq.items.push(this.mapping(itemColumn, at));
      } else {
        seq.items.push(this.inlineScalar(at, this.ends[this.line]));
        this.line++;
      }
      end = this.line < this.starts.length ? this.starts[this.line] : this.text.length;
      if (this.nextIndent() > column) unsupported();
    }
    seq.range = [first, end, end];
    return seq;
  }

  /** A block mapping whose keys are at `column`; its first key starts at `offset` on the current line. */
  private mapping(column: number, offset: number): YAMLMap {
    const map = new YAMLMap();
    const keys = new Set<string>();
    let keyOffset = offset;
    for (;;) {
      const lineEnd = this.ends[this.line];
      const name = this.keyAt(keyOffset) ?? unsupported();
      if (keys.has(name) || isCoreNonString(name)) unsupported();
      keys.add(name);
      const key = scalar(name, keyOffset, keyOffset + name.length, Scalar.PLAIN);
      let at = keyOffset + name.length + 1;
      while (this.text.charCodeAt(at) === SPACE) at++;
      map.items.push(new Pair(key, this.value(column, at, lineEnd)));
      const indent = this.nextIndent();
      if (indent > column) unsupported();
      if (indent < column || this.isItem(this.starts[this.line] + column)) break;
      keyOffset = this.starts[this.line] + column;
    }
    const end = this.line < this.starts.length ? this.starts[this.line] : this.text.length;
    map.range = [offset, end, end];
    return map;
  }

  /** The value of a key at `column`, starting at `at` on the current line (the line is consumed). */
  private value(column: number, at: number, lineEnd: number): Node {
    if (at === lineEnd) {
      this.line++;
      const indent = this.nextIndent();
      const start = this.starts[this.line] + indent;
      if (indent > column) return this.node(indent, start);
      if (indent === column && this.isItem(start)) return this.sequence(column);
      return unsupported();
    }
    const first = this.text[at];
    if (first === '|') return this.literal(column, at, lineEnd);
    const value = this.inlineScalar(at, lineEnd);
    this.line++;
    return value;
  }

  /** A plain or single-line quoted scalar from `at` to the end of its line. */
  private inlineScalar(at: number, lineEnd: number): Scalar {
    const first = this.text[at];
    if (first === '"' || first === "'") {
      const close = first === '"' ? closingDoubleQuote(this.text, at + 1, lineEnd) : closingSingleQuote(this.text, at + 1, lineEnd);
      if (close < 0) unsupported();
      if (close + 1 < lineEnd && !/^(?: *| +#.*)$/.test(this.text.slice(close + 1, lineEnd))) unsupported();
      const raw = this.text.slice(at + 1, close);
      if (first === '"') return scalar(raw.includes('\\') ? unescape(raw) : raw, at, close + 1, Scalar.QUOTE_DOUBLE);
      return scalar(raw.replaceAll("''", "'"), at, close + 1, Scalar.QUOTE_SINGLE);
    }
    if (INDICATORS.has(first)) unsupported();
    let end = lineEnd;
    while (this.text.charCodeAt(end - 1) === SPACE) end--;
    const value = this.text.slice(at, end);
    if (value.includes(': ') || value.includes(' #') || value.endsWith(':') || isCoreNonString(value)) unsupported();
    return scalar(value, at, end, Scalar.PLAIN);
  }

  /** A literal block scalar (`|` or `|-`) whose header is at `at`, the value of a key at `column`. */
  private literal(column: number, at: number, lineEnd: number): Scalar {
    // Nothing may follow the header, not even spaces (`yaml` rejects them: "extra characters").
    const header = this.text.slice(at, lineEnd);
    if (header !== '|' && header !== '|-') unsupported();
    this.line++;
    const indent = this.indents[this.line];
    if (this.line >= this.starts.length || indent <= column) unsupported();
    const lines: string[] = [];
    let kept = 0;
    for (; this.line < this.starts.length; this.line++) {
      const start = this.starts[this.line];
      const end = this.ends[this.line];
      let spaces = 0;
      while (start + spaces < end && this.text.charCodeAt(start + spaces) === SPACE) spaces++;
      if (start + spaces === end) {
        // A blank line: an empty line of the value (when more content follows); longer ones would keep spaces.
        if (spaces > indent) unsupported();
        lines.push('');
        continue;
      }
      if (spaces < indent) break;
      lines.push(this.text.slice(start + indent, end));
      kept = lines.length;
    }
    const body = lines.slice(0, kept).join('\n');
    // Clipping keeps the last content line's line break: require one (a text ending without it is left to `yaml`).
    if (header === '|' && this.line - lines.length + kept - 1 === this.starts.length - 1 && this.ends[this.starts.length - 1] === this.text.length) unsupported();
    const end = this.line < this.starts.length ? this.starts[this.line] : this.text.length;
    return scalar(header === '|-' ? body : `${body}\n`, at, end, Scalar.BLOCK_LITERAL);
  }
}

function scalar(value: string, start: number, end: number, type: Scalar.Type): Scalar {
  const node = new Scalar(value);
  node.range = [start, end, end];
  node.type = type;
  return node;
}

/** The closing quote of a double-quoted scalar on this line (escaped quotes skipped), -1 if none. */
function closingDoubleQuote(text: string, from: number, lineEnd: number): number {
  for (let at = from; at < lineEnd; at++) {
    const code = text.charCodeAt(at);
    if (code === 0x22 /* " */) return at;
    if (code === 0x5c /* \\ */) at++;
  }
  return -1;
}

/** The escapes a one-line double-quoted string may use here; any other is left to `yaml`. */
const ESCAPES: Readonly<Record<string, string>> = { '"': '"', '\\': '\\', '/': '/', n: '\n', t: '\t' };

function unescape(raw: string): string {
  return raw.replace(/\\(.)/g, (_escape, char: string) => ESCAPES[char] ?? unsupported());
}

function closingSingleQuote(text: string, from: number, lineEnd: number): number {
  for (let at = text.indexOf("'", from); at >= 0 && at < lineEnd; at = text.indexOf("'", at + 2)) {
    if (text[at + 1] !== "'") return at;
  }
  return -1;
}

/** First characters of the core schema's non-string plain scalars (besides the empty one). */
const CORE_NON_STRING_START = /^[-+.~0-9nNtTfF]/;

function isCoreNonString(value: string): boolean {
  return (value === '' || CORE_NON_STRING_START.test(value)) && CORE_NON_STRING.some((pattern) => pattern.test(value));
}
