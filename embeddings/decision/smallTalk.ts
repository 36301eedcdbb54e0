import { foldAccents } from '../../knowledge/index.js';
import { SMALL_TALK_ALIASES, SMALL_TALK_FILLERS, SMALL_TALK_PHRASES } from './smallTalkPhrases.js';

/**
 * Messages that are not questions about the FAQ: greetings, thanks, goodbyes,
 * « ok », « test ? », « tu es un robot ? », requests for help or for a human,
 * complaints and insults. The bot answers them with a short kind reply and
 * never records them as unanswered questions.
 */
export type SmallTalkKind = 'greeting' | 'thanks' | 'goodbye' | 'acknowledgement' | 'presence' | 'identity' | 'help' | 'human' | 'complaint';

/** Longest message (in words) that can be small talk: longer ones are questions, whatever words they hold. */
export const MAX_SMALL_TALK_WORDS = 12;

const PHRASES: readonly { readonly kind: SmallTalkKind; readonly words: readonly string[]; readonly rank: number }[] = SMALL_TALK_PHRASES.flatMap(
  ([kind, phrases], rank) => phrases.map((phrase) => ({ kind, words: phrase.split(' '), rank })),
).sort((a, b) => b.words.length - a.words.length);

/** PHRASES by first word, in PHRASES order: a message's word is compared with the phrases that start with it only. */
const PHRASES_BY_FIRST_WORD = new Map<string, (typeof PHRASES)[number][]>();
for (const phrase of PHRASES) PHRASES_BY_FIRST_WORD.set(phrase.words[0], [...(PHRASES_BY_FIRST_WORD.get(phrase.words[0]) ?? []), phrase]);

/** Every word small talk is made of: a word outside it is kept as typed, never "repaired" into one. */
const KNOWN_WORDS: ReadonlySet<string> = new Set([...PHRASES.flatMap((phrase) => phrase.words), ...SMALL_TALK_FILLERS, ...Object.keys(SMALL_TALK_ALIASES)]);

/**
 * A word with letters held for emphasis (« merciii », « bonjouuur », « nuuul »,
 * « okk », « pffff ») brought back to the known word it stretches: runs of three
 * or more first become two (« coool » → « cool ») or one (« hellooo » → « hello »), then any run becomes one.
 */
function unstretch(word: string): string {
  if (KNOWN_WORDS.has(word)) return word;
  const two = word.replace(/(\p{L})\1{2,}/gu, '$1$1');
  if (KNOWN_WORDS.has(two)) return two;
  const held = word.replace(/(\p{L})\1{2,}/gu, '$1');
  if (KNOWN_WORDS.has(held)) return held;
  const one = word.replace(/(\p{L})\1+/gu, '$1');
  return KNOWN_WORDS.has(one) ? one : word;
}

/**
 * Folded words of a message: accents, case, punctuation and emojis dropped,
 * « a+ » and « @+ » read as « a plus », stretched letters and SMS spellings
 * brought back to their usual form.
 */
function smallTalkWords(text: string): string[] {
  const folded = foldAccents(text.normalize('NFC'))
    .toLowerCase()
    .replace(/(?<![\p{L}\p{N}])[a@] ?\+(?![\p{L}\p{N}])/gu, ' a plus ');
  const words = folded.match(/[\p{L}\p{N}]+/gu) ?? [];
  return words.flatMap((word) => {
    const plain = unstretch(word);
    return (SMALL_TALK_ALIASES[plain] ?? plain).split(' ');
  });
}

/** How a message reads against the small-talk vocabulary. */
interface SmallTalkReading {
  /** The kind of the phrases it holds (the first kind of SMALL_TALK_PHRASES on a mix), undefined without any. */
  readonly kind?: SmallTalkKind;
  /** Its words that are neither in a phrase nor fillers, in order. */
  readonly outside: readonly string[];
  /** A word outside its phrases asks something (« quel », « combien », « comment »…). */
  readonly asks: boolean;
}

