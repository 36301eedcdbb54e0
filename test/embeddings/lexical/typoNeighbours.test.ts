import { describe, expect, it } from 'vitest';
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
