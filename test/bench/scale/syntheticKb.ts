/**
 * Synthetic knowledge bases for the scale benchmark, written as a real KB
 * folder (taxonomy, synonyms, entries/*.yaml) so the loader, the validation
 * and the indexes all run as in production. Entry i is derived from real entry
 * i mod R (R real entries), keeping its facets, links and contact:
 * - `shared`: the real texts with 1–3 random extra words each, so every real
 *   word is shared by N/R entries (the hard case for an inverted index: long
 *   posting lists, near-identical scores);
 * - `varied`: half of the real words replaced by words of a large Zipf-
 *   distributed synthetic vocabulary, as a KB covering many subjects would be.
 * Every text also gets the entry's own word, so questions and alternates stay
 * unique (the validation rejects duplicates). Deterministic for a given seed.
 */
import { copyFile, mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { stringify } from 'yaml';
import type { FaqEntry, KnowledgeBase } from '../../../knowledge/index.js';
import { seededRandom } from '../../../adapters/console/seededRandom.js';

/** The benchmarks' seeded PRNG: vectors.ts draws from the same one. */
export { seededRandom };

export type SyntheticForm = 'shared' | 'varied';

/** Entries per entries/*.yaml file: a KB this size is split by subject, and the loader cache works per file. */
export const ENTRIES_PER_FILE = 250;
/** Size of the synthetic vocabulary of the varied form. */
export const VARIED_VOCABULARY = 40_000;
/** Share of real words the varied form replaces. */
const VARIED_REPLACED = 0.5;
const CONSONANTS = 'bcdfghjklmnprstvz';
const VOWELS = 'aeiou';

/** A pronounceable pseudo-word for a number (bijective: distinct numbers give distinct words). */
export function pseudoWord(n: number, prefix = ''): string {
  let word = '';
  let rest = n;
  do {
    word += CONSONANTS[rest % CONSONANTS.length] + VOWELS[Math.floor(rest / CONSONANTS.length) % VOWELS.length];
    rest = Math.floor(rest / (CONSONANTS.length * VOWELS.length));
  } while (rest > 0);
  return `${prefix}${word}`;
}

/** Draws word ranks from a Zipf distribution (s = 1) over `size` words. */
function zipf(size: number, random: () => number): () => number {
  const cumulative = new Float64Array(size);
  let sum = 0;
  for (let i = 0; i < size; i++) cumulative[i] = sum += 1 / (i + 1);
  return () => {
    const target = random() * sum;
    let low = 0;
    let high = size - 1;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (cumulative[mid] < target) low = mid + 1;
      else high = mid;
    }
    return low;
  };
}

/** Builds the entries of a synthetic KB of `size` entries from the real ones. */
export function syntheticEntries(real: readonly FaqEntry[], size: number, form: SyntheticForm, seed = 12): Record<string, unknown>[] {
  const random = seededRandom(seed);
  const rank = zipf(VARIED_VOCABULARY, random);
  const extra = (): string => pseudoWord(Math.floor(random() * VARIED_VOCABULARY), 'x');
  const rewrite = (text: string, own: string): string => {
    if (form === 'shared') {
      const words = Array.from({ length: 1 + Math.floor(random() * 3) }, extra);
      return `${text} ${own} ${words.join(' ')}`;
    }
    const replaced = text.replace(/[\p{L}]{4,}/gu, (word) => (random() < VARIED_REPLACED ? pseudoWord(rank(), 'v') : word));
    return `${replaced} ${own}`;
  };
  const entries: Record<string, unknown>[] = [];
  for (let i = 0; i < size; i++) {
    const source = real[i % real.length];
    const own = pseudoWord(i, 'q');
    // The synthetic KB has no asked questions: each entry keeps its authored phrasings only (`asked` is no entries-file field).
    const { source: _where, links, asked: _asked, ...rest } = source;
    entries.push({
      ...rest,
      id: `${source.id}-${i}`,
      question: rewrite(source.question, own),
      alternates: source.alternates.map((text) => rewrite(text, own)),
      answer: rewrite(source.answer, own),
      ...(links.length > 0 ? { links } : {}),
    });
  }
  return entries;
}

/** Writes a synthetic KB folder at `dir` (emptied first) from the real KB folder `realDir`. */
export async function writeSyntheticKb(options: {
  readonly dir: string;
  readonly realDir: string;
  readonly real: KnowledgeBase;
  readonly size: number;
  readonly form: SyntheticForm;
}): Promise<void> {
  const { dir, realDir, real, size, form } = options;
  await rm(dir, { recursive: true, force: true });
  await mkdir(path.join(dir, 'entries'), { recursive: true });
  await copyFile(path.join(realDir, 'taxonomy.yaml'), path.join(dir, 'taxonomy.yaml'));
  await copyFile(path.join(realDir, 'synonyms.yaml'), path.join(dir, 'synonyms.yaml'));
  const entries = syntheticEntries(real.entries, size, form);
  for (let start = 0, file = 0; start < entries.length; start += ENTRIES_PER_FILE, file++) {
    const name = `part-${String(file).padStart(3, '0')}.yaml`;
    await writeFile(path.join(dir, 'entries', name), stringify({ entries: entries.slice(start, start + ENTRIES_PER_FILE) }, { lineWidth: 0, aliasDuplicateObjects: false }));
  }
}
