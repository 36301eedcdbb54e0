import { describe, expect, it } from 'vitest';
import { createFrenchAnalyzer } from '../../../embeddings/lexical/frenchAnalyzer.js';
import type { SynonymGroup } from '../../../knowledge/index.js';

const SYNONYMS: readonly SynonymGroup[] = [
  { canonical: 'Mon espace santé', terms: ['MES', 'mon espace de santé', 'espace numérique de santé'] },
  { canonical: 'NOS', terms: ['nomenclatures des objets de santé'] },
  { canonical: 'MOS', terms: ['modèle des objets de santé'] },
  { canonical: 'ANS', terms: ['agence du numérique en santé'] },
  { canonical: 'DMP', terms: ['dossier médical partagé'] },
  { canonical: 'application', terms: ['appli', 'app'] },
  { canonical: 'e-santé', terms: ['esanté'] },
];

describe('createFrenchAnalyzer', () => {
  const analyzer = createFrenchAnalyzer(SYNONYMS);
  const plain = createFrenchAnalyzer([]);

  it('is insensitive to accents and case', () => {
    expect(plain.analyze('Référencement des éditeurs')).toEqual(plain.analyze('REFERENCEMENT des editeurs'));
    expect(plain.analyze('hôpital')).toEqual(plain.analyze('Hopital'));
    expect(plain.analyze('mise en œuvre')).toEqual(plain.analyze('mise en oeuvre'));
  });

  it('drops elisions written with typographic and straight apostrophes', () => {
    const typographic = plain.analyze('l’offre d’innovation qu’elle propose');
    const straight = plain.analyze("l'offre d'innovation qu'elle propose");
    expect(typographic).toEqual(straight);
    expect(typographic).toEqual(plain.analyze('offre innovation propose'));
    expect(typographic).not.toContain('l');
    expect(typographic).not.toContain('qu');
  });

  it('drops every listed elision (j’, n’, s’, c’, m’, t’)', () => {
    expect(plain.analyze('j’inscris n’importe s’adapter c’était m’inscrire t’aider')).toEqual(
      plain.analyze('inscris importe adapter était inscrire aider'),
    );
  });

  it('joins apostrophes that are not elisions', () => {
    expect(plain.analyze('aujourd’hui')).toEqual(plain.analyze("aujourd'hui"));
    expect(plain.analyze('aujourd’hui')).toHaveLength(1);
  });

  it('strips punctuation and French stop words', () => {
    expect(plain.analyze('Les données, dans le dossier ; et les mesures !')).toEqual(plain.analyze('données dossier mesures'));
  });

  it('drops the words of asking but keeps the interrogatives that say what is asked', () => {
    expect(plain.analyze('c’est quoi exactement le catalogue')).toEqual(plain.analyze('catalogue'));
    // « comment » asks for a procedure, « pourquoi » for a reason: « comment me faire référencer » is not « pourquoi ».
    expect(plain.analyze('comment je fais pour référencer mon appli')).toContain(plain.analyze('comment')[0]);
    expect(plain.analyze('comment')).not.toEqual(plain.analyze('pourquoi'));
  });

  it('puts feminine past participles in their verb’s family (the stemmer reads folded text)', () => {
    const analyzer = createFrenchAnalyzer([]);
    expect(analyzer.analyze('publiée')).toEqual(analyzer.analyze('publier'));
    expect(analyzer.analyze('accompagnées')).toEqual(analyzer.analyze('accompagnement'));
    expect(analyzer.analyze('élaborée')).toEqual(analyzer.analyze('élaborer'));
  });

  it('keeps « formation » (training) apart from « format » (a file format), which the stemmer confuses', () => {
    expect(analyzer.analyze('Formations')).toEqual(analyzer.analyze('formation'));
    expect(analyzer.analyze('formation')).not.toEqual(analyzer.analyze('format'));
    expect(analyzer.analyze('au format PDF')).toEqual(analyzer.analyze('aux formats PDF'));
  });

  it('puts the present of irregular verbs in their infinitive’s family (« sert », « servent » → servir)', () => {
    expect(plain.analyze('à quoi sert le modèle')).toEqual(plain.analyze('à quoi servir le modèle'));
    expect(plain.analyze('ils servent')).toEqual(plain.analyze('servir'));
    expect(plain.analyze('cela permet')).toEqual(plain.analyze('permettre'));
    expect(plain.analyze('il contient')).toEqual(plain.analyze('contenir'));
    expect(plain.analyze('ça dépend')).toEqual(plain.analyze('dépendre'));
    // A noun spelled like a verb form stays a noun: « l’offre innovation » is not « offrir ».
    expect(plain.analyze('offre')).not.toEqual(plain.analyze('offrir'));
  });

  it('stems plural and singular to the same token', () => {
    expect(plain.analyze('services numériques')).toEqual(plain.analyze('service numérique'));
    expect(plain.analyze('les éditeurs')).toEqual(plain.analyze('un éditeur'));
  });

  it('keeps uppercase acronyms even when they look like stop words, and does not stem them', () => {
    expect(plain.analyze('les NOS')).toEqual(['nos']);
    expect(plain.analyze('nos logiciels')).toEqual(plain.analyze('logiciels'));
    expect(plain.analyze('L’ANS')).toEqual(['ans']);
    expect(plain.analyze('depuis deux ans')).not.toContain('ans');
  });

  it('rewrites acronyms and multi-word synonyms to their canonical form before stemming', () => {
    const canonical = analyzer.analyze('Mon espace santé');
    expect(canonical.length).toBeGreaterThan(0);
    expect(analyzer.analyze('MES')).toEqual(canonical);
    expect(analyzer.analyze('mon espace sante')).toEqual(canonical);
    expect(analyzer.analyze('Mon Espace de Santé')).toEqual(canonical);
    expect(analyzer.analyze('l’espace numérique de santé')).toEqual(canonical);
    expect(analyzer.analyze('référencer dans MES')).toEqual([...analyzer.analyze('référencer'), ...canonical]);
  });

  it('does not read the stop word "mes" as the acronym MES', () => {
    expect(analyzer.analyze('mes dossiers')).toEqual(plain.analyze('dossiers'));
  });

  it('maps expanded forms to one-word canonical names', () => {
    expect(analyzer.analyze('les nomenclatures des objets de santé')).toEqual(['nos']);
    expect(analyzer.analyze('le modèle des objets de santé')).toEqual(['mos']);
    expect(analyzer.analyze('MOS et NOS')).toEqual(['mos', 'nos']);
    expect(analyzer.analyze('le mos')).toEqual(['mos']);
  });

  it('finds inflected synonym terms (plurals, irregular plurals)', () => {
    expect(analyzer.analyze('les dossiers médicaux partagés')).toEqual(['dmp']);
    expect(analyzer.analyze('mes applis')).toEqual(analyzer.analyze('application'));
  });

  it('stems a one-word canonical form so it meets inflections that are not listed terms', () => {
    expect(analyzer.analyze('une app')).toEqual(analyzer.analyze('les applications'));
  });

  it('matches acronym terms typed in lowercase, except French words spelled like them', () => {
    expect(analyzer.analyze('le dmp')).toEqual(['dmp']);
    expect(analyzer.analyze('l’agence du numérique en santé')).toEqual(['ans']);
    expect(analyzer.analyze('depuis deux ans')).not.toContain('ans');
    expect(analyzer.analyze('depuis deux ans')).toEqual(plain.analyze('depuis deux ans'));
  });

  it('keeps the short pieces of a canonical form ("e" of e-santé)', () => {
    expect(analyzer.analyze('esanté')).toEqual(analyzer.analyze('e-santé'));
    expect(analyzer.analyze('esanté')).not.toEqual(analyzer.analyze('santé'));
  });

  it('keeps numbers', () => {
    expect(plain.analyze('règlement 2017/745')).toEqual([...plain.analyze('règlement'), '2017', '745']);
  });

  it('returns no token for empty, blank, punctuation or emoji-only input', () => {
    expect(plain.analyze('')).toEqual([]);
    expect(plain.analyze('   \n\t')).toEqual([]);
    expect(plain.analyze('?!… — ’')).toEqual([]);
    expect(plain.analyze('👍🎉🇫🇷')).toEqual([]);
  });

  it('treats a shouted sentence as words, not acronyms', () => {
    expect(plain.analyze('COMMENT REFERENCER MES SERVICES')).toEqual(plain.analyze('comment référencer mes services'));
  });

  it('rejects a synonym group without a canonical form', () => {
    expect(() => createFrenchAnalyzer([{ canonical: ' !', terms: ['x'] }])).toThrow(/createFrenchAnalyzer/);
  });
});
