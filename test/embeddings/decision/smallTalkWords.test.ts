import { describe, expect, it } from 'vitest';
import { editDistance, looksLikeNoWord, MIN_LENGTH_FOR_TWO_EDITS, MIN_REPAIRED_LENGTH, SmallTalkWordReader } from '../../../embeddings/decision/smallTalkWords.js';

describe('editDistance', () => {
  it.each([
    ['merci', 'merci', 0],
    ['merco', 'merci', 1],
    ['mrci', 'merci', 1],
    ['bonjoru', 'bonjour', 1],
    ['exelent', 'excellent', 2],
  ])('%s → %s: %i', (a, b, distance) => {
    expect(editDistance(a, b, 2)).toBe(distance);
  });

  it('stops at max + 1', () => {
    expect(editDistance('bonjour', 'toujours', 1)).toBe(2);
    expect(editDistance('a', 'abcdef', 2)).toBe(3);
  });
});

describe('SmallTalkWordReader', () => {
  const LIMITS = { maxWords: 12, maxUnknown: 3 };
  const reader = new SmallTalkWordReader(['merci', 'bonjour', 'excellent', 'journee', 'ok', 'not', 'clair', 'vu', 'reponse', 'pas'], { bjr: 'bonjour', daccord: 'd accord' });

  it('folds, unstretches, applies SMS spellings and reads « n’t » as « not »', () => {
    expect(reader.read('Merciiii !! BJR', LIMITS)).toEqual({ words: ['merci', 'bonjour'], typed: [undefined, undefined] });
    expect(reader.read('doesn’t', LIMITS)).toEqual({ words: ['does', 'not'], typed: [undefined, undefined] });
    expect(reader.read('bonne journé', LIMITS)).toEqual({ words: ['bonne', 'journee'], typed: [undefined, undefined] });
    expect(reader.read('réponse pas claire', LIMITS)).toEqual({ words: ['reponse', 'pas', 'clair'], typed: [undefined, undefined, undefined] });
    // Short words keep their « e » (« vue » is not « vu »).
    expect(reader.read('vue', LIMITS)).toEqual({ words: ['vue'], typed: [undefined] });
  });

  it('reads a typo as the small-talk word it is near, and reports it', () => {
    expect(reader.read('merco', LIMITS)).toEqual({ words: ['merci'], typed: ['merco'] });
    expect(reader.read('dacord', LIMITS)).toEqual({ words: ['d', 'accord'], typed: ['dacord', undefined] });
    expect(reader.read('exelent', LIMITS)).toEqual({ words: ['excellent'], typed: ['exelent'] });
  });

  it('reads the names of Object’s own properties as words, not as aliases', () => {
    expect(reader.read('constructor merci', LIMITS)).toEqual({ words: ['constructor', 'merci'], typed: [undefined, undefined] });
    expect(reader.read('tostring hasownproperty', LIMITS).words).toEqual(['tostring', 'hasownproperty']);
  });

  it('looks for typos only in short messages with few unknown words', () => {
    expect(reader.read('merco', { maxWords: 12, maxUnknown: 0 })).toEqual({ words: ['merco'], typed: [undefined] });
    expect(reader.read('merco merci', { maxWords: 1, maxUnknown: 3 })).toEqual({ words: ['merco', 'merci'], typed: [undefined, undefined] });
  });

  it('leaves short words, numbers and words too far alone', () => {
    expect('oke'.length).toBeLessThan(MIN_REPAIRED_LENGTH);
    expect(reader.read('oke', LIMITS)).toEqual({ words: ['oke'], typed: [undefined] });
    expect('exelnt'.length).toBeLessThan(MIN_LENGTH_FOR_TWO_EDITS);
    expect(reader.read('exelnt mercii2', LIMITS)).toEqual({ words: ['exelnt', 'mercii2'], typed: [undefined, undefined] });
  });
});

describe('looksLikeNoWord', () => {
  it.each(['k', '123', 'jjjj', 'mmmh', 'kk', 'blabla', 'qsdqsd', 'azerty', 'asdfgh', 'poiu', 'fdsfsdf'])('« %s » is no word', (word) => {
    expect(looksLikeNoWord(word)).toBe(true);
  });

  it.each(['bonjour', 'eiffel', 'territoire', 'rgpd', 'rpps', 'sdf', 'dmp', 'referencement', 'tour'])('« %s » may be a word', (word) => {
    expect(looksLikeNoWord(word)).toBe(false);
  });
});
