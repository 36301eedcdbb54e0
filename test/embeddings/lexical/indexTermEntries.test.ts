import { describe, expect, it } from 'vitest';
import { termEntriesOfSets } from '../../../embeddings/lexical/EntryVocabulary.js';
import { createFrenchAnalyzer } from '../../../embeddings/lexical/frenchAnalyzer.js';
import { indexTermEntries } from '../../../embeddings/lexical/indexTermEntries.js';
import { ANSWER_VIEW, buildLexicalIndex, PHRASINGS_VIEW } from '../../../embeddings/lexical/lexicalViews.js';
import { loadRealKnowledgeBase } from '../../fixtures/kb.js';
import { entryPhrasings } from '../../../knowledge/index.js';

describe('indexTermEntries', () => {
  it('reads from the postings what a set of words per entry says: entry counts, holdings, typo neighbours', async () => {
    const kb = await loadRealKnowledgeBase();
    const analyzer = createFrenchAnalyzer(kb.synonyms);
    const index = buildLexicalIndex(kb.entries, analyzer);
    const sets = kb.entries.map(
      (entry) => new Set([...analyzer.analyze(entryPhrasings(entry).join('\n')), ...analyzer.analyze(entry.answer)]),
    );
    const fromSets = termEntriesOfSets(sets);
    const fromIndex = indexTermEntries(index, [PHRASINGS_VIEW, ANSWER_VIEW]);
    const terms = [...new Set(sets.flatMap((set) => [...set]))];
    expect(terms.length).toBeGreaterThan(100);
    expect(fromIndex.entryCount).toBe(kb.entries.length);
    for (const term of [...terms, 'jamais-vu']) {
      expect(fromIndex.entryFrequency(term), term).toBe(fromSets.entryFrequency(term));
      expect(fromIndex.knows(term), term).toBe(fromSets.knows(term));
      for (let entry = 0; entry < kb.entries.length; entry++) expect(fromIndex.holds(entry, term)).toBe(fromSets.holds(entry, term));
    }
    // Typos of every term (a letter dropped, doubled, replaced): the same known neighbours, through the index's typo search.
    const neighbours = (entries: typeof fromSets, typo: string): string[] => {
      const found = new Set<string>();
      entries.forEachNeighbour(typo, (known) => found.add(known));
      return [...found].sort();
    };
    let found = 0;
    for (const term of terms.filter((t) => t.length >= 5)) {
      for (const typo of [term.slice(1), `${term[0]}${term}`, `${term.slice(0, 2)}z${term.slice(3)}`, `${term}e`]) {
        const expected = neighbours(fromSets, typo);
        found += expected.length;
        expect(neighbours(fromIndex, typo), typo).toEqual(expected);
      }
    }
    expect(found).toBeGreaterThan(terms.length);
  });
});