/** Interrogatives that make a message a question when they stand outside its small-talk phrases (« merci, et combien… »). */
const INTERROGATIVES: ReadonlySet<string> = new Set([
  'quel', 'quelle', 'quels', 'quelles', 'comment', 'combien', 'pourquoi', 'quand', 'lequel', 'laquelle', 'lesquels', 'lesquelles',
  'what', 'how', 'when', 'where', 'why', 'which',
]);

function readSmallTalk(words: readonly string[]): SmallTalkReading {
  let found: { kind: SmallTalkKind; rank: number } | undefined;
  const outside: string[] = [];
  let asks = false;
  let i = 0;
  while (i < words.length) {
    const phrase = PHRASES_BY_FIRST_WORD.get(words[i])?.find((candidate) => candidate.words.every((word, offset) => words[i + offset] === word));
    if (phrase) {
      if (!found || phrase.rank < found.rank) found = phrase;
      i += phrase.words.length;
      continue;
    }
    if (INTERROGATIVES.has(words[i])) asks = true;
    // Numbers say nothing on their own (« test 1 2 3 »).
    if (!SMALL_TALK_FILLERS.has(words[i]) && !/^\p{N}+$/u.test(words[i])) outside.push(words[i]);
    i += 1;
  }
  return { ...(found && { kind: found.kind }), outside, asks };
}

/**
 * Pure: the kind of small talk a message is, or undefined when it holds
 * anything else (a question, even one opening with « Bonjour »). Every word
 * must belong to a small-talk phrase or be a filler around one.
 */
export function detectSmallTalk(text: string): SmallTalkKind | undefined {
  const words = smallTalkWords(text);
  if (words.length === 0 || words.length > MAX_SMALL_TALK_WORDS) return undefined;
  const reading = readSmallTalk(words);
  return reading.outside.length === 0 ? reading.kind : undefined;
}

/** Most words outside the phrases that small talk may hold when the FAQ knows none of them (« merci, ça m’éclaire »). */
export const MAX_WORDS_AROUND_SMALL_TALK = 2;

/** Most words of a message that talks to the bot in the second person singular (vendors ask the FAQ with « vous »). */
export const MAX_WORDS_ADDRESSING_THE_BOT = 5;
const SECOND_PERSON: ReadonlySet<string> = new Set(['tu', 't', 'te', 'toi']);

/**
 * Kinds that stay small talk with other words around them. A request for help
 * or a « j’ai une question » followed by other words introduces a question
 * (« comment faire une rupture conventionnelle »), whatever the FAQ knows.
 */
const KINDS_WITH_WORDS_AROUND: ReadonlySet<SmallTalkKind> = new Set(['greeting', 'thanks', 'goodbye', 'acknowledgement', 'complaint', 'identity', 'human']);

/**
 * Pure: small talk with a few words the phrases lack (« merci, ça m’éclaire
 * vraiment », « bonjour de Lyon »), to be confirmed by the caller: it is small
 * talk only when the FAQ knows none of the `outside` words. Undefined when the
 * message is plain small talk (see {@link detectSmallTalk}), holds no phrase
 * (or only help or presence phrases),
 * too many other words, an interrogative outside its phrases, or a « ? » (with
 * other words, « ok, et le DMP ? », « comment ça marche le financement Ségur ? » ask something).
 */
export function smallTalkAround(text: string): { readonly kind: SmallTalkKind; readonly outside: readonly string[] } | undefined {
  const words = smallTalkWords(text);
  if (words.length === 0 || words.length > MAX_SMALL_TALK_WORDS) return undefined;
  const { kind, outside, asks } = readSmallTalk(words);
  if (outside.length === 0 || outside.length > MAX_WORDS_AROUND_SMALL_TALK || asks) return undefined;
  // A short message that says « tu » talks to the bot (« tu dors ? », « t’as faim ? »), question mark or not.
  if (words.length <= MAX_WORDS_ADDRESSING_THE_BOT && words.some((word) => SECOND_PERSON.has(word))) return { kind: kind ?? 'identity', outside };
  if (!kind || !KINDS_WITH_WORDS_AROUND.has(kind) || text.includes('?')) return undefined;
  return { kind, outside };
}
