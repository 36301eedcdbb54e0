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
  published: 'publié publiée', publish: 'publier', updated: 'mis à jour', update: 'mise à jour', updates: 'mises à jour', history: 'historique',
  changes: 'modifications', change: 'modification', evolve: 'évoluer', new: 'nouveau nouveaux',
  // purpose and value
  why: 'pourquoi', how: 'comment', benefit: 'avantage bénéfice', benefits: 'avantages bénéfices', advantage: 'avantage', advantages: 'avantages', value: 'intérêt',
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
  interoperability: 'interopérabilité', device: 'dispositif', devices: 'dispositifs', wellness: 'bien-être', wellbeing: 'bien-être',
  // people and organisations
  team: 'équipe', contact: 'contact contacter', collaborate: 'collaborer', collaboration: 'collaboration', partnership: 'partenariat',
  partner: 'partenaire', work: 'travailler', company: 'entreprise', companies: 'entreprises', vendor: 'éditeur', vendors: 'éditeurs',
  publisher: 'éditeur', newsletter: 'lettre information', subscribe: 'abonner inscrire', support: 'accompagnement', help: 'aide accompagnement',
  offer: 'offre', training: 'formation', learn: 'apprendre formation', understand: 'comprendre', knowledge: 'connaissances', built: 'construite',
  designed: 'conçue', created: 'créée', suggest: 'proposer suggérer', propose: 'proposer', improvement: 'amélioration', feedback: 'retour',
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
  building: 'construire', create: 'créer', make: 'faire', join: 'rejoindre', enter: 'entrer', access: 'accès accéder', accessible: 'accessible',
  allow: 'permettre', allowed: 'autorisé permis', permitted: 'autorisé', possible: 'possible', able: 'pouvoir', obtain: 'obtenir', receive: 'recevoir',
  ask: 'demander', asked: 'demandé', answer: 'réponse', reply: 'réponse', check: 'vérifier', checked: 'vérifié', verify: 'vérifier',
  validate: 'valider', validated: 'validé', validation: 'validation', review: 'examen validation', reviews: 'examine', reviewed: 'examiné',
  approve: 'valider', approved: 'validé', prepare: 'préparer', ready: 'prêt', plan: 'planifier', planning: 'planification',
  begin: 'commencer', began: 'commencé', beginning: 'début', end: 'fin', since: 'depuis', until: 'jusqu', before: 'avant', after: 'après',
  officially: 'officiellement', official: 'officiel', first: 'premier première', last: 'dernier', next: 'prochain', current: 'actuel',
  keep: 'continuer garder', continue: 'continuer', stop: 'arrêter', remain: 'rester', improve: 'améliorer', suggestion: 'suggestion proposition',
  suggestions: 'propositions', proposal: 'proposition', proposals: 'propositions', idea: 'idée', ideas: 'idées', needs: 'besoins', need: 'besoin',
  raise: 'remonter', report: 'signaler remonter', requests: 'demandes', modification: 'modification', modifications: 'modifications',
  add: 'ajouter', added: 'ajouté', extend: 'étendre élargir', scope: 'périmètre', sector: 'secteur', sectors: 'secteurs', social: 'social',
  // more things
  agency: 'agence ANS', organisation: 'organisation', organization: 'organisation', government: 'état public', public: 'public publics',
  private: 'privé privés', citizens: 'citoyens', citizen: 'citoyen', users: 'usagers utilisateurs', user: 'usager utilisateur', people: 'personnes',
  website: 'site web', websites: 'sites web', site: 'site', web: 'web', mobile: 'mobile', connected: 'connecté connectés', object: 'objet',
  system: 'système', systems: 'systèmes', exchanges: 'échanges',
  vocabulary: 'vocabulaire', terminology: 'terminologie', terminologies: 'terminologies', nomenclature: 'nomenclature', nomenclatures: 'nomenclatures',
  codes: 'codes', code: 'code', labels: 'libellés', families: 'familles', family: 'famille', values: 'valeurs',
  sets: 'jeux', set: 'jeu', tables: 'tables', table: 'table', mapping: 'association correspondance', class: 'classe', classes: 'classes',
  results: 'résultats', result: 'résultat', measurement: 'mesure', weight: 'poids', height: 'taille', blood: 'sang', pressure: 'tension',
  allergies: 'allergies', reports: 'comptes-rendus', space: 'espace', catalogue: 'catalogue', directory: 'annuaire',
  directories: 'annuaires', registry: 'répertoire', repository: 'répertoire', standard: 'standard', standards: 'standards', reference: 'référence',
  doctrine: 'doctrine', framework: 'cadre', legal: 'juridique', law: 'loi', regulation: 'règlement', ethical: 'éthique',
  quality: 'qualité', content: 'contenu', business: 'économique', economic: 'économique', trust: 'confiance', visibility: 'visibilité',
  visible: 'visible', worth: 'intérêt', bother: 'intérêt', gain: 'gagner avantage', advantageous: 'avantageux', prevention: 'prévention',
  diagnosis: 'diagnostic', care: 'soins', follow: 'suivi', monitoring: 'suivi', autonomy: 'autonomie',
  startups: 'startups', entrepreneurs: 'entrepreneurs', innovative: 'innovantes', innovation: 'innovation', expertise: 'expertise',
  cybersecurity: 'cybersécurité', co: 'co', produce: 'produire', production: 'production', joint: 'commune communes', common: 'commun commune',
  page: 'page', portal: 'portail', email: 'adresse', address: 'adresse', beginner: 'débutant', beginners: 'débutants',
  novice: 'novice', skills: 'connaissances', prior: 'préalables', courses: 'formations', course: 'formation', sessions: 'sessions', trainings: 'formations',
  digital: 'numérique', models: 'modèles', organised: 'organisé organisation', organized: 'organisé organisation', kind: 'type', kinds: 'types',
  type: 'type', types: 'types', implementation: 'mise en œuvre', implement: 'mettre en œuvre', guide: 'guide', online: 'en ligne',
  assessment: 'évaluation', maturity: 'maturité', topics: 'sujets', topic: 'sujet', submitted: 'déposé', status: 'statut', national: 'national',
  identity: 'identité', tools: 'outils',
  reasons: 'raisons', reason: 'raison', main: 'principal principales', principal: 'principal', key: 'clé principales',
};

const WORD = /[\p{L}\p{N}]+/gu;

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
  return [...new Set([...glosses, ...words.flatMap((word) => (Object.hasOwn(ENGLISH_GLOSSARY, word) ? [ENGLISH_GLOSSARY[word]] : []))])].join(' ');
}

/**
 * Pure: the message with each English word of the glossary replaced by its
 * French glosses (other words kept): what the decision weighs an English
 * question with, so that its English words are not read as words the FAQ
 * does not know.
 */
export function glossedInFrench(text: string): string {
  return phraseGlosses(text).replaced.replace(WORD, (word) => {
    const key = foldAccents(word).toLowerCase();
    return Object.hasOwn(ENGLISH_GLOSSARY, key) ? ENGLISH_GLOSSARY[key] : word;
  });
}
