import { editDistance, TYPO_MAX_EDITS, TYPO_MIN_LENGTH } from './Bm25Index.js';

/**
 * The analysed terms of each FAQ entry (all its phrasings and its answer),
 * with their rarity across entries: what the decision weighs a query's words
 * with. A word found in few entries says more about what is asked than one
 * found in most ("référencement" vs "santé"); a word no entry has says the
 * question is about something the FAQ may not cover.
 */
export class EntryVocabulary {
  private readonly documentFrequency = new Map<string, number>();
  private readonly corrections = new Map<string, string | undefined>();
  /**
   * Symmetric-delete index of the known terms long enough to be typo targets:
   * each term and each of its one-letter deletions → the terms. A word one edit
   * from a known term shares one of these keys with it, so a typo costs a few
   * map lookups instead of a pass over the vocabulary.
   */
  private readonly deletions = new Map<string, string[]>();
  /** IDF of a term no entry has: rarer than the rarest known term. */
  readonly unknownIdf: number;

  constructor(private readonly entryTerms: readonly ReadonlySet<string>[]) {
    for (const terms of entryTerms) for (const term of terms) this.documentFrequency.set(term, (this.documentFrequency.get(term) ?? 0) + 1);
    this.unknownIdf = this.idfOf(0);
    for (const term of this.documentFrequency.keys()) {
      if (term.length < TYPO_MIN_LENGTH) continue;
      for (const key of new Set([term, ...oneDeletions(term)])) {
        const list = this.deletions.get(key) ?? [];
        list.push(term);
        this.deletions.set(key, list);
      }
    }
  }

  get entries(): number {
    return this.entryTerms.length;
  }

  knows(term: string): boolean {
    return this.documentFrequency.has(term);
  }

  /**
   * The known term a query term stands for: itself, or the most widespread
   * known term one edit away (typos, as the BM25 index corrects them);
   * undefined when there is none.
   */
  resolve(term: string): string | undefined {
    if (this.knows(term)) return term;
    if (term.length < TYPO_MIN_LENGTH) return undefined;
    if (this.corrections.has(term)) return this.corrections.get(term);
    let best: string | undefined;
    let bestFrequency = 0;
    const candidates = new Set([term, ...oneDeletions(term)].flatMap((key) => this.deletions.get(key) ?? []));
    // Sorted so that equally widespread corrections resolve the same way whatever the map's order.
    for (const known of [...candidates].sort()) {
      const frequency = this.documentFrequency.get(known) ?? 0;
      if (frequency > bestFrequency && editDistance(known, term, TYPO_MAX_EDITS) <= TYPO_MAX_EDITS) {
        best = known;
        bestFrequency = frequency;
      }
    }
    this.corrections.set(term, best);
    return best;
  }

  /** Smoothed inverse entry frequency, in nats; unknown terms get {@link unknownIdf}. */
  idf(term: string): number {
    return this.idfOf(this.documentFrequency.get(term) ?? 0);
  }

  /** Whether entry `entryIndex` has the (resolved) term. */
  has(entryIndex: number, term: string): boolean {
    return this.entryTerms[entryIndex]?.has(term) ?? false;
  }

  private idfOf(frequency: number): number {
    return Math.log((this.entryTerms.length + 1) / (frequency + 0.5));
  }
}

/** The word with one letter removed, at every position. */
function oneDeletions(word: string): string[] {
  return Array.from({ length: word.length }, (_, i) => word.slice(0, i) + word.slice(i + 1));
}
