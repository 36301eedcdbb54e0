import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { readBlockYaml } from '../../knowledge/blockYaml.js';
import { loadKnowledgeBase, validateEntries } from '../../knowledge/index.js';
import { syntheticEntries } from '../bench/scale/syntheticKb.js';
import { ENTRIES_FILE, ENTRIES_YAML, lineOf } from './support/kbFixture.js';
import { REAL_KB_DIR } from './support/paths.js';

const entriesDir = path.join(REAL_KB_DIR, 'entries');

/**
 * The same file with CRLF line ends: the fast reader declines it, so `yaml`'s
 * parseDocument reads it, with the same values, lines and columns.
 */
function withCrlf(text: string): string {
  return text.replaceAll('\n', '\r\n');
}

describe('validateEntries: the fast reader and parseDocument give the same validation', () => {
  it('on the real entries files, the fixture and synthetic files', async () => {
    const real = await loadKnowledgeBase(REAL_KB_DIR);
    const texts = [
      ...readdirSync(entriesDir).map((name) => readFileSync(path.join(entriesDir, name), 'utf8')),
      ENTRIES_YAML,
      stringify({ entries: syntheticEntries(real.entries, 60, 'varied') }, { lineWidth: 0, aliasDuplicateObjects: false }),
    ];
    for (const text of texts) {
      const fast = validateEntries({ file: ENTRIES_FILE, text });
      expect(fast.problems).toEqual([]);
      expect(fast.drafts.length).toBeGreaterThan(1);
      expect(fast).toEqual(validateEntries({ file: ENTRIES_FILE, text: withCrlf(text) }));
    }
  });

  it('reports problems in a file the fast reader reads as parseDocument locates them', () => {
    const text = ENTRIES_YAML.replace('id: premiere-entree', 'id: Premiere_Entree').replace('contact: innovation@esante.gouv.fr', 'contact: innovation');
    expect(readBlockYaml(text)).toBeDefined();
    const problems = validateEntries({ file: ENTRIES_FILE, text }).problems;
    expect(problems.map((problem) => problem.field)).toEqual(['id', 'contact']);
    expect(problems).toEqual(validateEntries({ file: ENTRIES_FILE, text: withCrlf(text) }).problems);
    expect(problems[0]).toMatchObject({ line: lineOf(text, 'id: Premiere_Entree'), column: 9, entryId: 'Premiere_Entree' });
  });
});
