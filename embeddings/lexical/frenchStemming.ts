/**
 * The stemming half of the French analyser: natural's Porter stemmer and stop
 * words (loaded once), with feminine past participles put back into their
 * verb's family and the stems remembered per analyser.
 */
import { createRequire } from 'node:module';

export interface Stemmer {
  stem(word: string): string;
}

/**
 * natural's French Porter stemmer and stop words, through deep imports: the
 * package's top-level entry loads every module (~700 ms) and prints dotenv lines.
 * The deep files ship without type declarations, hence the runtime shape check.
 */
function loadNaturalFrench(): { stemmer: Stemmer; stopWords: readonly string[] } {
  const require = createRequire(import.meta.url);
  const stemmer: unknown = require('natural/lib/natural/stemmers/porter_stemmer_fr.js');
  const stopWords: unknown = require('natural/lib/natural/util/stopwords_fr.js');
  if (!isStemmer(stemmer)) {
    throw new Error('loadNaturalFrench: natural’s French stemmer has no stem() function');
  }
  if (!isStopWordModule(stopWords)) {
    throw new Error('loadNaturalFrench: natural’s French stop word module has no words list');
  }
  return { stemmer, stopWords: stopWords.words };
}

function isStemmer(value: unknown): value is Stemmer {
  return typeof value === 'object' && value !== null && 'stem' in value && typeof value.stem === 'function';
}

function isStopWordModule(value: unknown): value is { words: string[] } {
  const words = typeof value === 'object' && value !== null && 'words' in value ? value.words : undefined;
  return Array.isArray(words) && words.every((word) => typeof word === 'string');
}

let naturalFrench: ReturnType<typeof loadNaturalFrench> | undefined;

/** Shortest stem whose final « e » is the mark of a feminine past participle (« publiée » → « publie » → « publi »). */
const MIN_PARTICIPLE_STEM_LENGTH = 5;

/**
 * natural's French stemmer reads folded text, so « publiée », « élaborée »,
 * « accompagnées » reach it as « publiee », « elaboree », « accompagnees » and
 * keep an « e » their verb's other forms lose (« publier » → « publi »,
 * « accompagnement » → « accompagn »). Dropping it puts the feminine
 * participles back into their verb's family, on the KB's side and the
 * question's alike.
 */
function participleStemmer(stemmer: Stemmer): Stemmer {
  return {
    stem(word: string): string {
      const stem = stemmer.stem(word);
      return stem.length >= MIN_PARTICIPLE_STEM_LENGTH && stem.endsWith('e') ? stem.slice(0, -1) : stem;
    },
  };
}

/**
 * Folded words whose Porter stem falls into an unrelated family: « formation »
 * (training) is stemmed « format », the stem of « format » (a file format), so
 * a question about training met every answer naming a format (« au format
 * PDF », « format FHIR »). They keep a stem of their own.
 */
export const STEM_EXCEPTIONS: Readonly<Record<string, string>> = { formation: 'formation', formations: 'formation' };

function exceptionStemmer(stemmer: Stemmer): Stemmer {
  // A Map, not the object's keys: every word is looked up, and V8 drops compiled code that met new keys.
  const exceptions: ReadonlyMap<string, string> = new Map(Object.entries(STEM_EXCEPTIONS));
  return { stem: (word) => exceptions.get(word) ?? stemmer.stem(word) };
}

/** Stems remembered per analyser: the Porter stemmer dominates analysis time, and questions reuse the same words. */
const MAX_REMEMBERED_STEMS = 20_000;

function memoizedStemmer(stemmer: Stemmer): Stemmer {
  const stems = new Map<string, string>();
  return {
    stem(word: string): string {
      const known = stems.get(word);
      if (known !== undefined) return known;
      const stem = stemmer.stem(word);
      if (stems.size >= MAX_REMEMBERED_STEMS) stems.clear();
      stems.set(word, stem);
      return stem;
    },
  };
}

/** A fresh stemmer (its own memory of stems) and natural's French stop words, for one analyser. */
export function createFrenchStemming(): { readonly stemmer: Stemmer; readonly stopWords: readonly string[] } {
  naturalFrench ??= loadNaturalFrench();
  return { stemmer: memoizedStemmer(exceptionStemmer(participleStemmer(naturalFrench.stemmer))), stopWords: naturalFrench.stopWords };
}
