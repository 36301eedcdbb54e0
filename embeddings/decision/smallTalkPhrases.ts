import type { SmallTalkKind } from './smallTalk.js';

/**
 * The vocabulary of small talk (see smallTalk.ts): general French and English
 * phrases of each kind, the function words that may surround them, and SMS
 * spellings. General language, not this KB's words: a word of the FAQ's
 * subjects never belongs here, so a question holding one is always searched.
 */

/** What one wishes on leaving (« bonne journée », « bon appétit », « bonne fin d’après-midi »), either gender (« bon journée » is a typo). */
const WISHES: readonly string[] = [
  'journee', 'soiree', 'nuit', 'matinee', 'apres midi', 'aprem', 'semaine', 'week end', 'weekend', 'vacances', 'fetes', 'dimanche', 'samedi',
  'continuation', 'courage', 'appetit', 'route', 'chance', 'reprise', 'rentree', 'fin de semaine', 'fin d apres midi', 'lundi', 'vendredi',
];

/** Words that turn the next acknowledgement, thanks or help phrase into a complaint (« pas top », « not helpful »; « n’t » is read as « not »). */
export const NEGATIONS: ReadonlySet<string> = new Set(['pas', 'not', 'never', 'jamais']);
/** Intensifiers that may stand between a negation and its phrase (« pas très clair », « not really helpful »). */
export const NEGATION_GAP: ReadonlySet<string> = new Set(['tres', 'si', 'trop', 'assez', 'super', 'really', 'very', 'so', 'that', 'du', 'tout']);
/** Numbers in words, which say nothing on their own (« deux minutes », « une ou deux questions »). */
export const NUMBER_WORDS: ReadonlySet<string> = new Set(['deux', 'trois', 'quatre', 'cinq', 'dix', 'two', 'three', 'five', 'ten']);

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
    // insults and frustration seen in any chat: « ta gueule », « quelle perte de temps »
    'perte de temps', 'quelle perte de temps', 'ta gueule', 'ferme la', 'tais toi', 'taisez vous', 'va te faire voir', 'va te faire foutre',
    'allez vous faire voir', 'degage', 'casse toi', 'laisse tomber', 'laissez tomber', 'tu m enerves', 'vous m enervez', 'agacant', 'penible',
    'ca m aide pas du tout', 'pas du tout ce que je demandais', 'ce n est pas ce que je demandais', 'c est pas ce que je demande',
    'pas ce que je cherche', 'ce n est pas ce que je cherche', 'bot inutile', 'robot inutile', 'chatbot inutile', 'tu es bete', 't es bete',
    'ca ne m avance pas', 'ca m avance pas', 'ca ne m aide pas du tout', 'toujours pas', 'encore rate', 'rate', 'zero', 'nullissime',
    'a cote', 'repondre a cote', 'tu reponds a cote', 'vous repondez a cote', 'tu racontes n importe quoi', 'raconte n importe quoi',
    'tu ne comprends', 'vous ne comprenez', 'lent', 'trop lent', 'bouh', 'arrete', 'arretez', 'ca suffit', 'insupportable', 'horrible',
    'pas satisfait', 'pas satisfaite', 'insatisfait', 'insatisfaite', 'pas content', 'pas contente', 'mecontent', 'mecontente', 'merci pour rien',
    'j abandonne', 'c est pas clair', 'ce n est pas clair', 'pas clair', 'c est pas vrai', 'pas vrai', 'pas possible', 'c est pas possible',
    'vous ne servez a rien', 'vous servez a rien', 'servez a rien',
    // « c’est pas ce que j’ai demandé », « j’en ai marre », « ça m’énerve », « you suck »
    'pas ce que j ai demande', 'ce que j ai demande', 'not what i asked', 'not what i asked for', 'not what i meant', 'j en ai marre', 'marre', 'ras le bol', 'ca m enerve', 'm enerve', 'enervant', 'pas ouf',
    'relou', 'you suck', 'suck', 'sucks', 'this sucks',
    // unclear, too long, off the point, broken; « laisse tomber », « never mind »
    'mouais', 'pas vraiment', 'trop long', 'trop longue', 'trop complique', 'trop compliquee', 'trop complexe', 'trop technique', 'trop vague',
    'flou', 'confus', 'incomprehensible', 'imprecis', 'trop de texte', 'tourne en rond', 'je tourne en rond', 'on tourne en rond', 'pas repondu',
    'ne correspond pas', 'correspond pas', 'ca ne correspond pas', 'ca correspond pas', 'toujours rien', 'ca bug', 'ca bugue', 'ca beug',
    // not « oublié » nor « bug » alone: « j’ai oublié mon mot de passe », « mon imprimante bug » are off-topic questions
    'ca plante', 'oubliez', 'oublions', 'forget it', 'never mind', 'nevermind', 'not working', 'not work',
  ]],
  ['human', [
    'parler a un humain', 'parler a une personne', 'parler a quelqu un', 'parler a un conseiller', 'parler a une conseillere', 'parler a un agent',
    'parler a une vraie personne', 'parler a un vrai humain', 'parler a un operateur', 'un humain', 'une personne', 'un conseiller', 'une conseillere',
    'un vrai conseiller', 'une vraie personne', 'un operateur', 'joindre quelqu un', 'contacter quelqu un', 'contacter un humain', 'appeler quelqu un',
    'etre rappele', 'mettre en relation', 'talk to a human', 'speak to a human', 'talk to someone', 'a real person', 'human agent', 'real human',
    'passez moi', 'passe moi', 'un vrai humain', 'contact humain', 'un contact humain', 'une vraie personne svp', 'un etre humain',
    'parler a un etre humain', 'quelqu un de reel', 'une personne reelle', 'le service client', 'service client', 'un interlocuteur',
    'parler a un responsable', 'un responsable', 'parler au responsable', 'parler a votre responsable',
    'interlocuteur', 'un vrai interlocuteur', 'joindre un humain', 'joindre une personne',
    // call backs and transfers
    'rappelez moi', 'rappelle moi', 'me rappeler', 'me recontacter', 'recontactez moi', 'transferez moi', 'transferer',
    'un agent', 'agent humain', 'call me', 'call me back', 'talk to a person', 'speak to someone', 'real agent', 'agent please', 'an agent', 'live agent',
  ]],
  ['language', [
    'anglais', 'english', 'en anglais', 'in english', 'speak english', 'tu parles anglais', 'parlez vous anglais', 'vous parlez anglais',
    'do you speak english', 'anglophone', 'francais', 'french', 'en francais', 'espagnol', 'spanish', 'allemand', 'german', 'italien',
    'italian', 'portugais', 'arabe', 'langue', 'langues', 'language', 'autre langue', 'une autre langue', 'other language',
  ]],
  ['help', [
    'aide', 'help', 'aidez moi', 'aide moi', 'a l aide', 'm aider', 'j ai besoin d aide', 'besoin d aide', 'besoin de vous', 'besoin de toi', 'de l aide', 'comment ca marche',
    'comment ca fonctionne', 'comment tu marches', 'comment tu fonctionnes', 'comment vous fonctionnez', 'comment fonctionne', 'comment t utiliser',
    'comment vous utiliser', 'comment utiliser', 'comment on fait', 'que peux tu faire', 'que sais tu faire', 'qu est ce que tu sais faire',
    'qu est ce que tu peux faire', 'que pouvez vous faire', 'tu sers a quoi', 'a quoi tu sers', 'a quoi sers tu', 'a quoi servez vous',
    'tu peux faire quoi', 'tu fais quoi', 'mode d emploi', 'je peux poser quelles questions', 'quelles questions', 'how does this work',
    'how does this chatbot work', 'how does this bot work', 'how does the chatbot work', 'how does the bot work', 'how does it work', 'how do you work', 'what can you do', 'what do you do', 'help me', 'can you help', 'can you help me', 'i need help',
    'menu', 'recommencer', 'accueil', 'au secours', 'sos', 'je suis perdu', 'perdu', 'que puis je demander', 'que puis je te demander', 'que puis je vous demander',
    'qu est ce que je peux demander', 'je peux demander quoi', 'quelles questions puis je poser', 'quelles questions poser', 'comment on s en sert',
    'on s en sert comment', 'on fait comment', 'comment faire', 'tu peux m aider', 'vous pouvez m aider', 'pouvez vous m aider', 'peux tu m aider',
    'comment je t utilise', 'comment je vous utilise', 'comment je m en sers', 'te demander', 'vous demander', 'quoi demander',
    'quoi te demander', 'quoi vous demander', 'tu peux repondre', 'vous pouvez repondre', 'tu reponds a quoi', 'vous repondez a quoi',
    'quels sujets', 'quel sujet', 'sur quels sujets', 'tu connais quoi', 'vous connaissez quoi', 'sert ce chat', 'sert ce bot',
    'sert ce robot', 'sert ce chatbot', 'sert cet assistant', 'a quoi sert ce chat', 'a quoi sert ce bot', 'what can i ask',
    'what do you know', 'on commence', 'on commence comment', 'par ou commencer', 'je commence par quoi', 'je fais comment',
    'what can you help me with', 'what can you help with', 'help me with', 'comment ca marche ici', 'comment ca se passe',
    'comment', 'repeter', 'tu peux repeter', 'vous pouvez repeter', 'pouvez vous repeter', 'perdue', 'je suis perdue', 'ce truc',
    'c est quoi ce truc', 'c est quoi ce bot', 'c est quoi ce chat', 's utilise', 'ca s utilise', 'comment ca s utilise', 'la pour quoi',
    'i need some help', 'need some help', 'need help', 'some help',
    'competences', 'vos competences', 'coup de main', 'un coup de main',
    'formuler', 'reformuler', 'comment formuler', 'how do i use', 'how to use', 'how do i ask', 'how should i ask',
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
    'je parle a un robot', 'je parle a un bot', 'je parle a une machine', 'je parle a une ia', 'je parle a un humain',
    'un robot', 'un bot', 'un chatbot', 'une ia', 'une machine', 'chatgpt', 'gpt', 'c est une ia', 'c est un bot', 'c est un chatbot',
    'vous etes un chatbot', 'vous etes une ia', 't es une vraie personne', 'vous etes une vraie personne', 'es tu une vraie personne',
    'tu es reel', 'es tu reel', 't es reel', 'tu es vrai', 'are you chatgpt', 'are you an ai', 'an ai',
    'tu as un nom', 'vous avez un nom', 'as tu un nom', 'qui t a cree', 'qui vous a cree', 'qui t a fait', 'qui t a programme',
    'qui t a developpe', 'intelligent', 'intelligente', 'tu es intelligent', 'un vrai robot',
    'programme informatique', 'un programme informatique',
    // affection, and asking whether one talks to a bot (« raconte-moi une blague » is an off-topic question, declined)
    'je t aime', 'je vous aime', 'je t adore', 'love you', 'i love you', 'bisous', 'bises',
    'am i talking to', 'am i speaking to', 'is this a bot', 'is this a robot', 'is this a human', 'is this a real person', 'is it a bot',
  ]],
  ['goodbye', [
    'au revoir', 'aurevoir', 'bye', 'bye bye', 'goodbye', 'good bye', 'a bientot', 'a plus', 'a plus tard', 'a la prochaine', 'a tout a l heure',
    'a demain', 'bonne journee', 'bonne soiree', 'bonne nuit', 'bonne fin de journee', 'bonne fin de semaine', 'bonne continuation', 'bon week end',
    'bon courage', 'ciao', 'tchao', 'adieu', 'see you', 'see you later', 'good night', 'have a nice day', 'c est tout', 'ce sera tout', 'rien d autre',
    'pas de question', 'plus de question', 'plus de questions', 'pas d autre question', 'pas d autres questions', 'j ai fini', 'that s all',
    'bonne journee a vous', 'bon apres midi', 'bonne semaine', 'a tres vite', 'a plus', 'see ya', 'bye bye',
    'je vous laisse', 'je te laisse', 'allez salut', 'allez ciao', 'allez au revoir', 'c est tout pour moi', 'ce sera tout pour moi',
    'bonne fin de soiree', 'bonnes vacances', 'bonnes fetes', 'bon dimanche', 'a la revoyure', 'je m en vais', 'je dois y aller',
    'je reviendrai', 'je reviendrai plus tard', 'je repasserai', 'je repasse plus tard', 'on se reparle', 'a une prochaine',
    'passez une bonne journee', 'passe une bonne journee', 'passez une bonne soiree', 'je reviens vers vous', 'je reviens plus tard',
    'je reviendrai vers vous', 'je reviens', 'bye now', 'a toute a l heure', 'courage',
    ...WISHES.flatMap((wish) => [`bon ${wish}`, `bonne ${wish}`, `bonnes ${wish}`, `bonne fin de ${wish}`, `bonne fin d ${wish}`]),
  ]],
  ['thanks', [
    'merci', 'merci beaucoup', 'merci bien', 'merci infiniment', 'mille mercis', 'mille merci', 'merci mille fois', 'grand merci', 'je vous remercie',
    'je te remercie', 'remerciements', 'merci pour votre aide', 'merci pour ton aide', 'merci pour ta reponse', 'merci pour votre reponse',
    'merci pour l info', 'merci pour les infos', 'merci pour l information', 'c est gentil', 'tres gentil', 'thanks', 'thank you', 'thanks a lot',
    'thank you so much', 'many thanks', 'thx', 'ty', 'tysm', 'cimer', 'mci',
    'merci a vous', 'merci a toi', 'pour votre aide', 'pour ton aide', 'pour l aide', 'merci du coup', 'merci quand meme', 'thank u', 'tks',
    'ca m aide', 'ca m aide beaucoup', 'ca m a aide', 'ca m a bien aide', 'ca m a beaucoup aide', 'ca repond a ma question',
    'c est exactement ce que je cherchais', 'ce que je cherchais', 'helpful', 'very helpful', 'that helps', 'that helped',
    'vous etes top', 'tu es top', 't es top', 'vous etes super', 'tu es super', 'vous etes genial', 'tu es genial', 'merci merci',
    'je vous en remercie', 'remercie', 'gracias', 'danke', 'merci d avance', 'merci par avance',
    'ca m eclaire', 'vous m avez aide', 'vous m avez bien aide', 'tu m as aide', 'tu m as bien aide', 'vous m avez ete utile',
    'thank you very much', 'for your help', 'cheers', 'c est tout ce que je voulais savoir', 'tout ce que je voulais savoir', 'c est bon merci',
  ]],
  ['greeting', [
    'bonjour', 'bonsoir', 'salut', 'coucou', 'hello', 'hi', 'hey', 'yo', 'bjr', 'bsr', 'slt', 'rebonjour', 're bonjour', 'ca va', 'comment ca va',
    'comment allez vous', 'vous allez bien', 'tu vas bien', 'comment vas tu', 'good morning', 'good afternoon', 'good evening', 'how are you',
    're', 'wesh', 'bien le bonjour', 'bonjour a tous', 'salut a tous', 'hey there', 'hi there', 'hello there', 'bon matin',
    'salutations', 'enchante', 'enchantee', 'bonne annee', 'meilleurs voeux', 'comment tu vas', 'comment vous allez', 'tout va bien',
    'ca va bien', 'vous allez bien', 'j espere que vous allez bien', 'j espere que tu vas bien', 'quoi de neuf', 'hola', 'buongiorno',
    'guten tag', 'bonjour a toute l equipe', 'hello everyone', 'hi everyone',
    'how are you doing', 'how s it going', 'je m appelle', 'moi c est', 'et toi', 'et vous', 'ca va et toi', 'ca va et vous',
    'me revoila', 'revoila', 'c est encore moi', 'encore moi', 'ca roule', 'salut ca roule',
    'se passe bien', 'votre journee se passe bien', 'ta journee se passe bien',
    'sa va', 'what s up', 'whats up', 'wassup', 'sup', 'joyeux noel', 'joyeuses fetes', 'joyeuses paques', 'bonne fete', 'happy new year',
    'merry christmas',
  ]],
  ['presence', [
    'test', 'testing', 'essai', 'ping', 'allo', 'il y a quelqu un', 'y a quelqu un', 'ya quelqu un', 'y a du monde', 'il y a du monde', 'quelqu un',
    'vous etes la', 'tu es la', 't es la', 'es tu la', 'etes vous la', 'vous m entendez', 'tu m entends', 'are you there', 'anybody there',
    'anyone there', 'is anyone there', 'is anybody there', 'j ai une question', 'une question', 'une petite question', 'petite question',
    'je peux poser une question', 'i have a question',
    'y a qqn', 'il y a qqn', 'qqn', 'hello ya quelqu un',
    'vous poser une question', 'te poser une question', 'poser une question', 'puis je poser une question', 'je peux poser une question',
    'une question svp', 'une question rapide', 'can i ask a question', 'hello ya quelqu un', 'on peut discuter', 'on peut parler',
    'personne ne repond', 'personne', 'vous repondez', 'tu reponds', 'allo allo',
    'tu dors', 'vous dormez', 'tu es reveille', 't es ou', 'tu es ou',
    'heho', 'he ho', 'ohe', 'youhou', 'ouhou', 'hou hou', 'ca repond', 'anyone', 'anybody', 'someone there', 'teste', 'je teste', 'on teste',
    'pour voir', 'juste pour voir', 'ca fonctionne',
    'question', 'questions',
  ]],
  ['wait', [
    // not « moment » alone: « à quel moment ? » asks something
    'un instant', 'un moment', 'une seconde', 'secondes', 'sec', 'une minute', 'minutes', 'min', 'mins', 'attendez', 'attends',
    'patientez', 'patiente', 'patience', 'je reflechis', 'reflechis', 'je cherche', 'bouge pas', 'ne bougez pas', 'j arrive',
    'hold on', 'wait', 'one moment', 'one sec', 'just a sec', 'just a moment', 'give me a sec', 'brb',
  ]],
  ['acknowledgement', [
    'ok', 'okay', 'oki', 'okok', 'ok ok', 'd accord', 'd acc', 'dac', 'entendu', 'compris', 'bien compris', 'parfait', 'super', 'genial', 'top', 'cool',
    'tres bien', 'bien', 'oui', 'non', 'ouais', 'nan', 'ah', 'ah ok', 'ah bon', 'je vois', 'c est note', 'note', 'ca marche', 'c est bon', 'c est clair',
    'excellent', 'bravo', 'nickel', 'impeccable', 'tant pis', 'pas grave', 'je sais pas', 'je ne sais pas', 'aucune idee', 'rien', 'noted', 'great',
    'fine', 'yes', 'no', 'nope', 'yep', 'perfect', 'got it', 'all right', 'alright',
    'clair', 'tres clair', 'bien recu', 'recu', 'oki doki', 'okidoki', 'ca roule', 'vu', 'd ac', 'utile', 'tres utile', 'entendu', 'ah d accord', 'ok d accord', 'ca me va', 'sure',
    'je comprends', 'je vois', 'c est compris', 'j ai compris', 'j ai bien compris', 'ok je comprends', 'haha', 'hahaha', 'hihi', 'mdr',
    'lol', 'ptdr', 'xd', 'interessant', 'tres interessant', 'en effet', 'effectivement', 'ah oui', 'oui oui', 'exact', 'exactement',
    'je note', 'ca roule', 'pas de souci', 'pas de soucis', 'aucun souci', 'pas de probleme', 'no problem',
    'understood', 'i see', 'makes sense', 'si si', 'peut etre', 'voila', 'bref',
    // apologies, compliments and remarks addressed to the bot (« tu es sympa », « pardon, je me suis trompé »)
    'desole', 'desolee', 'pardon', 'oups', 'oops', 'excusez moi', 'excuse moi', 'je me suis trompe', 'je me suis trompee', 'erreur de ma part',
    'autant pour moi', 'au temps pour moi', 'pas mal', 'sympa', 'tu es', 't es', 'vous etes', 'j adore', 'trop fort', 'trop bien', 'bien joue',
    'well done', 'nice', 'sorry', 'my bad', 'ah bon', 'ah', 'oh', 'wow', 'waouh', 'ouah', 'impressionnant', 'efficace', 'rapide',
    'hein', 'quoi', 'et alors', 'et donc', 'c est exactement ca', 'exactement ca', 'c est clair maintenant', 'clair maintenant',
    'je vais voir', 'je vais regarder', 'on va voir', 'je regarde', 'je vais lire', 'je lis', 'je vais lire ca',
    'huh', 'nothing', 'i don t know', 'don t know', 'dunno', 'idk',
    // doubt and agreement (« vraiment ? », « t'es sûr ? »): « pas » in front makes them complaints (see NEGATIONS)
    'vraiment', 'serieux', 'serieusement', 't es sur', 'tu es sur', 'vous etes sur', 'etes vous sur', 'es tu sur', 'tout a fait', 'c est ca',
    'really', 'seriously', 'are you sure', 'sounds good', 'no worries', 'all good', 'fair enough', 'ok then',
  ]],
];

