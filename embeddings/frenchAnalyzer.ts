import { createRequire } from 'node:module';
import type { SynonymGroup } from '../knowledge/index.js';

/** Turns French text into the tokens the lexical index matches on. */
export interface TextAnalyzer {
  /** Folded, stop-word-free, stemmed tokens, in text order. Empty for text without words. */
  analyze(text: string): string[];
}

/**
 * Elided articles and pronouns ("l’", "qu’"…): the part before the apostrophe is
 * dropped. Other apostrophes ("aujourd’hui") join their halves into one word.
 */
export const FRENCH_ELISIONS: ReadonlySet<string> = new Set([
  'l', 'd', 'qu', 'j', 'n', 's', 'c', 'm', 't', 'jusqu', 'lorsqu', 'puisqu', 'quoiqu',
]);

/** Tokens shorter than this that are not acronyms carry no meaning once elisions are gone. */
const MIN_TOKEN_LENGTH = 2;

/** Uppercase words longer than this are emphasis ("IMPORTANT"), not acronyms ("ANS", "FHIR", "ESMS"). */
const MAX_ACRONYM_LENGTH = 6;

/** A text with at least this many words and no lowercase letter is shouted, not a string of acronyms. */
const SHOUTING_MIN_WORDS = 4;

/** Typographic, straight and modifier apostrophes, plus the backtick some keyboards produce. */
const APOSTROPHES = /['’‘ʼ`´]/g;
const WORD = /[\p{L}\p{N}]+(?:'[\p{L}\p{N}]+)*/gu;
const COMBINING_MARKS = /\p{M}+/gu;
const LIGATURES: Readonly<Record<string, string>> = { œ: 'oe', Œ: 'OE', æ: 'ae', Æ: 'AE', ß: 'ss' };

interface Stemmer {
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
  return typeof value === 'object' && value !== null && typeof (value as { stem?: unknown }).stem === 'function';
}

function isStopWordModule(value: unknown): value is { words: string[] } {
  const words = typeof value === 'object' && value !== null ? (value as { words?: unknown }).words : undefined;
  return Array.isArray(words) && words.every((word) => typeof word === 'string');
}

let naturalFrench: ReturnType<typeof loadNaturalFrench> | undefined;

/** Removes accents and expands ligatures, keeping case (acronym detection needs it). */
export function foldAccents(text: string): string {
  return text
    .replace(/[œŒæÆß]/g, (ligature) => LIGATURES[ligature] ?? ligature)
    .normalize('NFD')
    .replace(COMBINING_MARKS, '');
}

/** One word of the input: its folded lowercase form and whether it was written as an acronym. */
interface RawToken {
  readonly text: string;
  readonly acronym: boolean;
}

/** A token after synonym rewriting: `keep` tokens survive stop-word removal. */
interface MarkedToken {
  readonly text: string;
  readonly keep: boolean;
  readonly stem: boolean;
}

/** Splits folded text into words, dropping elisions and joining other apostrophes. */
function tokenize(text: string): RawToken[] {
  const folded = foldAccents(text.normalize('NFC')).replace(APOSTROPHES, "'");
  const words = folded.match(WORD) ?? [];
  const shouting = words.length >= SHOUTING_MIN_WORDS && !/\p{Ll}/u.test(folded);
  const tokens: RawToken[] = [];
  for (const word of words) {
    const parts = word.split("'");
    while (parts.length > 1 && FRENCH_ELISIONS.has(parts[0].toLowerCase())) parts.shift();
    const joined = parts.join('');
    const acronym =
      !shouting && joined.length >= 2 && joined.length <= MAX_ACRONYM_LENGTH && /\p{Lu}/u.test(joined) && !/\p{Ll}/u.test(joined);
    tokens.push({ text: joined.toLowerCase(), acronym });
  }
  return tokens;
}

interface SynonymRule {
  /** Folded lowercase words of the term. */
  readonly words: readonly string[];
  /** Single-word terms that are also stop words ("mes", "nos") only match when written as acronyms. */
  readonly acronymOnly: boolean;
  readonly replacement: readonly MarkedToken[];
}

function buildRules(synonyms: readonly SynonymGroup[], stopWords: ReadonlySet<string>): Map<string, SynonymRule[]> {
  const byFirstWord = new Map<string, SynonymRule[]>();
  for (const group of synonyms) {
    const canonical = tokenize(group.canonical).map((token) => token.text);
    if (canonical.length === 0) {
      throw new Error(`createFrenchAnalyzer: synonym group has an empty canonical form (terms: ${group.terms.join(', ')})`);
    }
    // A one-word canonical form is a name ("mos", "nos"): keep it whole, even if it looks like a stop word.
    const single = canonical.length === 1;
    const replacement = canonical.map((text) => ({ text, keep: single, stem: !single }));
    for (const term of [group.canonical, ...group.terms]) {
      const words = tokenize(term).map((token) => token.text);
      if (words.length === 0) continue;
      const rule = { words, acronymOnly: words.length === 1 && stopWords.has(words[0]), replacement };
      const list = byFirstWord.get(words[0]) ?? [];
      list.push(rule);
      byFirstWord.set(words[0], list);
    }
  }
  // Longest terms first, so "mon espace de sante" wins over "espace".
  for (const list of byFirstWord.values()) list.sort((a, b) => b.words.length - a.words.length);
  return byFirstWord;
}

function rewriteSynonyms(tokens: readonly RawToken[], rules: ReadonlyMap<string, readonly SynonymRule[]>): MarkedToken[] {
  const out: MarkedToken[] = [];
  let i = 0;
  while (i < tokens.length) {
    const token = tokens[i];
    const rule = rules.get(token.text)?.find(
      (candidate) =>
        (!candidate.acronymOnly || token.acronym) &&
        candidate.words.every((word, offset) => tokens[i + offset]?.text === word),
    );
    if (rule) {
      out.push(...rule.replacement);
      i += rule.words.length;
    } else {
      // Acronyms are names: never dropped as stop words ("NOS"), never stemmed ("ANS" is not "an").
      out.push({ text: token.text, keep: token.acronym, stem: !token.acronym });
      i += 1;
    }
  }
  return out;
}

/**
 * Builds the French analyser used by the lexical index. Order matters: accents
 * are folded and synonyms rewritten to their canonical form BEFORE stop words
 * and stemming, so "MES", "Mon espace santé" and "mon espace sante" all yield
 * the same tokens.
 */
export function createFrenchAnalyzer(synonyms: readonly SynonymGroup[]): TextAnalyzer {
  naturalFrench ??= loadNaturalFrench();
  const { stemmer } = naturalFrench;
  const stopWords: ReadonlySet<string> = new Set(naturalFrench.stopWords.map((word) => foldAccents(word).toLowerCase()));
  const rules = buildRules(synonyms, stopWords);

  return {
    analyze(text: string): string[] {
      const tokens: string[] = [];
      for (const token of rewriteSynonyms(tokenize(text), rules)) {
        if (!token.keep && (stopWords.has(token.text) || token.text.length < MIN_TOKEN_LENGTH)) continue;
        tokens.push(token.stem && !/^\p{N}+$/u.test(token.text) ? stemmer.stem(token.text) : token.text);
      }
      return tokens;
    },
  };
}
