import { foldAccents, type SynonymGroup } from '../../knowledge/index.js';
import { createFrenchStemming, type Stemmer } from './frenchStemming.js';
import { infinitiveOf } from './frenchVerbForms.js';

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

/**
 * Function words of the English questions some vendors type: without them a
 * question like "Is it mandatory?" would look mostly unknown to the KB.
 */
export const ENGLISH_STOP_WORDS: readonly string[] = [
  'a', 'about', 'an', 'and', 'any', 'are', 'as', 'at', 'be', 'been', 'but', 'by', 'can', 'could', 'did', 'do', 'does', 'for', 'from',
  'get', 'has', 'have', 'how', 'i', 'if', 'in', 'into', 'is', 'it', 'its', 'me', 'my', 'of', 'on', 'or', 'our', 'should', 'so',
  'that', 'the', 'their', 'them', 'there', 'these', 'they', 'this', 'to', 'us', 'was', 'we', 'what', 'when', 'where', 'which', 'who',
  'why', 'will', 'with', 'would', 'you', 'your',
];

/** French chat-speak for function words ("koi" = quoi, "pr" = pour, "stp"): as void of meaning as the words they stand for. */
export const CHAT_STOP_WORDS: readonly string[] = ['koi', 'kwa', 'pk', 'pq', 'pr', 'ds', 'stp', 'svp', 'kesako', 'bcp', 'tt', 'jsp', 'dc'];

/**
 * General French words of asking and of conversation that natural's list
 * lacks: modal and asking verbs ("peut", "faut", "voudrais", "savoir"),
 * adverbs of manner and degree ("exactement", "concrètement", "très"),
 * connectives ("donc", "alors", "comme", "si"). They say how a vendor asks,
 * not what about, and a question full of them ("c’est quoi le MOS
 * exactement") must not look half unknown to the KB. Interrogatives that carry
 * what is asked ("comment", "quand", "combien", "pourquoi": a procedure, a date, a
 * count, a reason) are not here.
 */
export const FRENCH_FILLER_WORDS: readonly string[] = [
  // asking and modal verbs
  'peut', 'peux', 'pouvons', 'pouvez', 'peuvent', 'pourrait', 'pourrais', 'pourrions', 'pourriez', 'pourraient', 'pourra', 'pourrons', 'pourrez', 'pourront', 'puis',
  'faut', 'faudra', 'faudrait', 'dois', 'doit', 'devons', 'devez', 'doivent', 'devrait', 'devrais', 'devrions', 'devra', 'devrons',
  'veux', 'veut', 'voulons', 'voulez', 'veulent', 'voudrais', 'voudrait', 'voudrions', 'voudriez',
  'souhaite', 'souhaitons', 'souhaitez', 'souhaiterais', 'souhaiterions', 'aimerais', 'aimerions', 'aimerait',
  'savoir', 'sais', 'sait', 'savez', 'connaitre', 'comprendre', 'cherche', 'cherchons',
  'fais', 'fait', 'faisons', 'faites', 'font', 'va', 'vais', 'vas', 'allons', 'allez', 'vont', 'dit', 'dire', 'dites', 'merci',
  'exister', 'existe', 'existent', 'y', 'ya',
  // pronouns, determiners and connectives
  'quoi', 'ca', 'cela', 'ceci', 'celle', 'celui', 'ceux', 'celles', 'quelque', 'quelques', 'chose', 'choses', 'tout', 'tous',
  'toute', 'toutes', 'chaque', 'autre', 'autres', 'meme', 'memes', 'quelqu', 'lequel', 'laquelle', 'lesquels', 'lesquelles', 'dont',
  'si', 'alors', 'donc', 'ainsi', 'car', 'comme', 'ni', 'or', 'lorsque', 'afin', 'chez', 'vers', 'via',
  // adverbs of manner, degree, time
  'exactement', 'concretement', 'vraiment', 'reellement', 'actuellement', 'precisement', 'simplement', 'notamment', 'egalement',
  'aussi', 'bien', 'tres', 'trop', 'plus', 'moins', 'peu', 'beaucoup', 'assez', 'deja', 'encore', 'toujours', 'jamais', 'maintenant',
  'svp', 'stp', 'bonjour', 'bonsoir', 'salut', 'ok', 'oui',
];

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
  /** Came from a canonical form: short pieces stay ("e" of "e-santé" keeps it apart from "santé"). */
  readonly canonical: boolean;
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

/**
 * French words that are also acronyms of the domain when written in capitals
 * ("ans" = years, "ANS" = the agency; "sons" = sounds, "SONS" = the Ségur
 * dispositif): in lowercase they never match an acronym synonym. Stop words
 * ("mes", "nos") are treated the same way.
 */
export const WORDS_SPELLED_LIKE_ACRONYMS: ReadonlySet<string> = new Set(['ans', 'sons']);

