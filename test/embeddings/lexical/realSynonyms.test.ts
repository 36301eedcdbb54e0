/**
 * The KB's synonym groups (knowledge/data/synonyms.yaml) through the French
 * analyser: the words vendors use meet the words of the agency's answers, and
 * words left out of the groups because their stem meets another word of the
 * KB, or because they have a second common meaning, are not folded.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createFrenchAnalyzer, type TextAnalyzer } from '../../../embeddings/lexical/frenchAnalyzer.js';
import { loadRealKnowledgeBase } from '../../fixtures/kb.js';

/** [vendor phrasing, the answer's word it must analyse like]. */
const SAME_MEANING: readonly (readonly [string, string])[] = [
  ['prétendre', 'éligible'],
  ['se former', 'formations'],
  ['facultatif', 'obligatoire'],
  ['au libre choix', 'obligatoire'],
  ['co-produire', 'productions communes'],
  ['aligner', 'se conformer'],
  ['mapping', 'correspondance'],
  ['transmettre', 'échanger'],
  ['figée', 'évolutive'],
  ['évoluer', 'évolutive'],
  ['postuler', 'candidater'],
  ['site internet', 'sites web'],
  ['annuellement', 'tous les ans'],
  ['mensuellement', 'tous les mois'],
  ['néophytes', 'novices'],
  ['changements', 'modifications'],
  ['signaler', 'remonter'],
  ['pouls', 'fréquence cardiaque'],
  ['RDV', 'rendez-vous'],
];

/** Words whose stem meets another word of the KB, or with a second meaning: they must analyse as without synonyms. */
const NOT_FOLDED: readonly string[] = [
  'au début de l’année', // « débutant » would be « début »
  'le service fonctionne', // « fonction » would be « fonctionne »
  'saisies librement', // « libre » alone would be « librement »
  'les codes', // « codés » would be « codes »
  'recevoir la newsletter', // « recevable » would be « recevoir »
  'se renseigner',
  'joindre un document',
  'encore en cours',
  'la conception',
  'diagramme de classes',
];

describe('the KB synonyms in the French analyser', () => {
  let analyzer: TextAnalyzer;
  const plain = createFrenchAnalyzer([]);

  beforeAll(async () => {
    analyzer = createFrenchAnalyzer((await loadRealKnowledgeBase()).synonyms);
  });

  it.each(SAME_MEANING)('« %s » analyses like « %s »', (vendor, answer) => {
    expect(analyzer.analyze(vendor)).toEqual(analyzer.analyze(answer));
    expect(analyzer.analyze(vendor)).not.toEqual([]);
  });

  it.each(NOT_FOLDED)('« %s » is not folded onto another word', (text) => {
    expect(analyzer.analyze(text)).toEqual(plain.analyze(text));
  });
});
