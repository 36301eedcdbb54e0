import { describe, expect, it } from 'vitest';
import { foldForComparison, formatProblem, validateKnowledgeBase, type KbProblem } from '../../knowledge/index.js';
import { foldedHash } from '../../knowledge/foldText.js';
import { seededRandom } from '../../adapters/console/seededRandom.js';
import {
  ENTRIES_FILE,
  ENTRIES_YAML,
  entryYaml,
  lineOf,
  problemsOf,
  replaceOnce,
  sources,
} from './support/kbFixture.js';

/** Validates entries text and returns its problems, asserting there is at least one. */
function entryProblems(entries: string): readonly KbProblem[] {
  const problems = problemsOf(validateKnowledgeBase(sources({ entries })));
  expect(problems.length).toBeGreaterThan(0);
  return problems;
}

const BETA_ANSWER = '    answer: |-\n      Réponse de l’agence pour Beta.\n      - premier point ;\n      - second point.\n';

describe('validateKnowledgeBase: valid KB', () => {
  it('returns the entries with their fields, links defaulting to an empty list', () => {
    const result = validateKnowledgeBase(sources());
    if (!result.ok) throw new Error(result.problems.map(formatProblem).join('\n'));
    expect(result.kb.entries.map((e) => e.id)).toEqual(['premiere-entree', 'seconde-entree']);
    const first = result.kb.entries[0];
    expect(first).toMatchObject({
      question: 'Alpha question canonique détaillée ?',
      offer: 'innovation',
      theme: 'presentation',
      contact: 'innovation@esante.gouv.fr',
      reviewed: '2026-11-26',
      links: [],
      answer: 'Réponse de l’agence pour Alpha.\n- premier point ;\n- second point.',
      source: { file: ENTRIES_FILE, line: lineOf(ENTRIES_YAML, 'id: premiere-entree') },
    });
    expect(first?.alternates).toHaveLength(6);
    expect(first?.corridor).toBeUndefined();
    expect(result.kb.taxonomy.questions.map((q) => q.facet)).toEqual(['offer', 'corridor', 'dispositif', 'product', 'theme']);
    expect(result.kb.synonyms[0]).toEqual({ canonical: 'mon espace santé', terms: ['MES', 'mon espace de santé'] });
    expect(result.kb.version).toMatch(/^[0-9a-f]{64}$/);
  });

  it('accepts Ségur facets on a Ségur entry and valid links', () => {
    const entries = replaceOnce(ENTRIES_YAML, 'offer: innovation\n    theme: presentation\n    contact: innovation@esante.gouv.fr\n    reviewed: "2026-11-26"\n    answer: |-\n      Réponse de l’agence pour Beta',
      'offer: segur\n    corridor: hopital\n    dispositif: sons\n    theme: procedure\n    links:\n      - label: "Site"\n        url: "https://esante.gouv.fr/page"\n    answer: |-\n      Réponse de l’agence pour Beta');
    const result = validateKnowledgeBase(sources({ entries }));
    if (!result.ok) throw new Error(result.problems.map(formatProblem).join('\n'));
    expect(result.kb.entries[1]).toMatchObject({ offer: 'segur', corridor: 'hopital', dispositif: 'sons', links: [{ label: 'Site', url: 'https://esante.gouv.fr/page' }] });
  });
});