/** Function words that may surround small talk without making it a question (« merci pour tout », « ok alors »). */
export const SMALL_TALK_FILLERS: ReadonlySet<string> = new Set([
  'alors', 'euh', 'heu', 'hum', 'hmm', 'peut', 'pourrait', 'today', 'bon', 'ben', 'bah', 'eh', 'oh', 'ah', 'svp', 'stp', 's', 'il', 'plait', 'please', 'encore', 'vraiment', 'tres', 'trop',
  'beaucoup', 'bien', 'je', 'j', 'me', 'm', 'moi', 'tu', 't', 'toi', 'te', 'vous', 'votre', 'ton', 'ta', 'nous', 'on', 'veux', 'voudrais', 'voudrait',
  'souhaite', 'souhaiterais', 'aimerais', 'peux', 'pouvez', 'pourriez', 'pourrais', 'puis', 'est', 'ce', 'c', 'ca', 'que', 'qu', 'a', 'au', 'le', 'la',
  'les', 'l', 'un', 'une', 'des', 'de', 'd', 'du', 'pour', 'tout', 'tous', 'et', 'mais', 'donc', 'quand', 'meme', 'madame', 'monsieur', 'messieurs',
  'dames', 'monde', 'equipe', 'ici', 'la', 'there', 'the', 'a', 'an', 'bot', 'chatbot', 'robot', 'assistant', 'you', 'so', 'much', 'very', 'lol', 'mdr',
  'ptdr', 'xd', 'haha', 'hihi', 'deja', 'aussi', 'pas', 'ne', 'n', 'y', 'en', 'cela', 'ceci', 'comme', 'ca', 'info', 'infos', 'reponse', 'reponses',
  'aide', 'question', 'bcp', 'bien', 'tt', 'vrmt', 'infiniment',
  'es', 'etes', 'quel', 'quelle', 'ce', 'ces', 'cette', 'truc', 'machin', 'ma', 'mon', 'mes', 'tes', 'vos', 'sa', 'son', 'rapide', 'coup', 'information',
  'informations', 'precisions', 'precision', 'explications', 'explication', 'retour', 'demande', 'demandais', 'voulais', 'totalement', 'completement',
  'franchement', 'serieux', 'serieusement', 'sincerement', 'toujours', 'this', 'is', 'it', 'that', 'your', 'all', 'doki', 'again', 'hein', 'allez', 'exactement', 'precisement',
  // words around small talk that say nothing of a subject (« je cherchais », « votre aide précieuse », « ou pas », « test 1 2 3 »)
  'toute', 'toutes', 'espere', 'cherchais', 'attendais', 'voulais', 'precieuse', 'precieux', 'rapidement', 'ou', 'quoi', 'utilise', 'utiliser',
  'demander', 'poser', 'repondre', 'reponds', 'sujets', 'sujet', 'questions', 'connais', 'connaissez', 'parle', 'parler', 'ce', 'cet',
  'chat', 'ai', 'ia', 'assistante', 'agent', 'virtuel', 'virtuelle', 'vraie', 'vrai', 'reel', 'reelle', 'juste', 'simplement', 'voila',
  'everyone', 'everybody', 'guys', 'folks', 'again', 'lot', 'really', 'que', 'qui', 'suis', 'etais', 'avais', 'sommes',
  'plus', 'rien', 'autre', 'ok', 'oui', 'non', 'bon', 'bah', 'ben', 'alors', 'ensuite', 'puis', 'enfin', 'finalement', 'apres', 'maintenant',
  'plusieurs', 'quelques', 'derniere', 'dernier', 'autres', 'petite', 'petites', 'pose', 'avez', 'can', 'could', 'i', 'do', 'does', 'did', 'ask', 'in',
  'parlez', 'parles', 'fais', 'faire', 'answer', 'reply', 'speak', 'talk',
  'now', 'aujourd', 'hui', 'soir', 'matin', 'l', 'equipe', 'team', 'de', 'part', 'ma', 'mon', 'nouveau', 'nouvelle', 'ici', 'expliquer', 'explique', 'expliquez', 'dire', 'and', 'for', 'some', 'savoir', 'toujours', 'mais', 'journee', 'joindre', 'sont', 'besoin', 'quelles', 'quels', 'trop', 'ans', 'agence', 'trompe', 'ecrit', 'mal',
]);

