import { describe, expect, it } from 'vitest';
import { EntryVocabulary, termEntriesOfSets } from '../../../embeddings/lexical/EntryVocabulary.js';
import { weighQuery } from '../../../embeddings/lexical/queryEvidence.js';

const vocabulary = new EntryVocabulary(
  termEntriesOfSets([new Set(['referenc', 'catalogu', 'obligatoir']), new Set(['referenc', 'avantag']), new Set(['mos', 'definit'])]),
);

describe('EntryVocabulary', () => {
  it('weighs a term by the entries that have it: rarer is heavier, unknown is heaviest', () => {
    expect(vocabulary.idf('obligatoir')).toBeGreaterThan(vocabulary.idf('referenc'));
    expect(vocabulary.unknownIdf).toBeGreaterThan(vocabulary.idf('obligatoir'));
    expect(vocabulary.idf('jamais-vu')).toBe(vocabulary.unknownIdf);
  });

  it('resolves a typo one edit from a known term, and nothing else', () => {
    expect(vocabulary.resolve('referenc')).toBe('referenc');
    expect(vocabulary.resolve('refrenc')).toBe('referenc');
    expect(vocabulary.resolve('obligatoier')).toBe('obligatoir');
    expect(vocabulary.resolve('catalgu')).toBe('catalogu');
    expect(vocabulary.resolve('mas')).toBeUndefined();
    expect(vocabulary.resolve('meteorolog')).toBeUndefined();
  });
});

describe('weighQuery', () => {
  it('measures how much of the question the KB knows and each entry explains, rare words weighing more', () => {
    const weighed = weighQuery(vocabulary, ['referenc', 'obligatoir'], ['referenc', 'obligatoir'], { question: 'q', english: false, withContext: false });
    expect(weighed.evidence).toMatchObject({ coverage: 1, messageCoverage: 1, unknownRarity: 0, questionTerms: 2 });
    expect(weighed.match(0)).toEqual({ question: 1, message: 1 });
    const second = weighed.match(1).question;
    // Entry 1 has "referenc" only: less than half of the question, as "obligatoir" is the rarer word.
    expect(second).toBeGreaterThan(0);
    expect(second).toBeLessThan(0.5);
    expect(weighed.match(2)).toEqual({ question: 0, message: 0 });
  });

  it('counts words of the context in the message figures only', () => {
    const weighed = weighQuery(vocabulary, ['mos'], ['pharmaci', 'officin', 'mos'], { question: 'q', english: false, withContext: true });
    expect(weighed.evidence.coverage).toBe(1);
    expect(weighed.evidence.messageCoverage).toBeLessThan(0.5);
    expect(weighed.match(2).question).toBe(1);
  });

  it('says how much of the question is unknown', () => {
    const weighed = weighQuery(vocabulary, ['mos', 'prix'], ['mos', 'prix'], { question: 'q', english: false, withContext: false });
    expect(weighed.evidence.unknownRarity).toBe(0.5);
    expect(weighed.evidence.coverage).toBeLessThan(0.5);
  });

  it('leaves out the general words the KB does not know, and counts those it knows', () => {
    const general = (term: string) => term === 'signifi' || term === 'referenc';
    const weighed = weighQuery(vocabulary, ['signifi', 'mos'], ['signifi', 'mos'], { question: 'q', english: false, withContext: false }, general);
    expect(weighed.evidence).toMatchObject({ coverage: 1, unknownRarity: 0, questionTerms: 1 });
    const known = weighQuery(vocabulary, ['referenc', 'prix'], ['referenc', 'prix'], { question: 'q', english: false, withContext: false }, general);
    expect(known.evidence).toMatchObject({ unknownRarity: 0.5, questionTerms: 2 });
  });

  it('measures how much of the question an entry’s answer alone holds, when told', () => {
    // Entry 0's answer says « référencement » but not « obligatoire » (only its phrasings do).
    const answerHolds = (entry: number, term: string) => entry === 0 && term === 'referenc';
    const weighed = weighQuery(vocabulary, ['referenc', 'obligatoir'], ['referenc', 'obligatoir'], { question: 'q', english: false, withContext: false }, () => false, answerHolds);
    const { question, answer } = weighed.match(0);
    expect(question).toBe(1);
    expect(answer).toBeGreaterThan(0);
    expect(answer).toBeLessThan(0.5);
    expect(weighed.match(1).answer).toBe(0);
  });

  it('tells whether an entry names the action a « comment… » question asks, typos corrected', () => {
    const facts = { question: 'q', english: false, withContext: false };
    const weighed = weighQuery(vocabulary, ['referenc', 'avantag'], ['referenc', 'avantag'], facts, () => false, undefined, ['catalgu']);
    expect(weighed.match(0).action).toBe(true);
    expect(weighed.match(1).action).toBe(false);
    expect(weighQuery(vocabulary, ['mos'], ['mos'], facts).match(2).action).toBeUndefined();
  });
});
