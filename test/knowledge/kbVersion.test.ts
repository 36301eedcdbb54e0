import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { canonicalJson, computeKbVersion, loadKnowledgeBase, shortVersion, type FaqEntry } from '../../knowledge/index.js';
import { REAL_KB_DIR } from './support/paths.js';

/** canonicalJson's definition: sorted copies, then JSON.stringify. */
function referenceJson(value: unknown): string {
  const sortKeys = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(sortKeys);
    if (v !== null && typeof v === 'object') {
      const members = Object.entries(v).filter(([, m]) => m !== undefined);
      members.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      return Object.fromEntries(members.map(([k, m]) => [k, sortKeys(m)]));
    }
    return v;
  };
  return JSON.stringify(sortKeys(value));
}

const entry: FaqEntry = {
  id: 'a', question: 'Q ?', alternates: ['x'], answer: 'R.', offer: 'innovation', theme: 'presentation', links: [],
  source: { file: 'a.yaml', line: 2 },
};
/** The same entry written with its keys in reverse order. */
const reversedEntry: FaqEntry = {
  source: { line: 2, file: 'a.yaml' }, links: [], theme: 'presentation', offer: 'innovation', answer: 'R.', alternates: ['x'], question: 'Q ?', id: 'a',
};
const content = { entries: [entry], taxonomy: { questions: [] }, synonyms: [{ canonical: 'ANS', terms: ['agence'] }] };

describe('canonicalJson', () => {
  it('sorts keys recursively and drops undefined members, keeping array order', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, 1], c: undefined } })).toBe('{"a":{"d":[2,1]},"b":1}');
  });

  it('is JSON.stringify of the sorted copy, whatever the values', () => {
    const values: unknown[] = [
      { é: 1, e: 2, E: 3, '10': 4, '9': 5, '4294967295': 6, '01': 7, z: [undefined, null, 'a"\\\n\u2028', -0, 1.5e300, Number.NaN, true] },
      [{ b: { d: 1, c: [{ y: 1, x: 2 }] }, a: 'x' }, [], {}],
      [{ a: 1, b: { c: [{ x: 1, y: undefined }], d: 'é' } }, { a: [1, undefined] }],
      { a: 1, b: { d: 1, c: 2 } },
      { a: new Date(0), b: new Map([['k', 1]]) },
      { kept: 1, fn: () => 1, list: [() => 1, Symbol('s')] },
      'text',
      42,
      null,
    ];
    for (const value of values) expect(canonicalJson(value)).toBe(referenceJson(value));
  });
});

describe('computeKbVersion', () => {
  it('ignores where entries were read and key order', () => {
    const moved = { ...content, entries: [{ ...entry, source: { file: 'b.yaml', line: 40 } }] };
    const reordered = { synonyms: content.synonyms, taxonomy: content.taxonomy, entries: [reversedEntry] };
    expect(computeKbVersion(moved)).toBe(computeKbVersion(content));
    expect(computeKbVersion(reordered)).toBe(computeKbVersion(content));
  });

  it('is the sha256 of the canonical JSON of the content without where entries and asked questions were read (the real KB)', async () => {
    const kb = await loadKnowledgeBase(REAL_KB_DIR);
    const entries = kb.entries.map(({ source: _source, ...rest }) => rest);
    const asked = kb.asked.map(({ file: _file, ...rest }) => rest);
    expect(asked.length).toBeGreaterThan(0);
    const json = referenceJson({ asked, entries, taxonomy: kb.taxonomy, synonyms: kb.synonyms });
    expect(kb.version).toBe(createHash('sha256').update(json, 'utf8').digest('hex'));
  });

  it('hashes entry by entry the bytes of the whole canonical JSON, with entries of different keys, orders and characters', () => {
    const entries: FaqEntry[] = [
      { ...reversedEntry, id: 'b', answer: 'L’« été » 🙂', links: [{ label: 'Lien', url: 'https://esante.gouv.fr' }] },
      entry,
      { ...entry, id: 'c', corridor: 'dpi', alternates: [] },
    ];
    const expected = referenceJson({ entries: entries.map(({ source: _source, ...rest }) => rest), taxonomy: content.taxonomy, synonyms: content.synonyms });
    expect(computeKbVersion({ ...content, entries })).toBe(createHash('sha256').update(expected, 'utf8').digest('hex'));
  });

  it('changes with the answer, the synonyms, the taxonomy or an asked question, not with an asked file without questions', () => {
    const base = computeKbVersion(content);
    const askedFile = { file: 'asked/a.yaml', inScope: [{ id: 'a', q: 'Q, vraiment ?' }], outOfScope: [], smallTalk: [] };
    expect(computeKbVersion({ ...content, asked: [askedFile] })).not.toBe(base);
    expect(computeKbVersion({ ...content, asked: [{ ...askedFile, outOfScope: [{ q: 'Autre ?' }] }] })).not.toBe(computeKbVersion({ ...content, asked: [askedFile] }));
    expect(computeKbVersion({ ...content, asked: [{ ...askedFile, inScope: [] }] })).toBe(base);
    expect(computeKbVersion({ ...content, entries: [{ ...entry, answer: 'R !' }] })).not.toBe(base);
    expect(computeKbVersion({ ...content, synonyms: [] })).not.toBe(base);
    expect(computeKbVersion({ ...content, taxonomy: { questions: [{ facet: 'offer', prompt: 'P', choices: [] }] } })).not.toBe(base);
    expect(shortVersion(base)).toBe(base.slice(0, 12));
  });
});
