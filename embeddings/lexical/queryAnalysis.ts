import { foldAccents } from '../../knowledge/index.js';

/**
 * French analysis of a typed question before it is scored: elisions typed
 * without their apostrophe and the question found inside a longer message
 * (whether it is written in English: englishGlossary.ts). Pure functions of the
 * text (and of the KB's vocabulary for the elisions).
 */

/**
 * Elided words that can be glued to the next word when the apostrophe is
 * left out ("cest", "lANS", "quon", "jai", "dinteroperabilite"). French elides
 * only before a vowel or a mute h, which keeps "des", "son" or "tout" whole.
 */
const GLUED_ELISION = /^(qu|[cdjlmnst])([aeiouyh].*)$/iu;

/** Shortest remainder after a glued elision ("jy" is j’ + y). */
const MIN_GLUED_REMAINDER = 1;

/**
 * A word as the vocabulary sees it: `known` when its analysed form occurs in
 * the KB, `empty` when the analyser drops it entirely (a stop word).
 */
export type WordStatus = 'known' | 'empty' | 'unknown';

const WORD = /[\p{L}\p{N}]+/gu;

/**
 * Puts the apostrophe back in glued elisions: a word the KB does not know,
 * starting with an elidable letter before a vowel, whose remainder is a word
 * the KB knows or a stop word ("cest" → "c'est", "lans" → "l'ans",
 * "linteroperabilite" → "l'interoperabilite"). Words the KB knows are never
 * split, whatever they look like.
 */
export function repairGluedElisions(text: string, status: (word: string) => WordStatus): string {
  return text.replace(WORD, (word) => {
    const match = GLUED_ELISION.exec(word);
    if (!match || match[2].length < MIN_GLUED_REMAINDER || status(word) !== 'unknown') return word;
    return status(match[2]) === 'unknown' ? word : `${match[1]}'${match[2]}`;
  });
}

/**
 * Inflected and derived forms the stemmer leaves apart from the KB's words:
 * first-person plurals (« nous éditons », not -ions, mostly nouns), third-person
 * plurals (« ils servent », « utilisent », « appuient », « contiennent ») and nouns
 * of action (« candidature », « évaluation », « paramétrage »). A word the KB
 * does not know is read as the first of its related forms the KB knows
 * (« servent » → « servir », « candidature » → « candidater »). General French
 * conjugation and derivation, tried only on unknown words.
 */
const WORD_FAMILIES: readonly (readonly [RegExp, readonly string[]])[] = [
  [/^(\p{L}{3,}[^i\W])ons$/iu, ['$1er']],
  [/^(\p{L}{2,})iennent$/iu, ['$1enir']],
  [/^(\p{L}{2,}[ou])ient$/iu, ['$1yer']],
  [/^(\p{L}{3,})ent$/iu, ['$1er', '$1ir', '$1re']],
  [/^(\p{L}{3,})ature$/iu, ['$1ater', '$1at']],
  [/^(\p{L}{3,})ation$/iu, ['$1er']],
  [/^(\p{L}{3,})age$/iu, ['$1er']],
];

/** Pure: the message with unknown inflected or derived words replaced by the first related form the KB knows. */
export function repairVerbForms(text: string, status: (word: string) => WordStatus): string {
  return text.replace(WORD, (word) => {
    if (status(word) !== 'unknown') return word;
    for (const [pattern, forms] of WORD_FAMILIES) {
      if (!pattern.test(word)) continue;
      const known = forms.map((form) => word.replace(pattern, form)).find((form) => status(form) === 'known');
      if (known) return known;
    }
    return word;
  });
}

/** A message split into the question the vendor asks and the situation they describe first. */
export interface QuestionParts {
  /** The sentence or clause that asks (the whole message when nothing else can be told apart). */
  readonly question: string;
  /** What comes before it (empty for a short question). */
  readonly context: string;
}

/**
 * A question told apart from its context has at least this many words: a
 * shorter one (« où le trouver ? », « quelles sont-elles ? ») mostly points
 * back at the context, so the sentence it ends (or the one before it) is kept
 * with it. On the tuning sets, 6 fits the decision best (log-loss 0.256
 * against 0.263 without this rule).
 */
export const MIN_QUESTION_WORDS = 6;

