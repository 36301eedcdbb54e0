import { describe, expect, it } from 'vitest';
import { QueryReader } from '../../../embeddings/lexical/QueryReader.js';
import { createFrenchAnalyzer } from '../../../embeddings/lexical/frenchAnalyzer.js';
import { loadRealKnowledgeBase } from '../../fixtures/kb.js';

const kb = await loadRealKnowledgeBase();
const reader = new QueryReader(kb.entries, createFrenchAnalyzer(kb.synonyms));

describe('QueryReader', () => {
  it('does not count general words of asking as words the FAQ does not know', () => {
    const plain = reader.read('Le MOS, ça désigne quoi au juste ?').weighed.evidence;
    expect(plain.unknownRarity).toBe(0);
    expect(plain.coverage).toBe(1);
    // A word of another subject still counts as unknown.
    expect(reader.read('Le MOS, ça désigne quoi en blanquette ?').weighed.evidence.unknownRarity).toBeGreaterThan(0);
  });

  it('weighs an English question by its French glosses', () => {
    const evidence = reader.read('Is listing in the catalogue mandatory?').weighed.evidence;
    expect(evidence.english).toBe(true);
    expect(evidence.unknownRarity).toBe(0);
  });

  it('reads « nous éditons » as the verb the FAQ knows', () => {
    const edited = reader.read('Nous éditons une application de santé : le référencement est-il obligatoire pour nous ?');
    const plain = reader.read('Nous zzzons une application de santé : le référencement est-il obligatoire pour nous ?');
    expect(edited.terms.length).toBe(plain.terms.length);
    expect(edited.weighed.evidence.messageCoverage).toBeGreaterThan(plain.weighed.evidence.messageCoverage);
  });

  it('reads a definition question with « définition », the word the KB’s definition phrasings say', () => {
    const analyzer = createFrenchAnalyzer(kb.synonyms);
    const [definition] = analyzer.analyze('définition');
    expect(reader.read('Le MOS, ça désigne quoi ?').terms).toContain(definition);
    expect(reader.read('cest quoi le mos exactement').terms).toContain(definition);
    expect(reader.read('À quelle fréquence le MOS est-il mis à jour ?').terms).not.toContain(definition);
  });
});
