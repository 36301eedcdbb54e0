import { foldAccents } from '../../knowledge/index.js';

/**
 * French words for the common English words of a question to a public
 * agency's FAQ (procedures, data, software, dates, costs): an English question
 * is searched with its own words and their French glosses, since the FAQ is in
 * French. A general bilingual glossary, not a list of this KB's phrasings:
 * function words are left out (the analyser drops them anyway).
 */
export const ENGLISH_GLOSSARY: Readonly<Record<string, string>> = {
  // procedures and obligations
  mandatory: 'obligatoire', compulsory: 'obligatoire', required: 'obligatoire exigé', require: 'exiger', requirement: 'exigence',
  requirements: 'exigences', obliged: 'obligé', must: 'obligatoire', optional: 'facultatif', rules: 'règles', rule: 'règle',
  criteria: 'critères', criterion: 'critère', conditions: 'conditions', condition: 'condition', eligible: 'éligible', eligibility: 'éligibilité',
  apply: 'candidater demande', application: 'application candidature', applications: 'applications candidatures', submit: 'déposer soumettre',
  request: 'demande', procedure: 'procédure', process: 'processus démarche', steps: 'étapes', step: 'étape', register: 'inscrire', registration: 'inscription',
  listing: 'référencement', listed: 'référencé', list: 'liste', referenced: 'référencé', referencing: 'référencement', catalog: 'catalogue',
  comply: 'respecter conformité', compliance: 'conformité', compliant: 'conforme', certification: 'certification', approval: 'validation',
  // time
  when: 'quand date', date: 'date', dates: 'dates', deadline: 'date limite', schedule: 'calendrier', timeline: 'calendrier', calendar: 'calendrier agenda',
  start: 'démarrer début', started: 'démarré', launched: 'lancé', open: 'ouvrir ouverture', opens: 'ouvre ouverture', often: 'fréquence',
  frequency: 'fréquence', yearly: 'annuelle', annual: 'annuelle', annually: 'chaque année', year: 'année', monthly: 'mensuelle', month: 'mois',
  published: 'publié publiée', publish: 'publier', updated: 'mis à jour', update: 'mise à jour', updates: 'mises à jour', history: 'historique antécédents',
  changes: 'modifications', change: 'modification évoluer', evolve: 'évoluer', new: 'nouveau nouveaux',
  // purpose and value
  why: 'pourquoi', how: 'comment', benefit: 'avantage bénéfice', benefits: 'avantages bénéfices', advantage: 'avantage', advantages: 'avantages', value: 'intérêt valeur',
  purpose: 'finalité objectif', goal: 'objectif', use: 'utiliser usage', uses: 'usages', used: 'utilisé', usage: 'usage', useful: 'utile',
  example: 'exemple', examples: 'exemples', projects: 'projets', project: 'projet', case: 'cas', cases: 'cas',
  // things
  data: 'données', health: 'santé', information: 'informations', documents: 'documents', document: 'document', measurements: 'mesures',
  measures: 'mesures', profile: 'profil', medical: 'médical', record: 'dossier', records: 'dossiers', file: 'fichier', files: 'fichiers',
  format: 'format', formats: 'formats', download: 'télécharger', available: 'disponible disponibles', structured: 'structuré', model: 'modèle',
  modelled: 'modélisé modélisation', modeled: 'modélisé modélisation', modelling: 'modélisation', modeling: 'modélisation', diagram: 'diagramme',
  concepts: 'concepts objets', objects: 'objets', definition: 'définition', mean: 'signifie définition', meaning: 'signification définition',
  software: 'logiciel', app: 'application', apps: 'applications', service: 'service', services: 'services', tool: 'outil', platform: 'plateforme',
  features: 'fonctionnalités', feature: 'fonctionnalité', functions: 'fonctions', messaging: 'messagerie', secure: 'sécurisé sécurisée',
  appointment: 'rendez-vous', appointments: 'rendez-vous', booking: 'rendez-vous', exchange: 'échanger échange', share: 'partager',
  sharing: 'partage', send: 'envoyer', connect: 'connecter', patients: 'patients', patient: 'patient', doctors: 'médecins', doctor: 'médecin',
  professionals: 'professionnels', hospital: 'hôpital', consent: 'consentement accord', security: 'sécurité', ethics: 'éthique',
  interoperability: 'interopérabilité', device: 'dispositif objet', devices: 'dispositifs objets', wellness: 'bien-être', wellbeing: 'bien-être',
  // people and organisations
  team: 'équipe', contact: 'contact contacter', collaborate: 'collaborer', collaboration: 'collaboration', partnership: 'partenariat',
  partner: 'partenaire', work: 'travailler', company: 'entreprise', companies: 'entreprises', vendor: 'éditeur', vendors: 'éditeurs',
  publisher: 'éditeur', newsletter: 'lettre information', subscribe: 'abonner inscrire', support: 'accompagnement', help: 'aide accompagnement',
  offer: 'offre', training: 'formation', learn: 'apprendre formation', understand: 'comprendre', knowledge: 'connaissances', built: 'construite',
  designed: 'conçue', created: 'créée', suggest: 'proposer suggérer', propose: 'proposer', improvement: 'amélioration', feedback: 'retour avis',
  // costs
  cost: 'coût', costs: 'coûts', price: 'prix', free: 'gratuit', paid: 'payant', fee: 'frais', fees: 'frais',
  // more general words of questions (verbs, then nouns and adjectives)
  frequently: 'fréquence', regularly: 'régulièrement', daily: 'quotidien', weekly: 'hebdomadaire', every: 'chaque', each: 'chaque',
  version: 'version', versions: 'versions', release: 'version publication', released: 'publié', releases: 'versions',
  sell: 'vendre commercialiser', selling: 'vendre commercialiser', sold: 'vendu', market: 'marché commercialiser', distribute: 'distribuer',
  store: 'stocker', stored: 'stocké stockées', storing: 'stockage', contain: 'contenir contient', contains: 'contient', include: 'inclure comprend',
  includes: 'comprend', included: 'inclus', find: 'trouver', found: 'trouvé', see: 'voir', show: 'montrer', describe: 'décrire', described: 'décrit',
  represent: 'représenter', represented: 'représenté représentés', representation: 'représentation', write: 'écrire', read: 'lire',
  design: 'conception concevoir', develop: 'développer', developed: 'développé', development: 'développement', build: 'construire',
  building: 'construire', create: 'créer', make: 'faire', join: 'rejoindre', enter: 'entrer saisir', access: 'accès accéder', accessible: 'accessible',
  allow: 'permettre', allowed: 'autorisé permis', permitted: 'autorisé', possible: 'possible', able: 'pouvoir', obtain: 'obtenir', receive: 'recevoir',
  ask: 'demander', asked: 'demandé', answer: 'réponse', reply: 'réponse', check: 'vérifier', checked: 'vérifié', verify: 'vérifier',
  validate: 'valider', validated: 'validé', validation: 'validation', review: 'examen validation', reviews: 'examine', reviewed: 'examiné',
  approve: 'valider', approved: 'validé', prepare: 'préparer', ready: 'prêt', plan: 'planifier', planning: 'planification',
  begin: 'commencer', began: 'commencé', beginning: 'début', end: 'fin', since: 'depuis', until: 'jusqu', before: 'avant', after: 'après',
  officially: 'officiellement', official: 'officiel', first: 'premier première', last: 'dernier', next: 'prochain', current: 'actuel',
  keep: 'continuer garder', continue: 'continuer', stop: 'arrêter', remain: 'rester', improve: 'améliorer', suggestion: 'suggestion proposition',
  suggestions: 'propositions', proposal: 'proposition', proposals: 'propositions', idea: 'idée', ideas: 'idées', needs: 'besoins', need: 'besoin',
  raise: 'remonter', report: 'signaler remonter compte-rendu', requests: 'demandes', modification: 'modification', modifications: 'modifications',
  add: 'ajouter', added: 'ajouté', extend: 'étendre élargir', scope: 'périmètre', sector: 'secteur', sectors: 'secteurs', social: 'social',
  // more things
  agency: 'agence ANS', organisation: 'organisation', organization: 'organisation', organisations: 'organisations', organizations: 'organisations', government: 'état public', public: 'public publics',
  private: 'privé privés', citizens: 'citoyens', citizen: 'citoyen', users: 'usagers utilisateurs', user: 'usager utilisateur', people: 'personnes',
  website: 'site web', websites: 'sites web', site: 'site', web: 'web', mobile: 'mobile', connected: 'connecté connectés', object: 'objet',
  system: 'système', systems: 'systèmes', exchanges: 'échanges',
  vocabulary: 'vocabulaire', terminology: 'terminologie', terminologies: 'terminologies', nomenclature: 'nomenclature', nomenclatures: 'nomenclatures',
  codes: 'codes', code: 'code', labels: 'libellés', families: 'familles', family: 'famille', values: 'valeurs',
  sets: 'jeux', set: 'jeu ensemble', tables: 'tables', table: 'table', mapping: 'association correspondance', class: 'classe', classes: 'classes',
  results: 'résultats', result: 'résultat', measurement: 'mesure', weight: 'poids', height: 'taille', blood: 'sang', pressure: 'tension',
  allergies: 'allergies', reports: 'comptes-rendus', space: 'espace', catalogue: 'catalogue', directory: 'annuaire',
  directories: 'annuaires', registry: 'répertoire', repository: 'répertoire', standard: 'standard', standards: 'standards', reference: 'référence',
  doctrine: 'doctrine', framework: 'cadre', legal: 'juridique', law: 'loi', regulation: 'règlement', ethical: 'éthique',
  quality: 'qualité', content: 'contenu', business: 'économique', economic: 'économique', trust: 'confiance', visibility: 'visibilité',
  visible: 'visible', worth: 'intérêt', bother: 'intérêt', gain: 'gagner avantage', advantageous: 'avantageux', prevention: 'prévention',
  diagnosis: 'diagnostic', care: 'soins', follow: 'suivi', monitoring: 'suivi', autonomy: 'autonomie',
  startups: 'startups', startup: 'startups', entrepreneurs: 'entrepreneurs', innovative: 'innovantes', innovation: 'innovation', expertise: 'expertise',
  cybersecurity: 'cybersécurité', co: 'co', produce: 'produire', production: 'production', joint: 'commune communes', common: 'commun commune',
  page: 'page', portal: 'portail', email: 'adresse', address: 'adresse', beginner: 'débutant', beginners: 'débutants',
  novice: 'novice', skills: 'connaissances', prior: 'préalables', courses: 'formations', course: 'formation', sessions: 'sessions', trainings: 'formations',
  digital: 'numérique', models: 'modèles', organised: 'organisé organisation', organized: 'organisé organisation', kind: 'type', kinds: 'types',
  type: 'type', types: 'types', implementation: 'mise en œuvre', implement: 'mettre en œuvre', guide: 'guide', online: 'en ligne',
  assessment: 'évaluation', maturity: 'maturité', topics: 'sujets', topic: 'sujet', submitted: 'déposé', status: 'statut', national: 'national',
  identity: 'identité', tools: 'outils',
  reasons: 'raisons', reason: 'raison', main: 'principal principales', principal: 'principal', key: 'clé principales',
  // the vocabulary of the agency's answers, in the words a vendor would use for it
  // innovation offer and collaboration
  offering: 'offre', offerings: 'offres', program: 'programme offre', programme: 'programme offre', iterative: 'itérative', evolving: 'évolutive',
  ecosystem: 'écosystème', cohort: 'promotion', prioritise: 'prioriser', prioritize: 'prioriser', blocks: 'briques', adapt: 'adapter',
  wishes: 'souhaits', promote: 'promouvoir', adoption: 'adoption', adopt: 'adopter', core: 'socles', experience: 'expérience',
  cyber: 'cybersécurité', weeks: 'semaines', week: 'semaine', biweekly: 'deux semaines', fortnightly: 'deux semaines', exist: 'exister existe',
  existing: 'existant', product: 'produit solution', products: 'produits solutions', solution: 'solution', solutions: 'solutions',
  // eligibility and listing
  inclusive: 'inclusive', candidate: 'candidat candidater', candidates: 'candidats', applicant: 'candidat', applicants: 'candidats',
  actors: 'acteurs', players: 'acteurs', stakeholders: 'acteurs', bodies: 'acteurs organismes', entities: 'acteurs', healthcare: 'santé soins',
  welfare: 'social', article: 'article', defined: 'défini', linked: 'reliés', wearable: 'objet connecté', wearables: 'objets connectés',
  paying: 'payant', charge: 'payant gratuit', submission: 'dépôt demande', filing: 'dépôt', usable: 'utilisable', european: 'européen',
  performance: 'performances', safety: 'sécurité', marking: 'marquage', regulatory: 'règlementaire', regulations: 'règlementation',
  provisions: 'dispositions', laws: 'lois', conform: 'conforme conformer', conformity: 'conformité', prerequisite: 'prérequis condition',
  prerequisites: 'prérequis conditions', field: 'champ domaine', domain: 'domaine', independence: 'autonomie', range: 'offre richesse',
  audience: 'public', target: 'public', technical: 'technique', guarantee: 'garantie', confidence: 'confiance', dedicated: 'dédié',
  level: 'degré niveau', degree: 'degré', august: 'août', november: 'novembre',
  // Mon espace santé: data, features, exchanges
  appear: 'figurer', entered: 'saisies', unstructured: 'non structuré', allergy: 'allergies', bmi: 'IMC', temperature: 'température',
  heart: 'cardiaque', rate: 'fréquence', pain: 'douleur', glucose: 'glycémie', sugar: 'glycémie', waist: 'tour taille', therapeutic: 'thérapeutique',
  admission: 'admission', diagnostic: 'diagnostic', specification: 'spécification', specifications: 'spécifications', purposes: 'finalités',
  treatment: 'soins', informed: 'éclairé', functionalities: 'fonctionnalités', functionality: 'fonctionnalité', capabilities: 'fonctionnalités',
  shared: 'partagé', inbox: 'messagerie', mailbox: 'messagerie', messages: 'messagerie', reminders: 'rappels', reminder: 'rappel',
  centralise: 'centraliser', centralize: 'centraliser', management: 'gestion', manage: 'gérer gestion', pathway: 'parcours', journey: 'parcours',
  exams: 'examens', checkups: 'examens', three: 'trois 3', four: 'quatre',
  // MOS and NOS
  semantic: 'sémantique', basic: 'base', commission: 'commission', formalise: 'formaliser', formalize: 'formaliser', conceptual: 'conceptuels',
  logical: 'logiques', exposure: 'exposition', merge: 'fusionner', sources: 'sources', concept: 'concept', homogeneous: 'homogène',
  neutral: 'neutre', technology: 'technologie', description: 'description', processed: 'traitées', consistency: 'cohérence', coherence: 'cohérence',
  attributes: 'attributs', attribute: 'attribut', coded: 'codifiés', codified: 'codifiés', coding: 'codification', lists: 'listes',
  reuse: 'réutiliser', reusing: 'réutilisant', components: 'composants', pool: 'mutualiser', reduce: 'réduire', effort: 'efforts',
  efforts: 'efforts', analysis: 'analyse', internal: 'internes', external: 'externes', developers: 'développeurs développements', method: 'méthode',
  methodology: 'méthode', functional: 'fonctionnelles', harmonise: 'harmoniser', harmonize: 'harmoniser', names: 'noms', profiles: 'profils',
  inseparable: 'indissociables', standardised: 'standardisé', standardized: 'standardisé', codification: 'codification', category: 'catégorie',
  establishment: 'établissement', facility: 'établissement', profession: 'profession', maintained: 'maintenues', literal: 'littérale',
  committee: 'comité', board: 'comité', progressive: 'progressive', governance: 'gouvernance', enrich: 'enrichir', broaden: 'élargir',
  administrative: 'administratif', log: 'historique', changelog: 'historique modifications', sorted: 'triées',
};

