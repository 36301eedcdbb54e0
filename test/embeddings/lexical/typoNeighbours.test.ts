import { describe, expect, it } from 'vitest';
import { TermNeighbours } from '../../../embeddings/lexical/TermNeighbours.js';
import { forEachNeighbour } from '../../../embeddings/lexical/typoNeighbours.js';
import { editDistance } from './reference/ReferenceBm25Index.js';

/** Every string over `alphabet` of length 0..max. */
function allWords(alphabet: string, max: number): string[] {
  let level = [''];
  const words = [''];
  for (let length = 1; length <= max; length++) {
    level = level.flatMap((word) => [...alphabet].map((letter) => word + letter));
    words.push(...level);
  }
  return words;
}

describe('forEachNeighbour', () => {
  it('visits exactly the strings one edit (swap included) away, over the alphabet', () => {
    const alphabet = 'abc';
    const universe = allWords(alphabet, 5);
    for (const word of allWords(alphabet, 4)) {
      const visited = new Set<string>();
      forEachNeighbour(word, alphabet, (candidate) => visited.add(candidate));
      const expected = universe.filter((other) => editDistance(word, other, 1) === 1);
      expect([...visited].sort(), word).toEqual(expected.sort());
    }
  });
});

describe('TermNeighbours', () => {
  it('finds exactly the terms of its dictionary one edit away that forEachNeighbour spells out', () => {
    const alphabet = 'abc';
    const dictionary = allWords(alphabet, 5).filter((_, i) => i % 3 !== 1);
    const ids = new Map(dictionary.map((term, id) => [term, id]));
    const neighbours = new TermNeighbours(dictionary, 2);
    expect(neighbours.alphabet).toBe(alphabet);
    for (const word of allWords('abcd', 4)) {
      const expected = new Set<number>();
      forEachNeighbour(word, alphabet, (candidate) => {
        const id = ids.get(candidate);
        if (id !== undefined && candidate.length >= 2) expected.add(id);
      });
      const found = new Set<number>();
      neighbours.forEach(word, (id) => found.add(id));
      expect([...found].sort((a, b) => a - b), word).toEqual([...expected].sort((a, b) => a - b));
    }
  });

  it('checks a matching hash against the term: words longer than its scratch, non-ASCII letters', () => {
    const long = 'x'.repeat(80);
    const dictionary = [`${long}a`, 'œuvre', 'ouvre', 'éxamen'];
    const neighbours = new TermNeighbours(dictionary, 5);
    const found = (word: string): string[] => {
      const terms: string[] = [];
      neighbours.forEach(word, (id) => terms.push(dictionary[id]));
      return [...new Set(terms)].sort();
    };
    expect(found(long)).toEqual([`${long}a`]);
    expect(found(`${long}b`)).toEqual([`${long}a`]);
    expect(found('œuvr')).toEqual(['œuvre']);
    expect(found('ouvres')).toEqual(['ouvre']);
    expect(found('examen')).toEqual(['éxamen']);
    expect(found('ouvre')).toEqual(['œuvre']);
  });
});