interface SynonymRule {
  /** One matching key per word of the term (see {@link SynonymMatcher}). */
  readonly keys: readonly string[];
  readonly replacement: readonly MarkedToken[];
}

/** Shortest stem whose final s/x is a plural mark the French stemmer left ("applis" → "appli", not "mos" → "mo"). */
const MIN_PLURAL_LENGTH = 4;

function withoutPlural(stem: string): string {
  return stem.length >= MIN_PLURAL_LENGTH && /[sx]$/.test(stem) ? stem.slice(0, -1) : stem;
}

/**
 * Finds synonym terms in token sequences. Words of a term match on their stem
 * ("~" keys), so inflections are found ("applis", "dossiers médicaux partagés");
 * words written as acronyms in the synonym file match as written ("=" keys):
 * "ANS" and "cisis" match, "depuis deux ans" does not.
 */
class SynonymMatcher {
  private readonly rulesByFirstKey = new Map<string, SynonymRule[]>();

  constructor(
    synonyms: readonly SynonymGroup[],
    private readonly stemmer: Stemmer,
    private readonly stopWords: ReadonlySet<string>,
  ) {
    for (const group of synonyms) {
      const canonical = tokenize(group.canonical);
      if (canonical.length === 0) {
        throw new Error(`createFrenchAnalyzer: synonym group has an empty canonical form (terms: ${group.terms.join(', ')})`);
      }
      // A one-word canonical form is a name ("startup", "ANS"): kept even if it looks like a stop word.
      // Canonical acronyms ("ANS", "CI-SIS") are not stemmed; canonical words are, so they meet their inflections.
      const single = canonical.length === 1;
      const replacement = canonical.map(({ text, acronym }) => ({ text, keep: single || acronym, stem: !acronym, canonical: true }));
      for (const term of [group.canonical, ...group.terms]) {
        const words = tokenize(term);
        if (words.length === 0) continue;
        const keys = words.map((word) => (word.acronym ? `=${word.text}` : this.stemKey(word.text)));
        const list = this.rulesByFirstKey.get(keys[0]) ?? [];
        list.push({ keys, replacement });
        this.rulesByFirstKey.set(keys[0], list);
      }
    }
  }

  private stemKey(word: string): string {
    return `~${withoutPlural(this.stemmer.stem(word))}`;
  }

  /** The keys a word of the text can match: its stem, and its spelling unless it is a French word spelled like an acronym. */
  private keysOf(token: RawToken): string[] {
    const keys = [this.stemKey(token.text)];
    const ambiguous = this.stopWords.has(token.text) || WORDS_SPELLED_LIKE_ACRONYMS.has(token.text);
    if (token.acronym || !ambiguous) keys.push(`=${token.text}`);
    return keys;
  }

  /** Replaces every synonym term by its canonical form, longest term first; other words pass through marked. */
  rewrite(tokens: readonly RawToken[]): MarkedToken[] {
    const keys = tokens.map((token) => this.keysOf(token));
    const out: MarkedToken[] = [];
    let i = 0;
    while (i < tokens.length) {
      const rule = keys[i]
        .flatMap((key) => this.rulesByFirstKey.get(key) ?? [])
        .filter((candidate) => candidate.keys.every((key, offset) => keys[i + offset]?.includes(key)))
        .sort((a, b) => b.keys.length - a.keys.length)[0];
      if (rule) {
        out.push(...rule.replacement);
        i += rule.keys.length;
      } else {
        // Acronyms are names: never dropped as stop words ("NOS"), never stemmed ("ANS" is not "an").
        const token = tokens[i];
        out.push({ text: token.text, keep: token.acronym, stem: !token.acronym, canonical: false });
        i += 1;
      }
    }
    return out;
  }
}

/**
 * Builds the French analyser used by the lexical index. Order matters: accents
 * are folded and synonyms rewritten to their canonical form BEFORE stop words
 * and stemming, so "MES", "Mon espace santé" and "mon espace sante" all yield
 * the same tokens.
 */
export function createFrenchAnalyzer(synonyms: readonly SynonymGroup[]): TextAnalyzer {
  const { stemmer, stopWords: naturalStopWords } = createFrenchStemming();
  const stopWords: ReadonlySet<string> = new Set(
    [...naturalStopWords, ...FRENCH_FILLER_WORDS, ...ENGLISH_STOP_WORDS, ...CHAT_STOP_WORDS].map((word) => foldAccents(word).toLowerCase()),
  );
  const matcher = new SynonymMatcher(synonyms, stemmer, stopWords);

  return {
    analyze(text: string): string[] {
      const tokens: string[] = [];
      for (const token of matcher.rewrite(tokenize(text))) {
        if (!token.keep && (stopWords.has(token.text) || (!token.canonical && token.text.length < MIN_TOKEN_LENGTH))) continue;
        tokens.push(token.stem && !/^\p{N}+$/u.test(token.text) ? stemmer.stem(infinitiveOf(token.text)) : token.text);
      }
      return tokens;
    },
  };
}
