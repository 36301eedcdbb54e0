import { describe, expect, it } from 'vitest';
import { asksForDefinition, MIN_QUESTION_WORDS, MIN_WORDS_WITH_CONTEXT, repairGluedElisions, repairVerbForms, splitQuestion, type WordStatus } from '../../../embeddings/lexical/queryAnalysis.js';

/** A toy vocabulary: what the KB knows, and which words the analyser drops. */
const KNOWN = new Set(['offre', 'interoperabilite', 'ans', 'application', 'des', 'dossier', 'sante', 'editer', 'integrer', 'servir', 'utiliser', 'appuyer', 'contenir', 'candidater', 'evaluer']);
const STOP = new Set(['est', 'on', 'y', 'a', 'ai', 'il']);
const status = (word: string): WordStatus => {
  const folded = word.toLowerCase();
  return KNOWN.has(folded) ? 'known' : STOP.has(folded) ? 'empty' : 'unknown';
};

describe('repairGluedElisions', () => {
  it('puts the apostrophe back before a known word or a stop word', () => {
    expect(repairGluedElisions('cest quoi loffre', status)).toBe("c'est quoi l'offre");
    expect(repairGluedElisions('quon parle de linteroperabilite avec lANS', status)).toBe("qu'on parle de l'interoperabilite avec l'ANS");
    expect(repairGluedElisions('jai une question, jy connais rien', status)).toBe("j'ai une question, j'y connais rien");
  });

  it('never splits a word the KB knows, a word whose rest is unknown, or before a consonant', () => {
    // "des" is known; "dossier" would split into d' + "ossier", unknown; "lsante" has no vowel after the l.
    expect(repairGluedElisions('des dossier lsante mots', status)).toBe('des dossier lsante mots');
  });
});

describe('repairVerbForms', () => {
  it('reads an unknown -ons verb as its -er infinitive when the KB knows it', () => {
    expect(repairVerbForms('nous editons et integrons une application', status)).toBe('nous editer et integrer une application');
  });

  it('reads third-person plurals and nouns of action as the related form the KB knows', () => {
    expect(repairVerbForms('ils servent, utilisent, appuient et contiennent', status)).toBe('ils servir, utiliser, appuyer et contenir');
    expect(repairVerbForms('la candidature et son evaluation', status)).toBe('la candidater et son evaluer');
  });

  it('leaves known words and words without a known relative alone', () => {
    expect(repairVerbForms('les patients parlent de sante', status)).toBe('les patients parlent de sante');
  });

  it('leaves -ions nouns, words whose infinitive is unknown and short words alone', () => {
    expect(repairVerbForms('les questions que nous posons ; des dons', status)).toBe('les questions que nous posons ; des dons');
  });
});

describe('splitQuestion', () => {
  it('leaves a short question whole', () => {
    expect(splitQuestion('Le référencement est-il obligatoire ?')).toEqual({ question: 'Le référencement est-il obligatoire ?', context: '' });
  });

  it('takes the clause after the last colon of the last sentence asking', () => {
    const text =
      'Nous éditons une application de suivi du diabète utilisée par trois hôpitaux. Nous visons le catalogue de Mon espace santé : le référencement au catalogue est-il vraiment obligatoire ?';
    expect(splitQuestion(text)).toEqual({
      question: 'le référencement au catalogue est-il vraiment obligatoire ?',
      context: 'Nous éditons une application de suivi du diabète utilisée par trois hôpitaux. Nous visons le catalogue de Mon espace santé :',
    });
  });

  it('takes the last sentence ending with a question mark when no colon splits it', () => {
    const text = 'Notre startup développe un logiciel de téléconsultation pour les médecins de ville depuis deux ans. Quels sont les avantages du référencement ?';
    expect(splitQuestion(text).question).toBe('Quels sont les avantages du référencement ?');
  });

  it('finds the question in one long sentence: a clause after a comma, « on voudrait savoir », « vous pouvez m’expliquer »', () => {
    const clause = 'Un investisseur m’a affirmé que toute application de santé devait être inscrite dans le catalogue d’ici peu, est-ce que c’est une obligation réelle ?';
    expect(splitQuestion(clause).question).toBe('est-ce que c’est une obligation réelle ?');
    const explain = 'Notre appli de méditation a déjà beaucoup d’utilisateurs via les stores classiques, vous pouvez m’expliquer les bénéfices attendus du référencement ?';
    expect(splitQuestion(explain).question).toBe('vous pouvez m’expliquer les bénéfices attendus du référencement ?');
    const impersonal = 'Notre produit est une montre connectée marquée CE, et on voudrait savoir quels critères il faut remplir pour être référencé.';
    expect(splitQuestion(impersonal).question).toBe('on voudrait savoir quels critères il faut remplir pour être référencé.');
    const need = 'Notre feuille de route produit se prépare en ce moment pour l’année et j’ai besoin de savoir quand soumettre le dossier de référencement.';
    expect(splitQuestion(need).question).toBe('j’ai besoin de savoir quand soumettre le dossier de référencement.');
  });

  it('tells apart a question asked first, with the situation after it', () => {
    const text = 'Comment l’offre innovation de l’ANS a-t-elle été construite ? Je prépare une note pour notre direction sur les aides aux jeunes entreprises et je veux en expliquer l’origine.';
    expect(splitQuestion(text)).toEqual({
      question: 'Comment l’offre innovation de l’ANS a-t-elle été construite ?',
      context: 'Je prépare une note pour notre direction sur les aides aux jeunes entreprises et je veux en expliquer l’origine.',
    });
  });

  it('finds the question after « notre investisseur demande quand », « et voulons comprendre », « pouvez-vous me dire »', () => {
    const asked = 'Notre startup vient de finaliser son produit et notre investisseur demande quand nous pourrons déposer la demande de référencement.';
    expect(splitQuestion(asked).question).toBe('demande quand nous pourrons déposer la demande de référencement.');
    const understand = 'Nous intégrons des listes de codes de professions dans notre logiciel RH et voulons comprendre comment sont organisées les nomenclatures.';
    expect(splitQuestion(understand).question).toBe('voulons comprendre comment sont organisées les nomenclatures.');
    const polite = 'Je travaille depuis peu chez un éditeur de logiciel pour les centres de santé, pouvez-vous me dire ce qu’est le MOS ?';
    expect(splitQuestion(polite).question).toBe('pouvez-vous me dire ce qu’est le MOS ?');
  });

  it('finds the question after a phrase like « nous voulons savoir si » in a sentence without question mark', () => {
    const text = 'Nous éditons une solution de prise de rendez-vous en ligne pour plusieurs centres de santé et nous voulons savoir si nos rendez-vous peuvent alimenter l’agenda.';
    expect(splitQuestion(text).question).toBe('nous voulons savoir si nos rendez-vous peuvent alimenter l’agenda.');
    expect(text.split(' ').length).toBeGreaterThanOrEqual(MIN_WORDS_WITH_CONTEXT);
  });
});

