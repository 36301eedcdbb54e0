import { foldAccents } from '../../knowledge/index.js';
import { askedTypes } from './answerTypes.js';
import { NEGATIONS, NEGATION_GAP, NUMBER_WORDS, SMALL_TALK_ALIASES, SMALL_TALK_FILLERS, SMALL_TALK_PHRASES } from './smallTalkPhrases.js';
import { looksLikeNoWord, SmallTalkWordReader, type SmallTalkWords } from './smallTalkWords.js';

/**
 * Messages that are not questions about the FAQ: greetings, thanks, goodbyes,
 * « ok », « test ? », « tu es un robot ? », requests for help, for a human or
 * for another language, « un instant », complaints and insults, and messages
 * that name no subject at all (`unclear`: « et alors ? », « asdfgh »). The bot
 * answers them with a short kind reply and never records them as unanswered questions.
 */
export type SmallTalkKind =
  | 'greeting' | 'thanks' | 'goodbye' | 'acknowledgement' | 'presence' | 'identity' | 'help' | 'human' | 'complaint' | 'wait' | 'language'
  | 'unclear';

/**
 * Longest message (in words) that can be small talk: longer ones are questions, whatever words they hold. Long
 * thanks and goodbyes (« merci beaucoup pour votre aide, c’est très gentil de votre part, je vous souhaite une
 * excellente journée ») are made of small-talk words only, or hold at most {@link MAX_WORDS_AROUND_SMALL_TALK} others.
 */
export const MAX_SMALL_TALK_WORDS = 25;

const PHRASES: readonly { readonly kind: SmallTalkKind; readonly words: readonly string[]; readonly rank: number }[] = SMALL_TALK_PHRASES.flatMap(
  ([kind, phrases], rank) => phrases.map((phrase) => ({ kind, words: phrase.split(' '), rank })),
).sort((a, b) => b.words.length - a.words.length);

const COMPLAINT_RANK = SMALL_TALK_PHRASES.findIndex(([kind]) => kind === 'complaint');
/** Kinds a negation in front of turns into a complaint (« pas top », « pas vraiment », « not helpful », « doesn’t help »). */
const NEGATABLE: ReadonlySet<SmallTalkKind> = new Set(['acknowledgement', 'thanks', 'help']);

/** PHRASES by first word, in PHRASES order: a message's word is compared with the phrases that start with it only. */
const PHRASES_BY_FIRST_WORD = new Map<string, (typeof PHRASES)[number][]>();
for (const phrase of PHRASES) PHRASES_BY_FIRST_WORD.set(phrase.words[0], [...(PHRASES_BY_FIRST_WORD.get(phrase.words[0]) ?? []), phrase]);

/** Every word small talk is made of: a word outside it is kept as typed, or read as the small-talk word a typo away. */
const READER = new SmallTalkWordReader([...PHRASES.flatMap((phrase) => phrase.words), ...SMALL_TALK_FILLERS, ...NEGATIONS, ...NUMBER_WORDS], SMALL_TALK_ALIASES);

/** Most unknown words a message may hold for its typos to be looked for (« bonjoru merco »; more make it a question anyway). */
export const MAX_TYPOS_LOOKED_FOR = 3;

function readWords(text: string): SmallTalkWords {
  return READER.read(text, { maxWords: MAX_SMALL_TALK_WORDS, maxUnknown: MAX_TYPOS_LOOKED_FOR });
}

/** How a message reads against the small-talk vocabulary. */
interface SmallTalkReading {
  /** The kind of the phrases it holds (the first kind of SMALL_TALK_PHRASES on a mix), undefined without any. */
  readonly kind?: SmallTalkKind;
  /** Its words that are neither in a phrase nor fillers, in order, as typed. */
  readonly outside: readonly string[];
  /** Its words outside its phrases, fillers included, in order, as read. */
  readonly loose: readonly string[];
  /** Its typed words read as a small-talk word a typo away that fit a phrase or a filler (« bonjoru »). */
  readonly typos: readonly string[];
  /** A word outside its phrases asks something (« quel », « combien », « comment »…). */
  readonly asks: boolean;
}

/** Interrogatives that make a message a question when they stand outside its small-talk phrases (« merci, et combien… »). */
const INTERROGATIVES: ReadonlySet<string> = new Set([
  'quel', 'quelle', 'quels', 'quelles', 'comment', 'combien', 'pourquoi', 'quand', 'lequel', 'laquelle', 'lesquels', 'lesquelles',
  'what', 'how', 'when', 'where', 'why', 'which',
]);

