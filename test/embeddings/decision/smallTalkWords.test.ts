import { describe, expect, it } from 'vitest';
import { editDistance, MIN_LENGTH_FOR_TWO_EDITS, MIN_REPAIRED_LENGTH, SmallTalkWordReader } from '../../../embeddings/decision/smallTalkWords.js';

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
  const reader = new SmallTalkWordReader(['merci', 'bonjour', 'excellent', 'journee', 'ok', 'not'], { bjr: 'bonjour', daccord: 'd accord' });

  it('folds, unstretches, applies SMS spellings and reads « n’t » as « not »', () => {
    expect(reader.read('Merciiii !! BJR')).toEqual({ words: ['merci', 'bonjour'], typed: [undefined, undefined] });
    expect(reader.read('doesn’t')).toEqual({ words: ['does', 'not'], typed: [undefined, undefined] });
    expect(reader.read('bonne journé')).toEqual({ words: ['bonne', 'journee'], typed: [undefined, undefined] });
  });

  it('reads a typo as the small-talk word it is near, and reports it', () => {
    expect(reader.read('merco')).toEqual({ words: ['merci'], typed: ['merco'] });
    expect(reader.read('dacord')).toEqual({ words: ['d', 'accord'], typed: ['dacord', undefined] });
    expect(reader.read('exelent')).toEqual({ words: ['excellent'], typed: ['exelent'] });
  });

  it('leaves short words, numbers and words too far alone', () => {
    expect('oke'.length).toBeLessThan(MIN_REPAIRED_LENGTH);
    expect(reader.read('oke')).toEqual({ words: ['oke'], typed: [undefined] });
    expect('exelnt'.length).toBeLessThan(MIN_LENGTH_FOR_TWO_EDITS);
    expect(reader.read('exelnt mercii2')).toEqual({ words: ['exelnt', 'mercii2'], typed: [undefined, undefined] });
  });
});
