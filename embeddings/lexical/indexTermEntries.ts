import type { TermEntries } from './EntryVocabulary.js';
import type { LexicalIndex } from './LexicalIndex.js';
import { lowerBound } from './sortedSearch.js';

/**
 * The entries holding each term in some of the index's views, read from the
 * entry-level postings: an entry's vocabulary without a set of words per
 * entry (10,000 sets of a hundred strings cost seconds and hundreds of MB at
 * start-up). A term's entry count is the size of the union of its lists,
 * computed when first asked.
 */
export function indexTermEntries(index: LexicalIndex, views: readonly number[]): TermEntries {
  const lists = views.map((view) => index.entryPostings[view]);
  const frequencies = new Int32Array(index.state.terms.length).fill(-1);
  const entryFrequency = (term: string): number => {
    const id = index.termId(term);
    if (id === undefined) return 0;
    if (frequencies[id] < 0) frequencies[id] = unionSize(lists.map(({ offsets, entries }) => entries.subarray(offsets[id], offsets[id + 1])));
    return frequencies[id];
  };
  // Loops, not `lists.some` with a closure: the evidence asks this for every term of every ranked entry, and each
  // closure was garbage for the next scavenge to sweep.
  const holds = (entryIndex: number, term: string): boolean => {
    const id = index.termId(term);
    if (id === undefined) return false;
    for (let i = 0; i < lists.length; i++) {
      const { offsets, entries } = lists[i];
      const at = lowerBound(entries, offsets[id], offsets[id + 1], entryIndex);
      if (at < offsets[id + 1] && entries[at] === entryIndex) return true;
    }
    return false;
  };
  const holdsId = (id: number): boolean => {
    for (let i = 0; i < lists.length; i++) if (lists[i].offsets[id + 1] > lists[i].offsets[id]) return true;
    return false;
  };
  const knows = (term: string): boolean => {
    const id = index.termId(term);
    return id !== undefined && holdsId(id);
  };
  // The index's own typo search: its dictionary also holds the terms of the single phrasings, left out here.
  const forEachNeighbour = (term: string, visit: (known: string) => void): void =>
    index.neighbours.forEach(term, (id) => {
      if (holdsId(id)) visit(index.state.terms[id]);
    });
  return { entryCount: index.state.entryCount, entryFrequency, knows, holds, forEachNeighbour };
}

/** Number of distinct values in ascending lists. */
function unionSize(lists: readonly Uint32Array[]): number {
  if (lists.length === 1) return lists[0].length;
  if (lists.length !== 2) return new Set(lists.flatMap((list) => [...list])).size;
  const [a, b] = lists;
  let [i, j, count] = [0, 0, 0];
  while (i < a.length && j < b.length) {
    count++;
    if (a[i] < b[j]) i++;
    else if (a[i] > b[j]) j++;
    else {
      i++;
      j++;
    }
  }
  return count + (a.length - i) + (b.length - j);
}
