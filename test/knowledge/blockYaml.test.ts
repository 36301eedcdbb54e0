import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isMap, isScalar, isSeq, parseDocument, stringify } from 'yaml';
import { loadKnowledgeBase } from '../../knowledge/index.js';
import { readBlockYaml } from '../../knowledge/blockYaml.js';
import { seededRandom, syntheticEntries } from '../bench/scale/syntheticKb.js';
import { ENTRIES_YAML } from './support/kbFixture.js';
import { REAL_KB_DIR } from './support/paths.js';

/** A tree as the validators see it: kinds, keys, scalar values and types, and each node's start offset. */
function shape(node: unknown): unknown {
  if (isMap(node)) return { map: node.range?.[0], items: node.items.map((pair) => [shape(pair.key), shape(pair.value)]) };
  if (isSeq(node)) return { seq: node.range?.[0], items: node.items.map(shape) };
  if (isScalar(node)) return { at: node.range?.[0], value: node.value, type: node.type };
  return { other: String(node) };
}

/** What parseDocument gives, or undefined when it reports an error. */
function reference(text: string): unknown {
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true });
  return doc.errors.length === 0 ? shape(doc.contents) : undefined;
}

/** Reads `text` both ways: undefined when the fast reader declines it, else both trees (which must be equal). */
function both(text: string): { fast: unknown; full: unknown } | undefined {
  const fast = readBlockYaml(text);
  return fast === undefined ? undefined : { fast: shape(fast.root), full: reference(text) };
}

function expectSame(text: string): void {
  const read = both(text);
  expect(read, text).toBeDefined();
  expect(read?.fast, text).toEqual(read?.full);
}

const entriesDir = path.join(REAL_KB_DIR, 'entries');

describe('readBlockYaml', () => {
  it('reads the real entries files and the fixture as parseDocument does, positions included', () => {
    for (const name of readdirSync(entriesDir)) expectSame(readFileSync(path.join(entriesDir, name), 'utf8'));
    expectSame(ENTRIES_YAML);
  });

  it('reads what the synthetic KBs print (plain, quoted and literal scalars) as parseDocument does', async () => {
    const real = await loadKnowledgeBase(REAL_KB_DIR);
    for (const form of ['shared', 'varied'] as const) {
      const entries = syntheticEntries(real.entries, 120, form);
      expectSame(stringify({ entries }, { lineWidth: 0, aliasDuplicateObjects: false }));
    }
  });

  it('records every line start, so positions convert to the lines parseDocument gives', () => {
    const text = 'a: x\n\n# c\nb:\n  - "y"\n';
    expect(readBlockYaml(text)?.lineStarts).toEqual([0, 5, 6, 10, 13, 21]);
  });

  it.each([
    ['compact sequence under a key', 'entries:\n- a\n- b\nother: c\n'],
    ['single quotes with an escaped quote', "a: 'l''offre'\n"],
    ['a quoted scalar followed by a comment', 'a: "x" # note\nb: y\n'],
    ['literal, clipped, with inner and trailing blank lines', 'a: |\n  one\n\n  two\n\n\nb: c\n'],
    ['literal, stripped, more indented lines kept', 'a: |-\n   one\n     two\n   # not a comment\nb: c\n'],
    ['a literal ended by a less indented comment', 'a:\n  b: |-\n    text\n  # comment\n  c: d\n'],
    ['strings that look like other types but are not', 'a: 2026-11-26\nb: yes\nc: 1.2.3\nd: nulls\ne: 0x\n'],
    ['a plain scalar with inner quotes and hashes', 'a: l\'offre "x" C#\n'],
    ['double-quoted escapes', 'a: "say \\"x\\" a\\\\b\\/c\\nd"\n'],
    ['nested mappings and sequences', 'a:\n  b:\n    - c: d\n      e:\n        - f\n    - g\n'],
  ])('agrees with parseDocument: %s', (_name, text) => {
    expectSame(text);
  });

  it.each([
    ['a number', 'a: 12\n'],
    ['a boolean', 'a: true\n'],
    ['a null value', 'a:\nb: c\n'],
    ['a duplicate key', 'a: x\na: y\n'],
    ['a flow sequence', 'a: [x]\n'],
    ['a folded scalar', 'a: >\n  x\n'],
    ['a multi-line plain scalar', 'a: x\n  y\n'],
    ['a multi-line quoted scalar', 'a: "x\n  y"\n'],
    ['a double-quoted escape outside the simple ones', 'a: "x\\u00e9y"\n'],
    ['a tab', 'a:\tx\n'],
    ['CRLF line ends', 'a: x\r\n'],
    ['an anchor', 'a: &x y\n'],
    ['a document marker', '---\na: x\n'],
    ['a key with a colon in its value', 'a: b: c\n'],
    ['a trailing comment on a plain scalar', 'a: x # y\n'],
    ['a literal with an indentation indicator', 'a: |2\n  x\n'],
    ['a literal header followed by spaces (an error for yaml)', 'a: | \n  x\n'],
    ['a clipped literal at the end of a text without a final line break', 'a: |\n  x'],
    ['a badly indented key', 'a: x\n b: y\n'],
    ['a scalar root', 'x\n'],
    ['an empty text', ''],
  ])('declines %s (parseDocument decides)', (_name, text) => {
    expect(readBlockYaml(text)).toBeUndefined();
  });

  it('never accepts a text parseDocument rejects, nor reads one differently (random edits of a real file)', () => {
    const random = seededRandom(7);
    const base = readFileSync(path.join(entriesDir, readdirSync(entriesDir)[0]), 'utf8').slice(0, 4000);
    const pieces = [' ', '  ', '\n', ':', ': ', '#', ' #', '-', '- ', '"', "'", '|', '|-', '\n  ', '0', 'true', '[', '\\', '\\"', '\\n', 'é', '| ', '|- ', '\u00a0', '😀', '\n- ', 'k: v', "''", 'null', '.5'];
    let read = 0;
    for (let i = 0; i < 5000; i++) {
      let text = base;
      for (let edit = 0; edit < 1 + Math.floor(random() * 3); edit++) {
        const at = Math.floor(random() * text.length);
        const cut = random() < 0.5 ? Math.floor(random() * 3) : 0;
        text = text.slice(0, at) + pieces[Math.floor(random() * pieces.length)] + text.slice(at + cut);
      }
      const result = both(text);
      if (result === undefined) continue;
      read++;
      expect(result.full, text).toBeDefined();
      expect(result.fast, text).toEqual(result.full);
    }
    // Most single edits keep the file in the subset: the comparison above ran on many texts.
    expect(read).toBeGreaterThan(800);
  });
});
