import { describe, expect, it } from 'vitest';
import { formatKbPatch, parseKbPatch } from '../../../knowledge/index.js';

const BEFORE = 'entries:\n  - id: a\n    alternates:\n      - "un"\n      - "deux"\n    theme: x\n';
const AFTER = BEFORE.replace('      - "deux"\n', '      - "deux"\n      - "trois"\n');

describe('formatKbPatch and parseKbPatch', () => {
  it('write a git-style unified diff under the KB prefix and read it back', () => {
    const patch = formatKbPatch([{ path: 'entries/x.yaml', before: BEFORE, after: AFTER }]);
    expect(patch).toBe(
      '--- a/knowledge/data/entries/x.yaml\n+++ b/knowledge/data/entries/x.yaml\n@@ -2,5 +2,6 @@\n' +
        '   - id: a\n     alternates:\n       - "un"\n       - "deux"\n+      - "trois"\n     theme: x\n',
    );
    const parsed = parseKbPatch(patch);
    expect(parsed.ok && parsed.files.map((file) => [file.path, file.creates])).toEqual([['entries/x.yaml', false]]);
    expect(formatKbPatch([])).toBe('');
  });

  it('accept paths relative to the KB folder and new files; another prefix when asked', () => {
    const created = formatKbPatch([{ path: 'entries/segur.yaml', before: undefined, after: 'entries: []\n' }], 'kb');
    expect(created.startsWith('--- /dev/null\n+++ b/kb/entries/segur.yaml\n')).toBe(true);
    const parsed = parseKbPatch(created, 'kb');
    expect(parsed.ok && parsed.files.map((file) => [file.path, file.creates])).toEqual([['entries/segur.yaml', true]]);
    const bare = parseKbPatch('--- a/entries/x.yaml\n+++ b/entries/x.yaml\n@@ -1,1 +1,1 @@\n-a\n+b\n');
    expect(bare.ok && bare.files.map((file) => file.path)).toEqual(['entries/x.yaml']);
  });

  it('name every problem of a patch it refuses', () => {
    const hunk = '@@ -1,1 +1,1 @@\n-a\n+b\n';
    const patch = [
      `--- a/knowledge/data/entries/x.yaml\n+++ b/knowledge/data/entries/y.yaml\n${hunk}`,
      `--- a/knowledge/data/entries/z.yaml\n+++ b/knowledge/data/entries/z.yaml\n${hunk}`,
      `--- a/knowledge/data/entries/z.yaml\n+++ b/knowledge/data/entries/z.yaml\n${hunk}`,
      `--- a/knowledge/data/Entries/Z.YAML\n+++ b/knowledge/data/Entries/Z.YAML\n${hunk}`,
      `--- a/adapters/main.ts\n+++ b/adapters/main.ts\n${hunk}`,
    ].join('');
    expect(parseKbPatch(patch)).toEqual({
      ok: false,
      errors: [
        'a/knowledge/data/entries/x.yaml → b/knowledge/data/entries/y.yaml: renaming a file is not supported',
        'entries/z.yaml: the patch changes this file twice',
        'b/knowledge/data/Entries/Z.YAML: not a file of the KB folder (knowledge/data/entries/*.yaml, taxonomy.yaml, synonyms.yaml)',
        'b/adapters/main.ts: not a file of the KB folder (knowledge/data/entries/*.yaml, taxonomy.yaml, synonyms.yaml)',
      ],
    });
    expect(parseKbPatch('')).toEqual({ ok: false, errors: ['the patch changes no file'] });
    const malformed = parseKbPatch('--- a/knowledge/data/entries/x.yaml\n+++ b/knowledge/data/entries/x.yaml\n@@ -1,2 +1,3 @@\n a\n+b\n');
    expect(malformed.ok).toBe(false);
    expect(!malformed.ok && malformed.errors[0]).toMatch(/^malformed patch: /);
  });
});