describe('validateKnowledgeBase: entry problems are located', () => {
  it('reports bad YAML syntax with its line', () => {
    const entries = replaceOnce(ENTRIES_YAML, '    offer: innovation\n    theme: presentation\n    contact: innovation@esante.gouv.fr\n    reviewed: "2026-11-26"\n    answer: |-\n      Réponse de l’agence pour Beta',
      '    offer: [innovation\n    theme: presentation\n    contact: innovation@esante.gouv.fr\n    reviewed: "2026-11-26"\n    answer: |-\n      Réponse de l’agence pour Beta');
    const [problem] = entryProblems(entries);
    expect(problem).toMatchObject({ file: ENTRIES_FILE });
    expect(problem?.message).toMatch(/^YAML syntax error/);
    expect(problem?.line).toBeGreaterThanOrEqual(lineOf(entries, 'offer: [innovation'));
  });

  it('reports a missing required field at the entry, naming the entry and field', () => {
    const entries = replaceOnce(ENTRIES_YAML, '    question: "Beta question canonique détaillée ?"\n', '');
    expect(entryProblems(entries)).toEqual([
      { file: ENTRIES_FILE, line: lineOf(entries, 'id: seconde-entree'), column: 5, entryId: 'seconde-entree', field: 'question', message: 'required field is missing' },
    ]);
  });

  it('reports mistyped fields', () => {
    let entries = replaceOnce(ENTRIES_YAML, '    offer: innovation\n    theme: presentation\n    contact: innovation@esante.gouv.fr\n    reviewed: "2026-11-26"\n    answer: |-\n      Réponse de l’agence pour Beta',
      '    offer: 42\n    theme: presentation\n    contact: innovation@esante.gouv.fr\n    reviewed: "2026-11-26"\n    answer: |-\n      Réponse de l’agence pour Beta');
    entries = replaceOnce(entries, '    question: "Alpha question canonique détaillée ?"', '    question: [a, b]');
    const problems = entryProblems(entries);
    expect(problems).toContainEqual(expect.objectContaining({ line: lineOf(entries, 'offer: 42'), entryId: 'seconde-entree', field: 'offer', message: 'must be a string, found a number' }));
    expect(problems).toContainEqual(expect.objectContaining({ line: lineOf(entries, 'question: [a, b]'), entryId: 'premiere-entree', field: 'question', message: 'must be a string, found a list' }));
  });

  it('reports an unknown field', () => {
    const entries = replaceOnce(ENTRIES_YAML, '    question: "Beta question', '    colour: blue\n    question: "Beta question');
    const problems = entryProblems(entries);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ line: lineOf(entries, 'colour: blue'), column: 5, entryId: 'seconde-entree', field: 'colour' });
    expect(problems[0]?.message).toMatch(/^unknown field/);
  });

  it('reports a duplicate id at the second occurrence, pointing at the first', () => {
    const entries = replaceOnce(ENTRIES_YAML, 'id: seconde-entree', 'id: premiere-entree');
    expect(entryProblems(entries)).toEqual([
      { file: ENTRIES_FILE, line: lineOf(entries, 'question: "Beta') - 1, column: 9, entryId: 'premiere-entree', field: 'id',
        message: `duplicate id (first used at ${ENTRIES_FILE}:${lineOf(entries, 'id: premiere-entree')})` },
    ]);
  });

  it('detects duplicate ids across files', () => {
    const problems = problemsOf(validateKnowledgeBase(sources({ entries: [
      { file: 'kb/entries/a.yaml', text: `entries:\n${entryYaml('meme-id', 'Alpha')}` },
      { file: 'kb/entries/b.yaml', text: `entries:\n${entryYaml('meme-id', 'Beta')}` },
    ] })));
    expect(problems).toEqual([expect.objectContaining({ file: 'kb/entries/b.yaml', line: 2, field: 'id', message: 'duplicate id (first used at kb/entries/a.yaml:2)' })]);
  });

  it('reports an id that is not a slug', () => {
    const entries = replaceOnce(ENTRIES_YAML, 'id: seconde-entree', 'id: Seconde_Entrée');
    const problems = entryProblems(entries);
    expect(problems).toEqual([expect.objectContaining({ line: lineOf(entries, 'id: Seconde_Entrée'), entryId: 'Seconde_Entrée', field: 'id' })]);
    expect(problems[0]?.message).toMatch(/not a slug/);
  });

  it('reports an unknown facet value with the taxonomy choices', () => {
    const entries = replaceOnce(ENTRIES_YAML, '    theme: presentation\n    contact: innovation@esante.gouv.fr\n    reviewed: "2026-11-26"\n    answer: |-\n      Réponse de l’agence pour Beta',
      '    theme: tarifs\n    contact: innovation@esante.gouv.fr\n    reviewed: "2026-11-26"\n    answer: |-\n      Réponse de l’agence pour Beta');
    expect(entryProblems(entries)).toEqual([
      { file: ENTRIES_FILE, line: lineOf(entries, 'theme: tarifs'), column: 12, entryId: 'seconde-entree', field: 'theme', message: 'unknown value "tarifs" (choices: presentation, procedure)' },
    ]);
  });

  it('reports a Ségur facet on a non-Ségur entry', () => {
    const entries = replaceOnce(ENTRIES_YAML, '    question: "Beta question', '    corridor: hopital\n    question: "Beta question');
    expect(entryProblems(entries)).toEqual([
      { file: ENTRIES_FILE, line: lineOf(entries, 'corridor: hopital'), column: 15, entryId: 'seconde-entree', field: 'corridor',
        message: 'facet "corridor" only applies when offer is segur, this entry has offer "innovation"' },
    ]);
  });

  it('reports an empty answer', () => {
    const entries = replaceOnce(ENTRIES_YAML, BETA_ANSWER, '    answer: "   "\n');
    expect(entryProblems(entries)).toEqual([
      expect.objectContaining({ line: lineOf(entries, 'answer: "   "'), entryId: 'seconde-entree', field: 'answer', message: 'must not be empty' }),
    ]);
  });

  it('reports an answer that still carries the seed’s feedback question', () => {
    const entries = replaceOnce(ENTRIES_YAML, 'pour Alpha.\n', 'pour Alpha.\n      Cette réponse vous a-t-elle été utile ?\n');
    expect(entryProblems(entries)).toEqual([
      expect.objectContaining({ line: lineOf(entries, 'answer: |-'), column: 13, entryId: 'premiere-entree', field: 'answer' }),
    ]);
  });

  it('reports fewer than 6 alternates', () => {
    const entries = replaceOnce(ENTRIES_YAML, '      - "Beta variante 6 ?"\n', '');
    expect(entryProblems(entries)).toEqual([
      expect.objectContaining({ line: lineOf(entries, 'Beta variante 1'), entryId: 'seconde-entree', field: 'alternates', message: 'has 5 alternates, at least 6 are required' }),
    ]);
  });

  it('reports an alternate equal to another entry’s question, ignoring case, accents and spaces', () => {
    const entries = replaceOnce(ENTRIES_YAML, '"Beta variante 2 ?"', '"  ALPHA   question canonique DETAILLEE?"');
    expect(entryProblems(entries)).toEqual([
      expect.objectContaining({ line: lineOf(entries, 'ALPHA   question'), entryId: 'seconde-entree', field: 'alternates[1]',
        message: `identical to the question of entry premiere-entree (${ENTRIES_FILE}:${lineOf(entries, 'question: "Alpha')})` }),
    ]);
  });

  it('reports an alternate equal to another alternate, in the same or another entry', () => {
    let entries = replaceOnce(ENTRIES_YAML, '"Beta variante 3 ?"', '"alpha variante 4 ?"');
    entries = replaceOnce(entries, '"Beta variante 5 ?"', '"Béta variante 6 ?"');
    const problems = entryProblems(entries);
    expect(problems).toEqual([
      expect.objectContaining({ line: lineOf(entries, '"alpha variante 4 ?"'), field: 'alternates[2]', message: `identical to an alternate of entry premiere-entree (${ENTRIES_FILE}:${lineOf(entries, 'Alpha variante 4')})` }),
      expect.objectContaining({ line: lineOf(entries, 'Beta variante 6'), field: 'alternates[5]', message: `identical to an alternate of this entry (${ENTRIES_FILE}:${lineOf(entries, 'Béta variante 6')})` }),
    ]);
  });

  it('does not take two alternates whose folds share a hash for the same text', () => {
    const seen = new Map<number, string>();
    let pair: [string, string] | undefined;
    const random = seededRandom(7);
    const letters = 'abcdefghijklmnopqrstuvwxyz';
    for (let n = 0; pair === undefined && n < 1_000_000; n++) {
      const text = `Beta ${Array.from({ length: 12 }, () => letters[Math.floor(random() * letters.length)]).join('')} ?`;
      const other = seen.get(foldedHash(text));
      if (other === undefined) seen.set(foldedHash(text), text);
      else pair = [other, text];
    }
    if (pair === undefined) throw new Error('no 32-bit hash collision among a million texts');
    expect(foldForComparison(pair[0])).not.toBe(foldForComparison(pair[1]));
    let entries = replaceOnce(ENTRIES_YAML, '"Beta variante 3 ?"', `"${pair[0]}"`);
    entries = replaceOnce(entries, '"Beta variante 5 ?"', `"${pair[1]}"`);
    const result = validateKnowledgeBase(sources({ entries }));
    expect(result.ok ? [] : result.problems).toEqual([]);
  });

  it('reports a bad link URL', () => {
    const entries = replaceOnce(ENTRIES_YAML, '    question: "Beta question', '    links:\n      - label: "Site"\n        url: "esante gouv fr"\n    question: "Beta question');
    expect(entryProblems(entries)).toEqual([
      expect.objectContaining({ line: lineOf(entries, 'url: "esante gouv fr"'), field: 'links[0].url', message: '"esante gouv fr" is not an absolute http(s) URL' }),
    ]);
  });

  it.each(['2026-02-30', '26/11/2026', '2026-11-26T10:00'])('reports a bad reviewed date %s', (date) => {
    const entries = replaceOnce(ENTRIES_YAML, '    reviewed: "2026-11-26"\n    answer: |-\n      Réponse de l’agence pour Beta', `    reviewed: "${date}"\n    answer: |-\n      Réponse de l’agence pour Beta`);
    expect(entryProblems(entries)).toEqual([
      expect.objectContaining({ line: lineOf(entries, `reviewed: "${date}"`), field: 'reviewed', message: `"${date}" is not a valid date (YYYY-MM-DD)` }),
    ]);
  });

  it('reports an invalid contact address', () => {
    // Only the last entry's contact changes (the regex matches the last occurrence).
    const fresh = ENTRIES_YAML.replace(/contact: innovation@esante\.gouv\.fr(?![\s\S]*contact:)/, 'contact: innovation');
    expect(entryProblems(fresh)).toEqual([expect.objectContaining({ line: lineOf(fresh, 'contact: innovation', 'id: seconde-entree'), entryId: 'seconde-entree', field: 'contact' })]);
  });

  it('reports every problem at once, sorted by position', () => {
    let entries = replaceOnce(ENTRIES_YAML, 'id: premiere-entree', 'id: Premiere');
    entries = replaceOnce(entries, '    question: "Beta question', '    colour: blue\n    question: "Beta question');
    entries = replaceOnce(entries, BETA_ANSWER, '    answer: ""\n');
    const problems = entryProblems(entries);
    expect(problems.map((p) => p.field)).toEqual(['id', 'colour', 'answer']);
    expect(problems.map((p) => p.line)).toEqual([...problems.map((p) => p.line)].sort((a, b) => a - b));
  });
});
