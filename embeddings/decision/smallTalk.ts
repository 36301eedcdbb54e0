import { foldAccents } from '../../knowledge/index.js';

/**
 * Messages that are not questions about the FAQ: greetings, thanks, goodbyes,
 * « ok », « test ? », « tu es un robot ? », requests for help or for a human,
 * complaints and insults. The bot answers them with a short kind reply and
 * never records them as unanswered questions.
 */
export type SmallTalkKind = 'greeting' | 'thanks' | 'goodbye' | 'acknowledgement' | 'presence' | 'identity' | 'help' | 'human' | 'complaint';

/**
 * General French (and English) phrases of each kind, in folded form (lowercase,
 * no accents, punctuation and apostrophes as spaces). When a message mixes
 * kinds, the first kind of this list that it holds wins: a complaint with a
 * « merci » is still a complaint.
 */
export const SMALL_TALK_PHRASES: readonly (readonly [SmallTalkKind, readonly string[]])[] = [
  ['complaint', [
    'nul', 'nulle', 'c est nul', 'tu es nul', 't es nul', 'vous etes nul', 'inutile', 'reponse inutile', 'pas utile', 'ca ne sert a rien', 'ca sert a rien',
    'ca marche pas', 'ca ne marche pas', 'ca fonctionne pas', 'ca ne fonctionne pas', 'marche pas', 'pas compris', 'j ai pas compris', 'je n ai pas compris',
    'je ne comprends pas', 'je comprends pas', 'tu ne comprends rien', 'tu comprends rien', 'vous ne comprenez rien', 'n importe quoi', 'debile', 'stupide',
    'idiot', 'idiote', 'con', 'conne', 'abruti', 'pas terrible', 'bof', 'ca ne m aide pas', 'ca m aide pas', 'pas la bonne reponse', 'mauvaise reponse',
    'useless', 'stupid', 'this is useless', 'you are useless', 'wtf', 'merde', 'putain',
  ]],
  ['human', [
    'parler a un humain', 'parler a une personne', 'parler a quelqu un', 'parler a un conseiller', 'parler a une conseillere', 'parler a un agent',
    'un humain', 'une personne', 'un conseiller', 'un vrai conseiller', 'une vraie personne', 'joindre quelqu un', 'contacter quelqu un', 'contacter un humain',
    'talk to a human', 'speak to a human', 'a real person', 'human agent',
  ]],
  ['help', [
    'aide', 'help', 'aidez moi', 'aide moi', 'a l aide', 'j ai besoin d aide', 'besoin d aide', 'comment ca marche', 'comment ca fonctionne',
    'comment tu fonctionnes', 'comment vous fonctionnez', 'comment t utiliser', 'comment vous utiliser', 'que peux tu faire', 'que sais tu faire',
    'qu est ce que tu sais faire', 'qu est ce que tu peux faire', 'que pouvez vous faire', 'tu sers a quoi', 'a quoi tu sers', 'a quoi sers tu',
    'a quoi servez vous', 'mode d emploi', 'how does this work', 'how does it work', 'how does this chatbot work', 'how does this bot work',
    'what can you do', 'help me',
  ]],
  ['identity', [
    'tu es un robot', 't es un robot', 'es tu un robot', 'vous etes un robot', 'etes vous un robot', 'c est un robot', 'tu es humain', 'es tu humain',
    'tu es qui', 't es qui', 'qui es tu', 'qui etes vous', 'vous etes qui', 'tu es une ia', 'es tu une ia', 'are you a bot', 'are you a robot', 'are you human',
    'who are you',
  ]],
  ['goodbye', [
    'au revoir', 'bye', 'bye bye', 'goodbye', 'a bientot', 'a plus', 'a plus tard', 'a la prochaine', 'bonne journee', 'bonne soiree', 'bonne fin de journee',
    'bonne continuation', 'bon week end', 'ciao', 'tchao', 'see you',
  ]],
  ['thanks', [
    'merci', 'merci beaucoup', 'merci bien', 'merci infiniment', 'mille mercis', 'mille merci', 'je vous remercie', 'je te remercie', 'merci pour votre aide',
    'merci pour ta reponse', 'merci pour votre reponse', 'merci pour l info', 'thanks', 'thank you', 'thanks a lot', 'thank you so much', 'thx', 'cimer',
  ]],
  ['greeting', ['bonjour', 'bonsoir', 'salut', 'coucou', 'hello', 'hi', 'hey', 'bjr', 'slt', 'rebonjour', 'good morning', 'good afternoon', 'good evening']],
  ['presence', [
    'test', 'testing', 'allo', 'il y a quelqu un', 'y a quelqu un', 'ya quelqu un', 'quelqu un', 'vous etes la', 'tu es la', 't es la', 'are you there',
    'anybody there', 'anyone there',
  ]],
  ['acknowledgement', [
    'ok', 'okay', 'oki', 'd accord', 'dac', 'entendu', 'compris', 'parfait', 'super', 'genial', 'top', 'cool', 'tres bien', 'bien', 'oui', 'non', 'ah',
    'ah ok', 'je vois', 'c est note', 'noted', 'great', 'fine', 'yes', 'no',
  ]],
];

/** Words that may surround small talk without making it a question. */
const SMALL_TALK_FILLERS: ReadonlySet<string> = new Set([
  'alors', 'euh', 'hum', 'bon', 'ben', 'eh', 'oh', 'svp', 'stp', 's', 'il', 'vous', 'te', 'plait', 'please', 'encore', 'vraiment', 'tres', 'trop', 'je', 'j',
  'veux', 'voudrais', 'souhaite', 'aimerais', 'peux', 'puis', 'est', 'ce', 'que', 'madame', 'monsieur', 'a', 'tous', 'tout', 'le', 'monde', 'there', 'the',
  'bot', 'chatbot', 'robot', 'assistant', 'et', 'mais', 'donc', 'bah', 'you', 'so', 'much', 'lol', 'mdr',
]);

/** Longest message (in words) that can be small talk: longer ones are questions, whatever words they hold. */
export const MAX_SMALL_TALK_WORDS = 10;

const PHRASES: readonly { readonly kind: SmallTalkKind; readonly words: readonly string[]; readonly rank: number }[] = SMALL_TALK_PHRASES.flatMap(
  ([kind, phrases], rank) => phrases.map((phrase) => ({ kind, words: phrase.split(' '), rank })),
).sort((a, b) => b.words.length - a.words.length);

/**
 * Pure: the kind of small talk a message is, or undefined when it holds
 * anything else (a question, even one opening with « Bonjour »). Every word
 * must belong to a small-talk phrase or be a filler around one.
 */
export function detectSmallTalk(text: string): SmallTalkKind | undefined {
  const words = foldAccents(text.normalize('NFC')).toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  if (words.length === 0 || words.length > MAX_SMALL_TALK_WORDS) return undefined;
  let found: { kind: SmallTalkKind; rank: number } | undefined;
  let i = 0;
  while (i < words.length) {
    const phrase = PHRASES.find((candidate) => candidate.words.every((word, offset) => words[i + offset] === word));
    if (phrase) {
      if (!found || phrase.rank < found.rank) found = phrase;
      i += phrase.words.length;
    } else if (SMALL_TALK_FILLERS.has(words[i])) {
      i += 1;
    } else {
      return undefined;
    }
  }
  return found?.kind;
}
