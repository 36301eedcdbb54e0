import { foldAccents } from '../../knowledge/index.js';

/**
 * French analysis of a typed question before it is scored: elisions typed
 * without their apostrophe, the question found inside a longer message, and
 * whether the message is written in English. Pure functions of the text (and
 * of the KB's vocabulary for the elisions).
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

/** A message split into the question the vendor asks and the situation they describe first. */
export interface QuestionParts {
  /** The sentence or clause that asks (the whole message when nothing else can be told apart). */
  readonly question: string;
  /** What comes before it (empty for a short question). */
  readonly context: string;
}

/** Messages shorter than this (in words) are one question: splitting them would only lose words. */
export const MIN_WORDS_WITH_CONTEXT = 15;

/**
 * Phrases that introduce the question inside a sentence of context, in the
 * folded form ("…, et nous voulons savoir si …", "… et je cherche la liste …").
 */
const QUESTION_OPENERS =
  /\b(?:(?:je|nous|on) (?:voudrais|voudrions|voulons|veux|aimerais|aimerions|souhaite|souhaitons|cherche|cherchons|dois|devons|me demande|nous demandons|se demande) (?:savoir |comprendre |connaitre )?|(?:se|me|nous) demande(?:nt)? (?:si|comment|quand|pourquoi|quel|quelle|quels|quelles|ce que|ou)\b)/u;

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
  const last = asking.length > 0 ? asking[asking.length - 1] : sentences[sentences.length - 1];
  let start = trimmed.lastIndexOf(last);
  // Within that sentence, the clause after the last colon or semicolon.
  const clause = Math.max(last.lastIndexOf(':'), last.lastIndexOf(';'));
  if (clause >= 0 && /[\p{L}\p{N}]/u.test(last.slice(clause + 1))) start += clause + 1;
  else {
    const opener = QUESTION_OPENERS.exec(foldAccents(last).toLowerCase());
    if (opener && opener.index > 0) start += opener.index;
  }
  const question = trimmed.slice(start).trim();
  const context = trimmed.slice(0, start).trim();
  return context === '' ? { question: trimmed, context: '' } : { question, context };
}

/** English function words that are not French words: enough of them marks an English message. */
const ENGLISH_MARKERS: ReadonlySet<string> = new Set([
  'the', 'is', 'are', 'was', 'were', 'do', 'does', 'did', 'how', 'what', 'when', 'where', 'which', 'who', 'why', 'can', 'could', 'should',
  'would', 'will', 'my', 'our', 'your', 'their', 'it', 'its', 'this', 'that', 'these', 'those', 'of', 'to', 'in', 'for', 'with', 'from',
  'and', 'or', 'be', 'been', 'have', 'has', 'i', 'we', 'you', 'they', 'there', 'any', 'get', 'about', 'if', 'into', 'at', 'by', 'an',
]);
/** French words spelled like English markers: they count for neither side. */
const SHARED_SPELLINGS: ReadonlySet<string> = new Set(['a', 'as', 'on', 'in', 'i', 'an', 'est']);

/** Share of English markers among a message's words must reach this for the message to be English. */
export const ENGLISH_MIN_SHARE = 0.25;
/** …with at least this many markers (one "the" in a French sentence is a quotation, not English). */
export const ENGLISH_MIN_MARKERS = 2;

/** Whether a message is written in English (the FAQ answers in French only, and says so). */
export function isEnglish(text: string): boolean {
  const words = (foldAccents(text).toLowerCase().match(WORD) ?? []).filter((word) => !SHARED_SPELLINGS.has(word));
  if (words.length === 0) return false;
  const markers = words.filter((word) => ENGLISH_MARKERS.has(word)).length;
  return markers >= ENGLISH_MIN_MARKERS && markers / words.length >= ENGLISH_MIN_SHARE;
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
};

/** Pure: the message with chat-speak abbreviations written out. */
export function expandChatAbbreviations(text: string): string {
  return text.replace(WORD, (word) => {
    const key = foldAccents(word).toLowerCase();
    return Object.hasOwn(CHAT_ABBREVIATIONS, key) ? CHAT_ABBREVIATIONS[key] : word;
  });
}
