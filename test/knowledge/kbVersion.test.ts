import { describe, expect, it } from 'vitest';
import { canonicalJson, computeKbVersion, shortVersion, type FaqEntry } from '../../knowledge/index.js';

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
});

describe('computeKbVersion', () => {
  it('ignores where entries were read and key order', () => {
    const moved = { ...content, entries: [{ ...entry, source: { file: 'b.yaml', line: 40 } }] };
    const reordered = { synonyms: content.synonyms, taxonomy: content.taxonomy, entries: [reversedEntry] };
    expect(computeKbVersion(moved)).toBe(computeKbVersion(content));
    expect(computeKbVersion(reordered)).toBe(computeKbVersion(content));
  });

  it('changes with the answer, the synonyms or the taxonomy', () => {
    const base = computeKbVersion(content);
    expect(computeKbVersion({ ...content, entries: [{ ...entry, answer: 'R !' }] })).not.toBe(base);
    expect(computeKbVersion({ ...content, synonyms: [] })).not.toBe(base);
    expect(computeKbVersion({ ...content, taxonomy: { questions: [{ facet: 'offer', prompt: 'P', choices: [] }] } })).not.toBe(base);
    expect(shortVersion(base)).toBe(base.slice(0, 12));
  });
});
