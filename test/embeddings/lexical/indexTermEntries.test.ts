import { describe, expect, it } from 'vitest';
import { termEntriesOfSets } from '../../../embeddings/lexical/EntryVocabulary.js';
import { createFrenchAnalyzer } from '../../../embeddings/lexical/frenchAnalyzer.js';
import { indexTermEntries } from '../../../embeddings/lexical/indexTermEntries.js';
import { ANSWER_VIEW, buildLexicalIndex, PHRASINGS_VIEW } from '../../../embeddings/lexical/lexicalViews.js';
import { loadRealKnowledgeBase } from '../../fixtures/kb.js';

describe('indexTermEntries', () => {
  it('reads from the postings what a set of words per entry says: entry counts, holdings, alphabet', async () => {
    const kb = await loadRealKnowledgeBase();
    const analyzer = createFrenchAnalyzer(kb.synonyms);
    const index = buildLexicalIndex(kb.entries, analyzer);
    const sets = kb.entries.map(
      (entry) => new Set([...analyzer.analyze([entry.question, ...entry.alternates].join('\n')), ...analyzer.analyze(entry.answer)]),
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
    // The index's alphabet may hold more letters (the single phrasings' terms): never fewer.
    for (const letter of fromSets.alphabet) expect(fromIndex.alphabet).toContain(letter);
  });
});