const WORD = /[\p{L}\p{N}]+/gu;

/** ENGLISH_GLOSSARY as a Map for typed words: an object looked up by ever new keys made V8 drop its compiled lookups. */
const GLOSSES: ReadonlyMap<string, string> = new Map(Object.entries(ENGLISH_GLOSSARY));

/** English function words that are not French words: enough of them marks an English message. */
const ENGLISH_MARKERS: ReadonlySet<string> = new Set([
  'the', 'is', 'are', 'was', 'were', 'do', 'does', 'did', 'how', 'what', 'when', 'where', 'which', 'who', 'why', 'can', 'could', 'should',
  'would', 'will', 'my', 'our', 'your', 'their', 'it', 'its', 'this', 'that', 'these', 'those', 'of', 'to', 'in', 'for', 'with', 'from',
  'and', 'or', 'be', 'been', 'have', 'has', 'i', 'we', 'you', 'they', 'there', 'any', 'get', 'about', 'if', 'into', 'at', 'by', 'an',
]);
/** French words spelled like English markers: they count for neither side. */
const SHARED_SPELLINGS: ReadonlySet<string> = new Set(['a', 'as', 'on', 'in', 'i', 'an', 'est']);

/** Letters a glossary word shares with one of its glosses when French spells it alike (« service », « information », « procedure »). */
const SHARED_STEM_LETTERS = 4;
/**
 * The glossary's English words that French does not spell alike (« include »,
 * « secure », « fee »; not « service » nor « app »): with a function word, they
 * mark a message that French names dilute (« Does Mon espace santé include secure messaging? »).
 */
