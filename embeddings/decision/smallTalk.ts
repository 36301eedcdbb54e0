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
    'nul', 'nulle', 'nul a chier', 'c est nul', 'tu es nul', 't es nul', 'vous etes nul', 'inutile', 'reponse inutile', 'pas utile', 'ca ne sert a rien',
    'ca sert a rien', 'tu sers a rien', 'tu ne sers a rien', 'ca marche pas', 'ca ne marche pas', 'ca fonctionne pas', 'ca ne fonctionne pas',
    'marche pas', 'ne marche pas', 'pas compris', 'j ai pas compris', 'je n ai pas compris', 'je ne comprends pas', 'je comprends pas', 'je comprends rien',
    'je ne comprends rien', 'tu ne comprends rien', 'tu comprends rien', 'vous ne comprenez rien', 'vous ne comprenez pas', 'tu ne comprends pas',
    'n importe quoi', 'debile', 'stupide', 'idiot', 'idiote', 'imbecile', 'cretin', 'bete', 'con', 'conne', 'abruti', 'pas terrible', 'bof', 'nulle part',
    'ca ne m aide pas', 'ca m aide pas', 'pas la bonne reponse', 'mauvaise reponse', 'mauvais', 'faux', 'c est faux', 'pas du tout', 'c est pas ca',
    'ce n est pas ca', 'ce n est pas ma question', 'c est pas ma question', 'ca ne repond pas a ma question', 'ca repond pas a ma question',
    'tu ne reponds pas a ma question', 'vous ne repondez pas a ma question', 'hors sujet', 'a cote de la plaque', 'decu', 'decue', 'decevant',
    'useless', 'stupid', 'dumb', 'this is useless', 'you are useless', 'wrong answer', 'not helpful', 'wtf', 'merde', 'putain', 'fait chier',
    'n importe quoi', 'pourri', 'pourrie', 'connard', 'connasse', 'nase', 'naze', 'rien a voir', 'n a rien a voir', 'ca n a rien a voir', 'rien compris',
    'j ai rien compris', 'je n ai rien compris', 'pff', 'grr', 'argh', 'incompetent', 'ridicule', 'sert a rien', 'aucun interet', 'sans interet',
    'pas de reponse', 'aucune reponse', 'pas tres utile', 'pas vraiment utile', 'pas super utile', 'pas si utile', 'a la con', 'de merde', 'nulle', 'tu sers a que dalle',
    'espece d', 'espece de', 'bande d', 'bande de', 'nuls', 'idiots', 'incapables',
  ]],
  ['human', [
    'parler a un humain', 'parler a une personne', 'parler a quelqu un', 'parler a un conseiller', 'parler a une conseillere', 'parler a un agent',
    'parler a une vraie personne', 'parler a un vrai humain', 'parler a un operateur', 'un humain', 'une personne', 'un conseiller', 'une conseillere',
    'un vrai conseiller', 'une vraie personne', 'un operateur', 'joindre quelqu un', 'contacter quelqu un', 'contacter un humain', 'appeler quelqu un',
    'etre rappele', 'mettre en relation', 'talk to a human', 'speak to a human', 'talk to someone', 'a real person', 'human agent', 'real human',
  ]],
  ['help', [
    'aide', 'help', 'aidez moi', 'aide moi', 'a l aide', 'm aider', 'j ai besoin d aide', 'besoin d aide', 'de l aide', 'comment ca marche',
    'comment ca fonctionne', 'comment tu marches', 'comment tu fonctionnes', 'comment vous fonctionnez', 'comment fonctionne', 'comment t utiliser',
    'comment vous utiliser', 'comment utiliser', 'comment on fait', 'que peux tu faire', 'que sais tu faire', 'qu est ce que tu sais faire',
    'qu est ce que tu peux faire', 'que pouvez vous faire', 'tu sers a quoi', 'a quoi tu sers', 'a quoi sers tu', 'a quoi servez vous',
    'tu peux faire quoi', 'tu fais quoi', 'mode d emploi', 'je peux poser quelles questions', 'quelles questions', 'how does this work',
    'how does this chatbot work', 'how does this bot work', 'how does the chatbot work', 'how does the bot work', 'how does it work', 'how do you work', 'what can you do', 'what do you do', 'help me', 'can you help', 'can you help me', 'i need help',
    'menu', 'recommencer', 'accueil', 'au secours', 'je suis perdu', 'perdu', 'que puis je demander', 'que puis je te demander', 'que puis je vous demander',
    'qu est ce que je peux demander', 'je peux demander quoi', 'quelles questions puis je poser', 'quelles questions poser', 'comment on s en sert',
    'on s en sert comment', 'on fait comment', 'comment faire', 'tu peux m aider', 'vous pouvez m aider', 'pouvez vous m aider', 'peux tu m aider',
  ]],
  ['identity', [
    'tu es un robot', 't es un robot', 'es tu un robot', 'vous etes un robot', 'etes vous un robot', 'c est un robot', 'tu es un bot', 't es un bot',
    't es un humain', 'tu es un humain', 'es tu un humain', 'vous etes un humain', 'etes vous un humain', 'tu es une personne', 't es une personne',
    'es tu un bot', 'tu es un chatbot', 'es tu un chatbot', 'tu es humain', 'es tu humain', 't es humain', 'tu es une vraie personne', 'tu es qui',
    't es qui', 'qui es tu', 'qui etes vous', 'vous etes qui', 'tu es une ia', 'es tu une ia', 't es une ia', 'une intelligence artificielle',
    'comment tu t appelles', 'tu t appelles comment', 'quel est ton nom', 'c est quoi ton nom', 'ton nom', 'are you a bot', 'are you a robot',
    'are you human', 'are you real', 'who are you', 'what are you', 'what is your name',
    // « t'es un bot ou un humain ? »: the alternative asked is part of the same question.
    'ou un humain', 'ou une personne', 'ou un robot', 'ou un bot', 'ou une ia', 'ou une machine', 'or a human', 'or a bot', 'or a robot',
  ]],
  ['goodbye', [
    'au revoir', 'aurevoir', 'bye', 'bye bye', 'goodbye', 'good bye', 'a bientot', 'a plus', 'a plus tard', 'a la prochaine', 'a tout a l heure',
    'a demain', 'bonne journee', 'bonne soiree', 'bonne nuit', 'bonne fin de journee', 'bonne fin de semaine', 'bonne continuation', 'bon week end',
    'bon courage', 'ciao', 'tchao', 'adieu', 'see you', 'see you later', 'good night', 'have a nice day', 'c est tout', 'ce sera tout', 'rien d autre',
    'pas de question', 'plus de question', 'plus de questions', 'pas d autre question', 'pas d autres questions', 'j ai fini', 'that s all',
    'bonne journee a vous', 'bon apres midi', 'bonne semaine', 'a tres vite', 'a plus', 'see ya', 'bye bye',
  ]],
  ['thanks', [
    'merci', 'merci beaucoup', 'merci bien', 'merci infiniment', 'mille mercis', 'mille merci', 'merci mille fois', 'grand merci', 'je vous remercie',
    'je te remercie', 'remerciements', 'merci pour votre aide', 'merci pour ton aide', 'merci pour ta reponse', 'merci pour votre reponse',
    'merci pour l info', 'merci pour les infos', 'merci pour l information', 'c est gentil', 'tres gentil', 'thanks', 'thank you', 'thanks a lot',
    'thank you so much', 'many thanks', 'thx', 'ty', 'cimer', 'mci',
    'merci a vous', 'merci a toi', 'pour votre aide', 'pour ton aide', 'pour l aide', 'merci du coup', 'merci quand meme', 'thank u', 'tks',
  ]],
  ['greeting', [
    'bonjour', 'bonsoir', 'salut', 'coucou', 'hello', 'hi', 'hey', 'yo', 'bjr', 'bsr', 'slt', 'rebonjour', 're bonjour', 'ca va', 'comment ca va',
    'comment allez vous', 'vous allez bien', 'tu vas bien', 'comment vas tu', 'good morning', 'good afternoon', 'good evening', 'how are you',
    're', 'wesh', 'bien le bonjour', 'bonjour a tous', 'salut a tous', 'hey there', 'hi there', 'hello there', 'bon matin',
  ]],
  ['presence', [
    'test', 'testing', 'essai', 'ping', 'allo', 'il y a quelqu un', 'y a quelqu un', 'ya quelqu un', 'y a du monde', 'il y a du monde', 'quelqu un',
    'vous etes la', 'tu es la', 't es la', 'es tu la', 'etes vous la', 'vous m entendez', 'tu m entends', 'are you there', 'anybody there',
    'anyone there', 'is anyone there', 'is anybody there', 'j ai une question', 'une question', 'une petite question', 'petite question',
    'je peux poser une question', 'i have a question',
    'y a qqn', 'il y a qqn', 'qqn', 'hello ya quelqu un',
  ]],
  ['acknowledgement', [
    'ok', 'okay', 'oki', 'okok', 'ok ok', 'd accord', 'd acc', 'dac', 'entendu', 'compris', 'bien compris', 'parfait', 'super', 'genial', 'top', 'cool',
    'tres bien', 'bien', 'oui', 'non', 'ouais', 'nan', 'ah', 'ah ok', 'ah bon', 'je vois', 'c est note', 'note', 'ca marche', 'c est bon', 'c est clair',
    'excellent', 'bravo', 'nickel', 'impeccable', 'tant pis', 'pas grave', 'je sais pas', 'je ne sais pas', 'aucune idee', 'rien', 'noted', 'great',
    'fine', 'yes', 'no', 'nope', 'yep', 'perfect', 'got it', 'all right', 'alright',
    'clair', 'tres clair', 'bien recu', 'recu', 'oki doki', 'okidoki', 'ca roule', 'vu', 'd ac', 'utile', 'tres utile', 'entendu', 'ah d accord', 'ok d accord', 'ca me va', 'sure',
  ]],
];

