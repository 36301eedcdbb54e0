import { foldAccents, type FaqEntry } from '../../knowledge/index.js';

/**
 * Kinds of information a question can ask for that an answer either states
 * or does not: a price or funding, a duration, a count, a person, a phone
 * number or postal address, a web address, a version, a code of a
 * nomenclature, a licence, an integration detail
 * (API, test environment), a date still to come. Near misses use the FAQ's own words to ask
 * exactly that (« Combien coûte le référencement ? », « Quel est le délai de
 * traitement ? »): the entry they land on talks about the subject but cannot
 * answer. Patterns are general French (and English) question forms, matched on
 * folded lowercase text; an answer "states" a kind when it holds an
 * expression of it.
 */
export interface AnswerType {
  readonly name: string;
  /** Matches a question that asks for this kind of information. */
  readonly asked: RegExp;
  /** Matches an answer that states some information of this kind. */
  readonly stated: RegExp;
  /** When given, a narrower `stated` for one (folded) question: what the answer must hold to state what this question asks. */
  readonly statedFor?: (question: string) => RegExp | undefined;
}

/** Numbers in digits or in words (« 3 familles », « trois familles »), years left out. */
const NUMBER = String.raw`(?:(?<![\d/-])(?!(?:19|20)\d\d\b)\d+(?:[ .,]\d+)*|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|quinze|vingt|trente|cent|mille)`;
/** A question about a rate or share rather than a count of things. */
const RATE = /\b(?:taux|pourcentage|proportion|part) (?:de |d'|d’)|\bpercentage\b|\bshare of\b|\brate\b/u;
/** The noun a count question counts: « combien de startups », « le nombre d’applications », « how many apps ». */
const COUNTED_NOUN = /\b(?:combien d(?:e |'|’)|nombre (?:de |d'|d’)|how many )(\p{L}{3,})/u;

/**
 * A count question is answered by a number of the thing it counts (« combien de familles ? » by « 3 familles »),
 * not by any number of something else (« toutes les deux semaines » does not say how many startups).
 */
function countedStated(question: string): RegExp | undefined {
  // A rate or a share (« le taux d’utilisation », « quel pourcentage ») is stated as a percentage.
  if (RATE.test(question)) return /%|\bpour ?cent\b|\bpercent/u;
  const noun = COUNTED_NOUN.exec(question)?.[1];
  if (!noun) return undefined;
  const stem = noun.replace(/[sx]$/u, '').slice(0, 6);
  return new RegExp(String.raw`\b${NUMBER}\s+(?:\p{L}+\s+)?${stem}`, 'u');
}

export const ANSWER_TYPES: readonly AnswerType[] = [
  {
    name: 'price',
    asked: /\b(?:combien (?:ca |cela )?(?:coute|coutent|faut-il payer)|prix|tarifs?|couts?|payante?s?|gratuite?s?|frais|budgets?|subventions?|financ(?:e|ent|er|ement|ements)|remunere|how much|costs?|price|fees?|free of charge|paid|funds?|funding)\b/u,
    stated: /€|\beuros?\b|\bgratuite?s?\b|\bpayante?s?\b|\btarifs?\b|\bprix\b|\bcouts?\b|\bfinanc|\bsubvention/u,
  },
  {
    name: 'duration',
    // « en combien de temps / jours » asks a duration; « en combien de familles » counts.
    asked: /\b(?:combien de temps|delais?|duree|pendant combien|en combien de (?:temps|jours|semaines|mois|heures|minutes)|how long|processing time)\b/u,
    stated: /\b\d+ ?(?:jours?|semaines?|mois|ans|annees|heures?|minutes?)\b|\bdelais?\b|\bduree\b/u,
  },
  {
    name: 'count',
    // « nombre de » asks for a count when it opens the question or follows « quel est le », « connaître le »…;
    // inside a sentence it names a quantity (« le nombre de pas fait-il partie des mesures ? »).
    asked: /\b(?:combien d(?:e |'|’)|how many|number of|percentage)|(?:^|\bquel(?:le)?s? (?:est |sont )?(?:le |la |les )?|\b(?:connaitre|savoir|donner|obtenir) (?:le |la )?)(?:nombre|pourcentage|taux) (?:de |d'|d’)|\bpourcentage\b/u,
    stated: /(?<![\d/-])(?!(?:19|20)\d\d\b)\d+(?:[ .,]\d+)*(?! ?\/)\b|%|\b(?:deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|quinze|vingt|trente|cent|mille)\b/u,
    statedFor: countedStated,
  },
  {
    name: 'person',
    // « qui est le responsable », « qui dirige » ask for a person; « qui est censé… », « qui sont les utilisateurs » ask who is concerned.
    asked: /^(?:qui (?:est|sont) (?:le |la |les |l'|votre |vos |son |sa |ses |leur |leurs )?(?:responsables?|directeurs?|directrices?|presidente?s?|chefs?|referents?|interlocuteurs?|correspondants?|membres?|dirigeants?|fondat\p{L}*|pilotes?|animat\p{L}*)\b|qui (?:dirige|gere|pilote|preside|compose|fait partie|siege|anime|represente)\b|who (?:is|are) (?:the |your )?(?:head|director|manager|lead|leader|person|contact|members?|in charge)\b|who (?:runs|leads|sits|chairs)\b)|\b(?:nom (?:du|de la|des) (?:responsable|directeur|directrice|personne|interlocuteur)|comment s'appelle (?:le |la |l')(?:personne|responsable|directeur|directrice|president|presidente|chef|referent|interlocuteur)|name of the (?:person|head|director|manager|lead)|membres? (?:du|de la|des)|composition (?:du|de la)|interlocuteur|referent|who is in charge)\b/u,
    stated: /\b(?:m\.|mme|monsieur|madame|directeur|directrice|president|presidente)\s/u,
  },
  {
    // « quel jour de la semaine », « which day »: a day of the week or of the month, which an answer giving a frequency does not name.
    name: 'weekday',
    asked: /\b(?:quels? jours? de la semaine|quel jour|which day|what day)\b/u,
    stated: /\b(?:lundis?|mardis?|mercredis?|jeudis?|vendredis?|samedis?|dimanches?|monday|tuesday|wednesday|thursday|friday)\b|\b(?:le|chaque) \d{1,2}\b/u,
  },
  {
    // A size limit (« taille maximale d’un document »): stated in bytes or pages, which a programme's FAQ rarely gives.
    name: 'size limit',
    asked: /\b(?:taille (?:max|maximale|maximum|limite)|poids (?:max|maximal|maximum)|limite de taille|max(?:imum)? (?:file )?size|size limit)\b/u,
    stated: /\b\d+ ?(?:ko|mo|go|kb|mb|gb|octets?|pages)\b/u,
  },
  {
    // A named supplier or tool (« quel hébergeur », « quelle entreprise a développé », « quel logiciel l’ANS utilise »).
    name: 'supplier',
    asked: /\b(?:(?:chez )?quel(?:le)?s? (?:hebergeurs?|prestataires?|fournisseurs?|sous-traitants?)|quel(?:le)?s? (?:entreprises?|societes?) a (?:developpe|concu|cree|realise|construit)|quel(?:le)?s? (?:logiciels?|outils?) (?:\p{L}+['’ ])?\p{L}+ utilise|which (?:host|hosting provider|provider|supplier|company (?:built|developed)))\b/u,
    stated: /\bheberge(?:e|es|s)? (?:par|chez)\b|\bprestataire\b|\bfournisseur\b|\bdeveloppee? par\b|\blogiciel [a-z]+ (?:est )?utilise\b/u,
  },
  {
    name: 'contact',
    asked: /\b(?:telephone|numero de tel|tel support|adresse postale|adresse physique|standard|hotline|phone|postal address|appeler|call)\b/u,
    stated: /\+33|\b0\d(?:[ .]?\d\d){4}\b|\b\d{5} [a-z]/u,
  },
  {
    name: 'web address',
    asked: /\b(?:url|endpoint|adresse (?:du site|web|internet|du serveur))\b/u,
    stated: /https?:\/\/|\bwww\./u,
  },
  {
    name: 'version',
    asked: /\b(?:quelle version|quelles versions|numero de version|derniere version|which version|what version|latest version)\b/u,
    stated: /\bversions? \d|\bv\d/u,
  },
  {
    // A code of a nomenclature (« le code NOS de la profession infirmier »): an answer about the nomenclatures lists none.
    name: 'code value',
    asked: /\b(?:quel(?:le)?s? (?:est|sont) (?:le |les )?codes?|quels? codes?|le code (?:nos|tre|jdv|loinc|cim|ccam)|which code|what code)\b/u,
    stated: /\bcodes? (?:[a-z]+ )?(?:[a-z]*\d[\w.-]*)|\bcode\s*[:=]/u,
  },
  {
    name: 'licence',
    asked: /\b(?:licences?|licenses?|droits? d(?:'|e )(?:utilisation|reutilisation|auteur)|copyright)\b/u,
    stated: /\blicen[cs]e|\bdroits? d(?:'|e )(?:utilisation|reutilisation)|\bcreative commons|\betalab\b/u,
  },
  {
    // Integration details (an API, its endpoints, a test environment, credentials) that a FAQ answer about a programme rarely gives.
    name: 'integration detail',
    asked: /\b(?:api|apis|endpoints?|sdk|webhooks?|swagger|openapi|bac a sable|sandbox|environnement de (?:test|recette|qualification)|test environment|credentials|identifiants de (?:test|connexion)|cle d'api|api key|jeton|token)\b/u,
    stated: /\bapi\b|\bendpoint|\bsandbox|\bbac a sable|\benvironnement de (?:test|recette)/u,
  },
  {
    // A date still to come (the next session, release or publication): an answer without any date cannot give it.
    name: 'upcoming date',
    asked: /\b(?:prochaine?s? (?:session|version|publication|date|mise a jour|formation|reunion|edition|promotion|appel)|(?:a )?quelle date|next (?:session|release|version|update|publication)|what date)\b/u,
    stated: /\b(?:janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|novembre|decembre)\b|\b(?:19|20)\d\d\b|\b\d{1,2}\/\d{1,2}\b/u,
  },
];

const fold = (text: string): string => foldAccents(text).toLowerCase().replace(/[’‘ʼ`´]/gu, "'");

/** Pure: the kinds of information a question asks for (usually none). */
export function askedTypes(question: string): AnswerType[] {
  const folded = fold(question).trim();
  return ANSWER_TYPES.filter((type) => type.asked.test(folded)).map((type) => {
    const stated = type.statedFor?.(folded);
    return stated ? { ...type, stated } : type;
  });
}

/**
 * Pure: whether the entry's answer (with its links) states none of a kind the
 * question asks for: a price asked, no price in the answer.
 */
export function missesAskedType(asked: readonly AnswerType[], entry: Pick<FaqEntry, 'answer' | 'links'>): boolean {
  if (asked.length === 0) return false;
  const text = fold([entry.answer, ...entry.links.map((link) => link.url)].join('\n'));
  return asked.some((type) => !type.stated.test(text));
}