function readSmallTalk({ words, typed }: SmallTalkWords): SmallTalkReading {
  let found: { kind: SmallTalkKind; rank: number } | undefined;
  const outside: string[] = [];
  const loose: string[] = [];
  const typos: string[] = [];
  let asks = false;
  // A negation followed by nothing but intensifiers (« pas très », « not really ») turns the next phrase into a complaint.
  let negated = false;
  let i = 0;
  while (i < words.length) {
    // A phrase longer than the words left is not looked at: reading past the end of `words` made V8 drop this function's compiled code.
    const left = words.length - i;
    const phrase = PHRASES_BY_FIRST_WORD.get(words[i])?.find((candidate) => candidate.words.length <= left && candidate.words.every((word, offset) => words[i + offset] === word));
    if (phrase) {
      const read = negated && NEGATABLE.has(phrase.kind) ? { kind: 'complaint' as const, rank: COMPLAINT_RANK } : phrase;
      if (!found || read.rank < found.rank) found = read;
      typos.push(...typed.slice(i, i + phrase.words.length).filter((word) => word !== undefined));
      negated = false;
      i += phrase.words.length;
      continue;
    }
    const word = words[i];
    loose.push(word);
    if (INTERROGATIVES.has(word)) asks = true;
    negated = NEGATIONS.has(word) || (negated && NEGATION_GAP.has(word));
    // Numbers say nothing on their own (« test 1 2 3 », « 2 sec »).
    const fills = SMALL_TALK_FILLERS.has(word) || NEGATIONS.has(word) || NUMBER_WORDS.has(word) || /^\p{N}+$/u.test(word);
    const written = typed[i];
    if (!fills) outside.push(written ?? word);
    else if (written !== undefined) typos.push(written);
    i += 1;
  }
  return { ...(found && { kind: found.kind }), outside, loose, typos, asks };
}

/**
 * Pure: the kind of small talk a message is, or undefined when it holds
 * anything else (a question, even one opening with « Bonjour ») or a word read
 * as a typo (« bonjoru »: see {@link smallTalkAround}). Every word must belong
 * to a small-talk phrase or be a filler around one.
 */
export function detectSmallTalk(text: string): SmallTalkKind | undefined {
  const talk = smallTalkOf(text);
  return talk?.confirm ? undefined : talk?.kind;
}

/**
 * Pure: what the bot makes of a message as small talk, read once: plain small
 * talk (see {@link detectSmallTalk}), small talk to confirm against the FAQ's
 * vocabulary (`confirm`, see {@link smallTalkAround}), or undefined.
 */
export function smallTalkOf(text: string): { readonly kind: SmallTalkKind; readonly confirm?: SmallTalkAround } | undefined {
  const read = readWords(text);
  if (read.words.length === 0 || read.words.length > MAX_SMALL_TALK_WORDS) return undefined;
  const reading = readSmallTalk(read);
  if (reading.kind && reading.outside.length === 0 && reading.typos.length === 0) return { kind: reading.kind };
  const around = aroundOf(text, read.words, reading) ?? namingNothingOf(text, read.words, reading);
  return around && { kind: around.kind, confirm: around };
}

/** Most words outside the phrases that small talk may hold when the FAQ knows none of them (« merci, ça m’éclaire »). */
export const MAX_WORDS_AROUND_SMALL_TALK = 2;

/** Most words of a message that talks to the bot in the second person singular (vendors ask the FAQ with « vous »). */
export const MAX_WORDS_ADDRESSING_THE_BOT = 5;
const SECOND_PERSON: ReadonlySet<string> = new Set(['tu', 't', 'te', 'toi']);

/**
 * Words typed in capitals (« NOS », « DMP »), folded: an acronym names a subject,
 * even one the FAQ's analysis drops as a common word (« nos »).
 */
function acronyms(text: string): ReadonlySet<string> {
  return new Set((text.match(/(?<![\p{L}\p{N}])\p{Lu}{2,}(?![\p{L}\p{N}])/gu) ?? []).map((word) => foldAccents(word).toLowerCase()));
}

/**
 * Kinds that stay small talk with other words around them. A request for help,
 * for another language, a « j’ai une question » or a « un instant » followed by other
 * words introduces a question (« comment faire une rupture conventionnelle »), whatever the FAQ knows.
 */