describe('splitQuestion with a question that points back at its context', () => {
  it('keeps the whole sentence, or the sentence before, when the question alone is too short', () => {
    const clause = 'Nous construisons un connecteur pour un réseau d’établissements médico-sociaux depuis un an. Nous avons besoin du schéma exact de l’API : où le trouver ?';
    expect(splitQuestion(clause).question).toBe('Nous avons besoin du schéma exact de l’API : où le trouver ?');
    const sentence = 'Notre équipe intègre les nomenclatures chaque trimestre dans notre progiciel hospitalier. Nous voulons les formats disponibles. Où les trouver ?';
    expect(splitQuestion(sentence).question).toBe('Nous voulons les formats disponibles. Où les trouver ?');
    expect('Où les trouver ?'.split(' ').length).toBeLessThan(MIN_QUESTION_WORDS);
  });

  it('still starts the question at a phrase like « je dois résumer » inside the span it keeps', () => {
    const text = 'Je prépare une présentation pour nos investisseurs et je dois résumer les grandes briques de Mon espace santé : quelles sont-elles ?';
    expect(splitQuestion(text)).toEqual({
      question: 'je dois résumer les grandes briques de Mon espace santé : quelles sont-elles ?',
      context: 'Je prépare une présentation pour nos investisseurs et',
    });
    const sentences = 'Pour préparer un webinaire destiné à nos utilisateurs, je dois résumer ce que contient Mon espace santé. Quelles sont ses rubriques ?';
    expect(splitQuestion(sentences).question).toBe('je dois résumer ce que contient Mon espace santé. Quelles sont ses rubriques ?');
  });
});

describe('asksForDefinition', () => {
  it('recognises the ways French asks what something is, with or without apostrophes and accents', () => {
    for (const question of [
      'Qu’est-ce que le MOS ?', "qu est ce que le modele des objets de sante", "Qu'est-ce qu'un jeu de valeurs ?", 'cest quoi le mos exactement',
      'Les NOS, c’est quoi ?', 'Que sont les NOS ?', 'Que signifie l’acronyme MOS ?', 'Qu’entend l’ANS par MOS ?', 'Pouvez-vous m’expliquer ce qu’est le MOS ?',
      'De quoi s’agit-il ?', 'Le MOS, ça désigne quoi au juste ?',
    ]) {
      expect(asksForDefinition(question), question).toBe(true);
    }
  });

  it('leaves other questions built on the same words alone', () => {
    for (const question of [
      'Qu’est-ce qu’il faut pour que mon appli soit référencée ?', 'Que se passe-t-il quand un attribut est codifié ?', 'Quels sont les cas d’usage du MOS ?',
      'Est-ce que le référencement est obligatoire ?', 'Pourquoi se conformer au MOS ?',
    ]) {
      expect(asksForDefinition(question), question).toBe(false);
    }
  });
});