const ENGLISH_CONTENT_WORDS: ReadonlySet<string> = new Set(
  Object.entries(ENGLISH_GLOSSARY)
    .filter(([word, glosses]) => !(foldAccents(glosses).toLowerCase().match(WORD) ?? []).some((gloss) => gloss.slice(0, SHARED_STEM_LETTERS) === word.slice(0, SHARED_STEM_LETTERS)))
    .map(([word]) => word),
);

/** Share of English markers among a message's words must reach this for the message to be English. */
export const ENGLISH_MIN_SHARE = 0.25;
/** …with at least this many markers (one "the" in a French sentence is a quotation, not English). */
export const ENGLISH_MIN_MARKERS = 2;
/** Or: share of English markers and content words, with at least one marker (French loanwords such as « listing » alone are not English). */
export const ENGLISH_MIN_SHARE_WITH_CONTENT = 0.3;

/** Pure: whether a message is written in English (the FAQ answers in French only, and says so). */
export function isEnglish(text: string): boolean {
  const words = (foldAccents(text).toLowerCase().match(WORD) ?? []).filter((word) => !SHARED_SPELLINGS.has(word));
  if (words.length === 0) return false;
  const markers = words.filter((word) => ENGLISH_MARKERS.has(word)).length;
  if (markers >= ENGLISH_MIN_MARKERS && markers / words.length >= ENGLISH_MIN_SHARE) return true;
  const english = markers + words.filter((word) => ENGLISH_CONTENT_WORDS.has(word)).length;
  return markers >= ENGLISH_MIN_MARKERS && english / words.length >= ENGLISH_MIN_SHARE_WITH_CONTENT;
}