/** Messages shorter than this (in words) are one question: splitting them would only lose words. */
export const MIN_WORDS_WITH_CONTEXT = 15;

/** What a visitor asks to be told (« pouvez-vous me dire », « vous pouvez m’expliquer »). */
const TELL_ME = "(?:me |m['’]|nous )?(?:dire|expliquer|indiquer|preciser|confirmer|decrire|detailler)\\b";
/** What a visitor wants to know (« nous voulons savoir », « j’aimerais comprendre »). */
const TO_KNOW = '(?:savoir|comprendre|connaitre)';
/**
 * Phrases that introduce the question inside a sentence of context, in the
 * folded form ("…, et nous voulons savoir si …", "… et je cherche la liste …",
 * "…, on voudrait savoir …", "…, vous pouvez m’expliquer …", and a clause
 * "…, est-ce que …" after a comma).
 */
const QUESTION_OPENERS = new RegExp(
  '\\b(?:' +
    [
      `(?:je|nous|on) (?:voudrais|voudrions|voulons|voudrait|veux|veut|aimerais|aimerions|aimerait|souhaite|souhaitons|cherche|cherchons|dois|devons|doit|me demande|nous demandons|se demande) (?:savoir |comprendre |connaitre )?`,
      `j['’](?:aimerais|ai besoin de) ${TO_KNOW}\\b`,
      `(?:voudrions|voulons|aimerions|souhaitons|cherchons|voudrais|aimerais|souhaite) ${TO_KNOW}\\b`,
      '(?:se |me |nous )?demande(?:nt)? (?:si|comment|quand|pourquoi|quel|quelle|quels|quelles|ce que|ou)\\b',
      `(?:pouvez|pourriez)-vous ${TELL_ME}`,
      // after a comma, the polite question may drop its inversion (« …, vous pouvez m’expliquer ») or be a clause (« …, est-ce que »)
      `(?<=, )(?:vous )?(?:pouvez|pourriez)(?:-vous)? ${TELL_ME}`,
      '(?<=, )(?:et )?est-ce qu',
    ].join('|') +
    ')',
  'u',
);

/**
 * Finds the question inside a longer message. Vendors describe their
 * situation first and ask last: the question is the last sentence ending with
 * « ? » (or the last sentence), from its last « : » or « ; » on when one splits
 * it, or from a phrase like « nous voulons savoir si » on.
 */
export function splitQuestion(text: string): QuestionParts {
  const trimmed = text.trim();
  const words = trimmed.match(WORD)?.length ?? 0;
  if (words < MIN_WORDS_WITH_CONTEXT) return { question: trimmed, context: '' };
  // Sentences end with . ! ? or a line break; the question is the last one asking, or the last one.
  const sentences = trimmed.split(/(?<=[.!?…])\s+|\n+/u).filter((s) => /[\p{L}\p{N}]/u.test(s));
  const asking = sentences.filter((s) => /\?\s*$/u.test(s));
  const lastIndex = asking.length > 0 ? sentences.lastIndexOf(asking[asking.length - 1]) : sentences.length - 1;
  const last = sentences[lastIndex];
  const sentenceStart = trimmed.lastIndexOf(last);
  let start = sentenceStart;
  // Within that sentence, the clause after the last colon or semicolon.
  const clause = Math.max(last.lastIndexOf(':'), last.lastIndexOf(';'));
  if (clause >= 0 && /[\p{L}\p{N}]/u.test(last.slice(clause + 1))) start += clause + 1;
  else {
    const opener = QUESTION_OPENERS.exec(foldAccents(last).toLowerCase());
    if (opener && opener.index > 0) start += opener.index;
  }
  // The question ends with its sentence: what follows it (« … ? Je viens de rejoindre une start-up… ») is situation too.
  const end = sentenceStart + last.length;
  // A question this short leans on what came before (« où le trouver ? », « quelles sont-elles ? »): keep the whole sentence, or the one before too.
  const wordsFrom = (at: number): number => trimmed.slice(at, end).match(WORD)?.length ?? 0;
  if (wordsFrom(start) < MIN_QUESTION_WORDS) start = sentenceStart;
  if (wordsFrom(start) < MIN_QUESTION_WORDS && lastIndex > 0) start = trimmed.lastIndexOf(sentences[lastIndex - 1], sentenceStart);
  // Kept with what it points back at, the question still starts at a phrase like « je dois résumer » inside that
  // span (« …, je dois résumer les briques de X : quelles sont-elles ? »): what comes before it is situation.
  if (start <= sentenceStart) {
    const opener = QUESTION_OPENERS.exec(foldAccents(trimmed.slice(start, end)).toLowerCase());
    if (opener && opener.index > 0) start += opener.index;
  }
  const question = trimmed.slice(start, end).trim();
  const context = `${trimmed.slice(0, start).trim()} ${trimmed.slice(end).trim()}`.trim();
  return context === '' ? { question: trimmed, context: '' } : { question, context };
}