/**
 * SMS spellings and apostrophe-less elisions, rewritten to the folded form the
 * phrases use (« slt », « mrc », « daccord », « nimporte », « qqn »).
 */
export const SMALL_TALK_ALIASES: Readonly<Record<string, string>> = {
  bjr: 'bonjour', bnjr: 'bonjour', bjour: 'bonjour', bonjoir: 'bonjour', bonjours: 'bonjour', slt: 'salut', cc: 'coucou', bsr: 'bonsoir',
  mrc: 'merci', mci: 'merci', mercie: 'merci', merki: 'merci', mersi: 'merci', thks: 'thanks', thanx: 'thanks',
  daccord: 'd accord', dacc: 'd acc', nimporte: 'n importe', qqn: 'quelqu un', qqun: 'quelqu un', qq1: 'quelqu un', quelquun: 'quelqu un',
  jai: 'j ai', cest: 'c est', tes: 't es', jcomprends: 'je comprends', chui: 'je suis', jsuis: 'je suis', aurevoir: 'au revoir',
  dsl: 'desole', bnj: 'bonjour', wsh: 'wesh', ptn: 'putain', jsp: 'je sais pas', jsais: 'je sais',
  okey: 'okay', okai: 'okay', oke: 'ok', cv: 'ca va', sava: 'ca va',
};
