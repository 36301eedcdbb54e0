import { editDistance, TYPO_MAX_EDITS, TYPO_MIN_LENGTH } from './bm25.js';
import { forEachNeighbour } from './typoNeighbours.js';

/**
 * Which FAQ entries hold each analysed term (all their phrasings and their
 * answer): what EntryVocabulary reads. The lexical index answers from its
 * postings (LexicalIndex.termEntries), without a set of words per entry.
 */
export interface TermEntries {
  readonly entryCount: number;
  /** Number of entries holding `term` (0 when none does). */
  entryFrequency(term: string): number;
  /** Whether some entry holds `term` (entryFrequency > 0, without counting). */
  knows(term: string): boolean;
  /** Whether entry `entryIndex` holds `term`. */
  holds(entryIndex: number, term: string): boolean;
  /** Calls `visit` with the terms some entry holds, at least TYPO_MIN_LENGTH long, one edit from `term` (duplicates possible). */
  forEachNeighbour(term: string, visit: (known: string) => void): void;
}

/** TermEntries of one set of analysed terms per entry. */
export function termEntriesOfSets(entryTerms: readonly ReadonlySet<string>[]): TermEntries {
  const frequencies = new Map<string, number>();
  for (const terms of entryTerms) for (const term of terms) frequencies.set(term, (frequencies.get(term) ?? 0) + 1);
  const letters = new Set<string>();
  for (const term of frequencies.keys()) if (term.length >= TYPO_MIN_LENGTH) for (const unit of term.split('')) letters.add(unit);
  const alphabet = [...letters].sort().join('');
  return {
    entryCount: entryTerms.length,
    entryFrequency: (term) => frequencies.get(term) ?? 0,
    knows: (term) => frequencies.has(term),
    holds: (entryIndex, term) => entryTerms[entryIndex]?.has(term) ?? false,
    forEachNeighbour: (term, visit) =>
      forEachNeighbour(term, alphabet, (candidate) => {
        if (candidate.length >= TYPO_MIN_LENGTH && frequencies.has(candidate)) visit(candidate);
      }),
  };
}

/**
 * The analysed terms of each FAQ entry (all its phrasings and its answer),
 * with their rarity across entries: what the decision weighs a query's words
 * with. A word found in few entries says more about what is asked than one
 * found in most ("référencement" vs "santé"); a word no entry has says the
 * question is about something the FAQ may not cover.
 */
export class EntryVocabulary {
  private readonly corrections = new Map<string, string | undefined>();
  /** IDF of a term no entry has: rarer than the rarest known term. */
  readonly unknownIdf: number;

  constructor(private readonly terms: TermEntries) {
    this.unknownIdf = this.idfOf(0);
  }

  get entries(): number {
    return this.terms.entryCount;
  }

  knows(term: string): boolean {
    return this.terms.knows(term);
  }

  /**
   * The known term a query term stands for: itself, or the most widespread
   * known term one edit away (typos, as the BM25 index corrects them; the
   * first in code-unit order on ties); undefined when there is none. The
   * candidates are the term's edit neighbours (TermEntries.forEachNeighbour):
   * a few hundred lookups, whatever the size of the vocabulary.
   */
  resolve(term: string): string | undefined {
    if (this.knows(term)) return term;
    if (term.length < TYPO_MIN_LENGTH) return undefined;
    if (this.corrections.has(term)) return this.corrections.get(term);
    const candidates = new Set<string>();
    this.terms.forEachNeighbour(term, (candidate) => candidates.add(candidate));
    let best: string | undefined;
    let bestFrequency = 0;
    // Sorted so that equally widespread corrections resolve the same way whatever the enumeration order.
    for (const known of [...candidates].sort()) {
      const frequency = this.terms.entryFrequency(known);
      if (frequency > bestFrequency && editDistance(known, term, TYPO_MAX_EDITS) <= TYPO_MAX_EDITS) {
        best = known;
        bestFrequency = frequency;
      }
    }
    if (this.corrections.size >= MAX_REMEMBERED_CORRECTIONS) this.corrections.clear();
    this.corrections.set(term, best);
    return best;
  }

  /** Smoothed inverse entry frequency, in nats; unknown terms get {@link unknownIdf}. */
  idf(term: string): number {
    return this.idfOf(this.terms.entryFrequency(term));
  }

  /** Whether entry `entryIndex` has the (resolved) term. */
  has(entryIndex: number, term: string): boolean {
    return this.terms.holds(entryIndex, term);
  }

  private idfOf(frequency: number): number {
    return Math.log((this.terms.entryCount + 1) / (frequency + 0.5));
  }
}

/** Typos whose correction is remembered (the memory is cleared beyond: visitors can type any word). */
const MAX_REMEMBERED_CORRECTIONS = 10_000;