/**
 * English phrases whose words mean nothing alone (« have to », « sign up ») or
 * mean something else (« list my app » is to get it listed, not a list): their
 * French glosses, matched whatever the case before the word glossary (the
 * rest of the text keeps its case: « MES » is an acronym, « mes » a word).
 */
export const ENGLISH_PHRASES: readonly (readonly [RegExp, string])[] = [
  [/\b(?:have|has|need|needs|required|obliged|forced) to\b/giu, 'obligatoire'],
  [/\b(?:sign|signed|signing) up\b/giu, 'inscrire inscription'],
  [/\blist(?:ed|ing)? (?:my|our|your|their|his|her|its|a|an|the)\b/giu, 'référencer'],
  [/\bget(?:ting)? (?:listed|referenced)\b/giu, 'référencé'],
  [/\bwhat for\b/giu, 'pourquoi utilité'],
];

/** Pure: the message with its English phrases replaced by their French glosses, and those glosses. */
function phraseGlosses(text: string): { replaced: string; glosses: string[] } {
  let replaced = text;
  const glosses: string[] = [];
  for (const [pattern, gloss] of ENGLISH_PHRASES) {
    replaced = replaced.replace(pattern, () => {
      glosses.push(gloss);
      return ` ${gloss} `;
    });
  }
  return { replaced, glosses };
}

