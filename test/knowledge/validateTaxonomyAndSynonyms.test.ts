import { describe, expect, it } from 'vitest';
import { KnowledgeBaseError, validateKnowledgeBase } from '../../knowledge/index.js';
import { SYNONYMS_FILE, SYNONYMS_YAML, TAXONOMY_FILE, TAXONOMY_YAML, lineOf, problemsOf, replaceOnce, sources } from './support/kbFixture.js';

describe('validateKnowledgeBase: taxonomy and synonyms problems', () => {
  it('reports an unknown facet in the taxonomy', () => {
    const taxonomy = replaceOnce(TAXONOMY_YAML, 'facet: product', 'facet: produit');
    const problems = problemsOf(validateKnowledgeBase(sources({ taxonomy })));
    expect(problems).toContainEqual(expect.objectContaining({ file: TAXONOMY_FILE, line: lineOf(taxonomy, 'facet: produit'), field: 'questions[3].facet',
      message: 'unknown facet "produit" (known: offer, corridor, dispositif, product, theme)' }));
    expect(problems).toContainEqual(expect.objectContaining({ file: TAXONOMY_FILE, message: 'no question for facet "product"' }));
  });

  it('reports a duplicate choice value', () => {
    const taxonomy = replaceOnce(TAXONOMY_YAML, '      - value: segur\n', '      - value: innovation\n');
    const problems = problemsOf(validateKnowledgeBase(sources({ taxonomy })));
    expect(problems).toContainEqual(expect.objectContaining({ file: TAXONOMY_FILE, line: lineOf(taxonomy, 'value: innovation', 'label: "Innovation"'),
      field: 'questions[0].choices[1].value', message: `duplicate value "innovation" (first at line ${lineOf(taxonomy, 'value: innovation')})` }));
  });

  it('reports a condition on an unknown choice value', () => {
    const taxonomy = replaceOnce(TAXONOMY_YAML, '    appliesWhen:\n      offer: [segur]\n    choices:\n      - value: hopital', '    appliesWhen:\n      offer: [segure]\n    choices:\n      - value: hopital');
    const problems = problemsOf(validateKnowledgeBase(sources({ taxonomy })));
    expect(problems).toContainEqual(expect.objectContaining({ file: TAXONOMY_FILE, line: lineOf(taxonomy, 'offer: [segure]'), message: '"segure" is not a choice of facet "offer"' }));
  });

  it('reads an offer\'s optional contact, and reports a contact that is not an address or not on an offer', () => {
    const withContact = replaceOnce(TAXONOMY_YAML, '        label: "Innovation"\n', '        label: "Innovation"\n        contact: innovation@esante.gouv.fr\n');
    const valid = validateKnowledgeBase(sources({ taxonomy: withContact }));
    if (!valid.ok) throw new Error(`unexpected problems: ${JSON.stringify(valid.problems)}`);
    expect(valid.kb.taxonomy.questions[0].choices.map((c) => c.contact)).toEqual(['innovation@esante.gouv.fr', undefined]);

    const notAnAddress = replaceOnce(TAXONOMY_YAML, '        label: "Innovation"\n', '        label: "Innovation"\n        contact: écrire à l’ANS\n');
    expect(problemsOf(validateKnowledgeBase(sources({ taxonomy: notAnAddress })))).toEqual([
      expect.objectContaining({ file: TAXONOMY_FILE, line: lineOf(notAnAddress, 'contact:'), field: 'questions[0].choices[0].contact', message: '"écrire à l’ANS" is not an e-mail address' }),
    ]);
    const notAnOffer = replaceOnce(TAXONOMY_YAML, '        label: "Hôpital"\n', '        label: "Hôpital"\n        contact: hopital@example.fr\n');
    expect(problemsOf(validateKnowledgeBase(sources({ taxonomy: notAnOffer })))).toEqual([
      expect.objectContaining({ file: TAXONOMY_FILE, line: lineOf(notAnOffer, 'contact:'), field: 'questions[1].choices[0].contact', message: 'only the choices of the "offer" question may have a contact' }),
    ]);
  });

  it('reports a synonym term declared in two groups', () => {
    const synonyms = replaceOnce(SYNONYMS_YAML, '[agence du numérique en santé]', '[agence du numérique en santé, Mon Espace de Sante]');
    expect(problemsOf(validateKnowledgeBase(sources({ synonyms })))).toEqual([
      expect.objectContaining({ file: SYNONYMS_FILE, line: 5, field: 'synonyms[1].terms[1]', message: '"Mon Espace de Sante" is already declared in group "mon espace santé" (synonyms[0])' }),
    ]);
  });

  it('reports a synonyms file of the wrong shape', () => {
    expect(problemsOf(validateKnowledgeBase(sources({ synonyms: 'synonyms:\n  - canonical: ANS\n' })))).toEqual([
      expect.objectContaining({ file: SYNONYMS_FILE, line: 2, field: 'synonyms[0].terms', message: 'required field is missing' }),
    ]);
  });
});

describe('KnowledgeBaseError', () => {
  it('formats one problem per line as file:line:col [entryId] field: message', () => {
    const error = new KnowledgeBaseError([
      { file: 'b.yaml', line: 3, column: 5, entryId: 'x', field: 'theme', message: 'bad' },
      { file: 'a.yaml', line: 1, column: 1, message: 'file not found' },
    ]);
    expect(error.message).toBe('Invalid knowledge base (2 problems):\na.yaml:1:1: file not found\nb.yaml:3:5 [x] theme: bad');
    expect(error.problems[0]?.file).toBe('a.yaml');
    expect(error).toBeInstanceOf(Error);
  });
});