/**
 * How French asks what something is: « qu'est-ce que le MOS », « c'est quoi
 * les NOS », « que signifie… », « qu'entend l'ANS par… », « ce qu'est le
 * MOS », « de quoi s'agit-il », « ça désigne quoi ». Every word of these
 * phrases is a function word, so without this the question is reduced to its
 * subject and meets every entry that names it equally (the MOS's uses, its
 * updates, its definition). Folded, lower case, straight apostrophes; the
 * apostrophe may be missing (« cest quoi »).
 */
const DEFINITION_QUESTION =
  /(?:^|[^\p{L}])(?:qu['\s]?est[- ]ce (?:que |qu'|qu )(?:c'?est\b|(?:le|la|les|un|une) |l')|c'?est quoi\b|c koi\b|que (?:signifie|veut dire|designe)\b|qu'?entend\b|ce qu'?est\b|ce que c'?est\b|ce que sont\b|que sont (?:les|le|la) |de quoi s'?agit\b|designe quoi\b|veut dire quoi\b)/u;

/** The word a definition question is read with: the KB's definition phrasings say it (« Quelle est la définition du MOS ? »). */
export const DEFINITION_TERM = 'définition';

/** Pure: whether a question asks what something is (see DEFINITION_QUESTION). */
export function asksForDefinition(question: string): boolean {
  return DEFINITION_QUESTION.test(foldAccents(question).toLowerCase().replace(/[’‘ʼ`´]/gu, "'"));
}

/**
 * General French chat-speak abbreviations and their words (« dispo », « maj »,
 * « def », « docs », « rdv »…): vendors type them, the FAQ spells them out.
 */
export const CHAT_ABBREVIATIONS: Readonly<Record<string, string>> = {
  dispo: 'disponible', dispos: 'disponibles', maj: 'mise à jour', majs: 'mises à jour', def: 'définition', defs: 'définitions', doc: 'document',
  docs: 'documents', info: 'information', infos: 'informations', rdv: 'rendez-vous', pb: 'problème', pbs: 'problèmes', tel: 'téléphone',
  asso: 'association', assos: 'associations', dev: 'développement', devs: 'développeurs', perso: 'personnel', mdp: 'mot de passe', nb: 'nombre',
  qd: 'quand', cmt: 'comment', pcq: 'parce que', pck: 'parce que', auj: 'aujourd’hui', dossiers: 'dossiers', admin: 'administratif', appli: 'application',
  applis: 'applications', techno: 'technologie', technos: 'technologies', orga: 'organisation', dmd: 'demande', svc: 'service',
  num: 'numérique', ref: 'référencement', refs: 'référencements',
};

/** Pure: the message with chat-speak abbreviations written out. */
export function expandChatAbbreviations(text: string): string {
  return text.replace(WORD, (word) => CHAT_ABBREVIATION_MAP.get(foldAccents(word).toLowerCase()) ?? word);
}

/**
 * CHAT_ABBREVIATIONS as a Map: looked up by a typed word, an object's keys made
 * V8 drop the compiled code each time a new abbreviation came (a keyed load's
 * feedback is the names it has seen), the first visitors' questions paying for it.
 */
const CHAT_ABBREVIATION_MAP: ReadonlyMap<string, string> = new Map(Object.entries(CHAT_ABBREVIATIONS));

/**
 * General words of any question or of any situation a vendor describes
 * (« signifie », « au juste », « notre société », « un collègue », « say »,
 * « company »): they say how one asks or who asks, not what about. When the
 * KB does not know one, the decision's evidence leaves it out instead of
 * counting it as a sign of a question the FAQ does not cover; a word the KB
 * knows counts as usual. General French and English, not this KB's words.
 */
export const GENERAL_WORDS: readonly string[] = [
  // asking what something is or means
  'signifie', 'signifient', 'signifier', 'signification', 'designe', 'designent', 'designer', 'definir', 'definis', 'acronyme', 'sigle',
  'abreviation', 'veut', 'vouloir', 'expliquer', 'explique', 'expliquez', 'explication', 'explications', 'decrire', 'resumer', 'resume',
  'presenter', 'presentation', 'correspond', 'correspondent', 'consiste', 'consistent', 'concerne', 'concernent', 'juste', 'precis', 'precise',
  'clair', 'claire', 'clairement', 'rapidement', 'brievement', 'detail', 'details', 'detaille', 'general', 'globalement', 'grosso', 'modo',
  // conversation and situation
  'question', 'questions', 'reponse', 'reponses', 'sujet', 'moment', 'fois', 'jour', 'jours', 'semaine', 'exemple', 'facon', 'maniere',
  'genre', 'sorte', 'type', 'truc', 'trucs', 'idee', 'avis', 'conseil', 'conseils', 'besoin', 'besoins', 'probleme', 'souci', 'aide',
  'collegue', 'collegues', 'equipe', 'equipes', 'societe', 'boite', 'startup', 'client', 'clients', 'patron', 'chef', 'direction',
  'directeur', 'directrice', 'responsable', 'manager', 'associe', 'associes', 'investisseur', 'investisseurs', 'poste', 'role', 'metier',
  'actuellement', 'recemment', 'bientot', 'demain', 'hier', 'annee', 'annees', 'depuis', 'pendant', 'apres', 'avant', 'derniere', 'dernier',
  'premiere', 'premier', 'petit', 'petite', 'grand', 'grande', 'gros', 'bon', 'bonne', 'mauvais', 'simple', 'possible', 'impossible',
  'parler', 'parle', 'dire', 'dit', 'entendu', 'lu', 'vu', 'voir', 'penser', 'pense', 'crois', 'croire', 'sembler', 'semble', 'hesite',
  'hesitons', 'prepare', 'preparons', 'travaille', 'travaillons', 'arrive', 'arriver', 'commencer', 'trouver', 'trouve', 'chercher',
  'interesse', 'interesses', 'interessee', 'quelqu', 'personne', 'gens', 'monde', 'merci', 'bonjour', 'hello', 'svp', 'stp', 'please',
  // how one says it (« franchement », « concrètement », « ça recouvre quoi »), and asking to be pointed somewhere
  'exactement', 'franchement', 'honnetement', 'vraiment', 'concretement', 'reellement', 'serieusement', 'personnellement', 'bref',
  'justement', 'notamment', 'typiquement', 'recouvre', 'recouvrent', 'englobe', 'englobent', 'aiguiller', 'orienter', 'eclairer',
  // who the vendor is and what they make (« notre CTO », « une plateforme », « en V2 »)
  'plateforme', 'plateformes', 'produit', 'produits', 'cto', 'dsi', 'ceo', 'juriste', 'consultant', 'consultante', 'architecte', 'developpeur',
  'developpeurs', 'developpeuse', 'backend', 'frontend', 'junior', 'juniors', 'senior', 'stagiaire', 'fondateur', 'fondatrice', 'cofondateur',
  'nouveau', 'nouvelle', 'nouveaux', 'nouvelles', 'jeune', 'jeunes', 'v1', 'v2', 'v3', 'mvp', 'prototype', 'roadmap', 'planning', 'pitch',
  // English question and situation words
  'say', 'says', 'mean', 'means', 'stand', 'stands', 'exactly', 'explain', 'describe', 'tell', 'know', 'need', 'needs', 'want', 'wants',
  'like', 'looking', 'find', 'please', 'thanks', 'hi', 'hey', 'our', 'we', 'us', 'colleague', 'colleagues', 'boss', 'manager', 'startup',
  'currently', 'recently', 'question', 'questions', 'answer', 'thing', 'things', 'way', 'kind', 'sort', 'some', 'much', 'many', 'really',
  'actually', 'just', 'also', 'still', 'already', 'yet', 'other', 'another', 'same', 'very', 'more', 'most', 'only', 'even', 'well',
];