/** Function words that may surround small talk without making it a question (« merci pour tout », « ok alors »). */
const SMALL_TALK_FILLERS: ReadonlySet<string> = new Set([
  'alors', 'euh', 'hum', 'hmm', 'bon', 'ben', 'bah', 'eh', 'oh', 'ah', 'svp', 'stp', 's', 'il', 'plait', 'please', 'encore', 'vraiment', 'tres', 'trop',
  'beaucoup', 'bien', 'je', 'j', 'me', 'm', 'moi', 'tu', 't', 'toi', 'te', 'vous', 'votre', 'ton', 'ta', 'nous', 'on', 'veux', 'voudrais', 'voudrait',
  'souhaite', 'souhaiterais', 'aimerais', 'peux', 'pouvez', 'pourriez', 'pourrais', 'puis', 'est', 'ce', 'c', 'ca', 'que', 'qu', 'a', 'au', 'le', 'la',
  'les', 'l', 'un', 'une', 'des', 'de', 'd', 'du', 'pour', 'tout', 'tous', 'et', 'mais', 'donc', 'quand', 'meme', 'madame', 'monsieur', 'messieurs',
  'dames', 'monde', 'equipe', 'ici', 'la', 'there', 'the', 'a', 'an', 'bot', 'chatbot', 'robot', 'assistant', 'you', 'so', 'much', 'very', 'lol', 'mdr',
  'ptdr', 'xd', 'haha', 'hihi', 'deja', 'aussi', 'pas', 'ne', 'n', 'y', 'en', 'cela', 'ceci', 'comme', 'ca', 'info', 'infos', 'reponse', 'reponses',
  'aide', 'question', 'bcp', 'bien', 'tt', 'vrmt', 'infiniment',
  'es', 'etes', 'quel', 'quelle', 'ce', 'ces', 'cette', 'truc', 'machin', 'ma', 'mon', 'mes', 'tes', 'vos', 'sa', 'son', 'rapide', 'coup', 'information',
  'informations', 'precisions', 'precision', 'explications', 'explication', 'retour', 'demande', 'demandais', 'voulais', 'totalement', 'completement',
  'franchement', 'serieux', 'serieusement', 'sincerement', 'toujours', 'this', 'is', 'it', 'that', 'your', 'all', 'doki', 'again', 'hein', 'allez', 'exactement', 'precisement',
]);

