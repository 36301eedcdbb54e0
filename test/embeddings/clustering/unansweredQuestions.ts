/**
 * Questions vendors could plausibly ask that the FAQ does not answer, written
 * by topic (the expected clusters), with how often each was asked. Several
 * topics share the KB's vocabulary (« référencement », « Mon espace santé »)
 * so that clustering must separate them by what is actually asked.
 */
export const UNANSWERED_TOPICS: Readonly<Record<string, readonly (readonly [string, number])[]>> = {
  hds: [
    ['Faut-il être certifié HDS pour héberger des données de santé ?', 4],
    ['certification HDS obligatoire pour notre hébergeur ?', 2],
    ['Notre hébergeur doit-il avoir la certification HDS ?', 1],
    ['hébergement de données de santé : la certification HDS est-elle exigée ?', 1],
  ],
  proSanteConnect: [
    ['Comment intégrer Pro Santé Connect dans notre logiciel ?', 3],
    ['intégration de Pro Santé Connect : quelle documentation ?', 1],
    ['Pro Santé Connect, comment l’intégrer à notre application ?', 2],
  ],
  ins: [
    ['comment récupérer l INS d un patient', 2],
    ['Récupération de l’identifiant national de santé (INS) du patient : comment faire ?', 1],
    ['Où trouver le téléservice INSi pour récupérer l’INS ?', 1],
  ],
  mesPayant: [
    ['Mon application peut-elle être référencée dans Mon espace santé si elle est payante ?', 2],
    ['une appli payante peut être référencée dans MES ?', 1],
    ['Les services payants sont-ils acceptés au catalogue Mon espace santé ?', 1],
  ],
  mesDelai: [
    ['Combien de temps dure l’instruction d’un dossier de référencement Mon espace santé ?', 2],
    ['délai d instruction du dossier de référencement MES', 1],
    ['Quel délai pour l’instruction de notre dossier de référencement ?', 1],
  ],
  segurFinancement: [
    ['Quand sera versé le financement Ségur pour notre logiciel ?', 2],
    ['date de versement du financement Ségur ?', 1],
    ['Le versement du financement Ségur a du retard, qui contacter ?', 1],
  ],
  support: [
    ['Quels sont les horaires du support téléphonique ?', 1],
    ['horaires du support téléphonique de l’ANS', 1],
  ],
  prix: [['Quel est le prix de l’abonnement ?', 1]],
  vide: [['???', 1]],
};

/** A second set, with topics that share words (« Ségur », « date », « Mon espace santé ») but not their subject. */
export const CONFUSABLE_TOPICS: Readonly<Record<string, readonly (readonly [string, number])[]>> = {
  appelAProjets: [
    ['Quand sera publié le prochain appel à projets Ségur ?', 1],
    ['date de publication du prochain appel à projets Ségur', 1],
    ['Le prochain appel à projets du Ségur sort quand ?', 1],
  ],
  dmp: [
    ['Comment alimenter le DMP depuis notre logiciel ?', 1],
    ['alimentation du DMP par un logiciel de cabinet', 1],
    ['Notre logiciel doit-il alimenter le DMP ?', 1],
  ],
  mssante: [
    ['Comment obtenir une boîte aux lettres MSSanté pour notre établissement ?', 1],
    ['boîte MSSanté pour un établissement : démarche ?', 1],
  ],
  rgpd: [
    ['Qui est responsable de traitement RGPD pour les données de Mon espace santé ?', 1],
    ['responsable de traitement au sens du RGPD dans Mon espace santé ?', 1],
  ],
  logo: [
    ['Peut-on utiliser le logo Mon espace santé sur notre site ?', 1],
    ['utilisation du logo Mon espace santé dans notre communication', 1],
  ],
  api: [
    ['Où trouver la documentation de l’API du catalogue ?', 1],
    ['documentation API catalogue de services', 1],
  ],
};