/** Pure: the French glosses of the message's English words, space-separated (empty when none is in the glossary). */
export function frenchGlosses(text: string): string {
  const { replaced, glosses } = phraseGlosses(text);
  const words = foldAccents(replaced).toLowerCase().match(WORD) ?? [];
  return [...new Set([...glosses, ...words.flatMap((word) => GLOSSES.get(word) ?? [])])].join(' ');
}

/**
 * Pure: the message with each English word of the glossary replaced by its
 * French glosses (other words kept): what the decision weighs an English
 * question with, so that its English words are not read as words the FAQ
 * does not know.
 */
export function glossedInFrench(text: string): string {
  return phraseGlosses(text).replaced.replace(WORD, (word) => {
    return GLOSSES.get(foldAccents(word).toLowerCase()) ?? word;
  });
}

/** French function words and their English ones, for {@link roughEnglish} (the glossary leaves function words out). */
const ENGLISH_FUNCTION_WORDS: Readonly<Record<string, string>> = {
  le: 'the', la: 'the', les: 'the', un: 'a', une: 'a', de: 'of', du: 'of', des: 'of', pour: 'for', avec: 'with', et: 'and', ou: 'or',
  est: 'is', sont: 'are', mon: 'my', ma: 'my', notre: 'our', nos: 'our', quel: 'which', quelle: 'which', quels: 'which', quelles: 'which',
};

/** Gloss words shorter than this (« à » in « mise à jour ») are not read backwards. */
const MIN_GLOSS_LETTERS = 3;

/** The glossary read backwards: each French gloss word (folded) → the first English word glossed with it; function words first. */
const ENGLISH_OF: ReadonlyMap<string, string> = new Map(
  [
    ...Object.entries(ENGLISH_FUNCTION_WORDS),
    ...Object.entries(ENGLISH_GLOSSARY).flatMap(([english, glosses]) =>
      (foldAccents(glosses).toLowerCase().match(WORD) ?? []).filter((gloss) => gloss.length >= MIN_GLOSS_LETTERS).map((gloss) => [gloss, english] as const),
    ),
  ].reverse(),
);

/**
 * Pure: a French text asked roughly in English, « how do I » followed by its words, each one the glossary (read
 * backwards) or a function word translates replaced (« comment référencer mon application » → « how do I how
 * référencer my app »). What the background warm-up asks so that reading an English question is compiled
 * before a visitor's; no search quality depends on it.
 */
export function roughEnglish(text: string): string {
  return `how do I ${text.replace(WORD, (word) => ENGLISH_OF.get(foldAccents(word).toLowerCase()) ?? word)}`;
}