/**
 * SMS spellings and apostrophe-less elisions, rewritten to the folded form the
 * phrases use (« slt », « mrc », « daccord », « nimporte », « qqn »).
 */
const SMALL_TALK_ALIASES: Readonly<Record<string, string>> = {
  bjr: 'bonjour', bnjr: 'bonjour', bjour: 'bonjour', bonjoir: 'bonjour', bonjours: 'bonjour', slt: 'salut', cc: 'coucou', bsr: 'bonsoir',
  mrc: 'merci', mci: 'merci', mercie: 'merci', merki: 'merci', mersi: 'merci', thks: 'thanks', thanx: 'thanks',
  daccord: 'd accord', dacc: 'd acc', nimporte: 'n importe', qqn: 'quelqu un', qqun: 'quelqu un', qq1: 'quelqu un', quelquun: 'quelqu un',
  jai: 'j ai', cest: 'c est', tes: 't es', jcomprends: 'je comprends', chui: 'je suis', jsuis: 'je suis', aurevoir: 'au revoir',
  okey: 'okay', okai: 'okay',
};

/** Longest message (in words) that can be small talk: longer ones are questions, whatever words they hold. */
export const MAX_SMALL_TALK_WORDS = 10;

const PHRASES: readonly { readonly kind: SmallTalkKind; readonly words: readonly string[]; readonly rank: number }[] = SMALL_TALK_PHRASES.flatMap(
  ([kind, phrases], rank) => phrases.map((phrase) => ({ kind, words: phrase.split(' '), rank })),
).sort((a, b) => b.words.length - a.words.length);

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

/**
 * Pure: the kind of small talk a message is, or undefined when it holds
 * anything else (a question, even one opening with « Bonjour »). Every word
 * must belong to a small-talk phrase or be a filler around one.
 */
export function detectSmallTalk(text: string): SmallTalkKind | undefined {
  const words = smallTalkWords(text);
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
