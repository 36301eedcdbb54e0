import { describe, expect, it } from 'vitest';
import { formatProblem, validateKnowledgeBase, type KnowledgeBase } from '../../knowledge/index.js';
import { ASKED_FILE, ASKED_YAML, lineOf, problemsOf, replaceOnce, sources } from './support/kbFixture.js';

function validKb(asked: string): KnowledgeBase {
  const result = validateKnowledgeBase(sources({ asked }));
  if (!result.ok) throw new Error(result.problems.map(formatProblem).join('\n'));
  return result.kb;
}

describe('validateKnowledgeBase: asked questions (asked/*.yaml)', () => {
  it('reads an asked file: its questions, and each entry’s new phrasings, without those it already has', () => {
    const kb = validKb(ASKED_YAML);
    expect(kb.asked).toEqual([
      {
        file: ASKED_FILE,
        inScope: [
          { q: 'Alpha, c’est quoi exactement ?', id: 'premiere-entree', kind: 'paraphrase' },
          { q: 'alpha c’est quoi exactement', id: 'premiere-entree', kind: 'typo' },
          { q: 'ALPHA QUESTION CANONIQUE DÉTAILLÉE', id: 'premiere-entree' },
          { q: 'What is Beta?', id: 'seconde-entree', kind: 'english' },
        ],
        outOfScope: [{ q: 'Combien coûte Alpha ?', kind: 'near' }, { q: 'Quel temps fera-t-il demain ?' }],
        smallTalk: [{ q: 'merci' }],
      },
    ]);
    // « alpha c’est quoi exactement » folds to the first asked question, the third to the entry's own question: both are dropped.
    expect(kb.entries.map((entry) => entry.asked)).toEqual([['Alpha, c’est quoi exactement ?'], ['What is Beta?']]);
  });

  it('changes the KB version when an asked question changes, and keeps it without asked files', () => {
    const without = validateKnowledgeBase(sources());
    const empty = validateKnowledgeBase(sources({ asked: 'inScope: []\noutOfScope: []\n' }));
    const asked = validKb(ASKED_YAML);
    const edited = validKb(replaceOnce(ASKED_YAML, 'Combien coûte Alpha ?', 'Combien coûte Beta ?'));
    if (!without.ok || !empty.ok) throw new Error('expected valid KBs');
    expect(empty.kb.version).toBe(without.kb.version);
    expect(asked.version).not.toBe(without.kb.version);
    expect(edited.version).not.toBe(asked.version);
    expect(without.kb.asked).toEqual([]);
  });

  it('names the file, line and field of an unknown entry id, a missing q and a bad kind, all at once', () => {
    const broken = replaceOnce(
      replaceOnce(replaceOnce(ASKED_YAML, 'id: seconde-entree', 'id: troisieme-entree'), '{ q: "Quel temps fera-t-il demain ?" }', '{ kind: far }'),
      'kind: typo',
      'kind: sms',
    );
    expect(problemsOf(validateKnowledgeBase(sources({ asked: broken })))).toEqual([
      expect.objectContaining({ file: ASKED_FILE, line: lineOf(broken, 'kind: sms'), field: 'inScope[1].kind', message: '"sms" is not a kind (kinds: paraphrase, typo, long, english)' }),
      expect.objectContaining({ file: ASKED_FILE, line: lineOf(broken, 'troisieme-entree'), field: 'inScope[3].id', message: 'unknown entry id "troisieme-entree"' }),
      expect.objectContaining({ file: ASKED_FILE, line: lineOf(broken, '{ kind: far }'), field: 'outOfScope[1].q', message: 'required field is missing' }),
    ]);
  });

  it('reports an unknown field, an empty question, a missing list and an item that is not a mapping', () => {
    const broken = 'inScope:\n  - { q: "", id: premiere-entree }\n  - { q: "Alpha ?", id: premiere-entree, entry: x }\n  - "Alpha tout court"\n';
    expect(problemsOf(validateKnowledgeBase(sources({ asked: broken }))).map(formatProblem)).toEqual([
      `${ASKED_FILE}:1:1 outOfScope: required field is missing (an empty list [] is allowed)`,
      `${ASKED_FILE}:2:10 inScope[0].q: must not be empty`,
      `${ASKED_FILE}:3:42 inScope[1].entry: unknown field (allowed: q, id, kind)`,
      `${ASKED_FILE}:4:5 inScope[2]: must be a mapping {q, ...}, found a string`,
    ]);
  });

  it('reports an unknown top-level list', () => {
    expect(problemsOf(validateKnowledgeBase(sources({ asked: 'inScope: []\noutOfScope: []\nnearMisses: []\n' }))).map(formatProblem)).toEqual([
      `${ASKED_FILE}:3:1 nearMisses: unknown field (allowed: inScope, outOfScope, smallTalk)`,
    ]);
  });

  it('reports a YAML syntax error with its line', () => {
    const problems = problemsOf(validateKnowledgeBase(sources({ asked: 'inScope:\n  - { q: "Alpha ?", id: premiere-entree\noutOfScope: []\n' })));
    expect(problems[0]).toMatchObject({ file: ASKED_FILE, message: expect.stringMatching(/^YAML syntax error/) });
  });
});