const KINDS_WITH_WORDS_AROUND: ReadonlySet<SmallTalkKind> = new Set(['greeting', 'thanks', 'goodbye', 'acknowledgement', 'complaint', 'identity', 'human']);

/** Small talk to be confirmed against the FAQ's vocabulary (see {@link smallTalkAround}). */
export interface SmallTalkAround {
  readonly kind: SmallTalkKind;
  /** Words neither in its phrases nor fillers: the FAQ must know none of them. */
  readonly outside: readonly string[];
  /** Words read as the small-talk word a typo away, as typed: each must be a word of its own (not a common word such as « pourra ») that the FAQ does not know. */
  readonly typos: readonly string[];
  /**
   * Set when the message is small talk only if it names nothing (see {@link namingNothingOf}): its words that are
   * neither small-talk words nor look like no word, which must name no subject at all, known to the FAQ or not
   * (« blague », « Eiffel » do). `outside` then holds every word outside its phrases, fillers included.
   */
  readonly unnamed?: readonly string[];
}

/**
 * Pure: small talk that holds a few words the phrases lack (« merci, ça
 * m’éclaire vraiment », « bonjour de Lyon ») or typos of its words
 * (« bonjoru », « merco »), to be confirmed by the caller against the FAQ's vocabulary. Undefined when the message is plain small talk (see
 * {@link detectSmallTalk}), holds no phrase (or only help, language, wait or
 * presence phrases with other words), too many other words, an interrogative
 * outside its phrases, or a « ? » (with other words, « ok, et le DMP ? »,
 * « comment ça marche le financement Ségur ? » ask something). A short message
 * that says « tu » talks to the bot (« tu dors ? », « t’as faim ? »), question mark or not;
 * one that asks something (« tu connais un bon restaurant ? ») is an off-topic question, declined as such.
 */
export function smallTalkAround(text: string): SmallTalkAround | undefined {
  const around = smallTalkOf(text)?.confirm;
  return around?.unnamed === undefined ? around : undefined;
}

function aroundOf(text: string, words: readonly string[], { kind, outside, typos, asks }: SmallTalkReading): SmallTalkAround | undefined {
  if (outside.length === 0) return kind && { kind, outside, typos };
  if (outside.length > MAX_WORDS_AROUND_SMALL_TALK || asks || outside.some((word) => acronyms(text).has(word))) return undefined;
  // « t’es marrant »: the bot taken for a person, whatever « t’es » reads as alone.
  const addressed = words.length <= MAX_WORDS_ADDRESSING_THE_BOT && words.some((word) => SECOND_PERSON.has(word));
  if (addressed) return { kind: kind && kind !== 'acknowledgement' ? kind : 'identity', outside, typos };
  if (!kind || !KINDS_WITH_WORDS_AROUND.has(kind) || text.includes('?')) return undefined;
  return { kind, outside, typos };
}

/** Longest message that is small talk for naming nothing (« et alors ? », « qu’est-ce que c’est ? », « asdfgh jjj »). */
export const MAX_WORDS_NAMING_NOTHING = 8;

/**
 * A short message that names no subject, to be confirmed by the caller
 * against the FAQ's vocabulary: nobody can answer « et alors ? », « pourquoi ? »,
 * « hmm », « qu’est-ce que c’est ? » or « asdfgh », and the FAQ team has nothing
 * to learn from them. Its small-talk kind when it holds a phrase, else `unclear`.
 * Undefined for a longer message, one that asks for a kind of information
 * (« combien ça coûte ? » asks a price: see answerTypes.ts), or one with an acronym.
 * Interrogatives alone ask about nothing; words that look like no word
 * (see looksLikeNoWord) name nothing; every other word outside the phrases must be
 * unknown to the FAQ, and those outside the small-talk vocabulary must carry no term at all.
 */
function namingNothingOf(text: string, words: readonly string[], { kind, outside, loose, typos }: SmallTalkReading): SmallTalkAround | undefined {
  if (words.length > MAX_WORDS_NAMING_NOTHING || askedTypes(text).length > 0) return undefined;
  const capitals = acronyms(text);
  if (loose.some((word) => capitals.has(word))) return undefined;
  // Words that look like no word are still checked against the FAQ's vocabulary (« rpps » typed in lower case).
  const asked = loose.filter((word) => !INTERROGATIVES.has(word));
  return { kind: kind ?? 'unclear', outside: asked, typos, unnamed: outside.filter((word) => !INTERROGATIVES.has(word) && !looksLikeNoWord(word)) };
}
