import { describe, expect, it } from 'vitest';
import { formatProblem, validateKnowledgeBase, type KnowledgeBase } from '../../knowledge/index.js';
import { ASKED_YAML, sources } from '../knowledge/support/kbFixture.js';
import { withoutSet } from './withoutSet.js';

const OTHER_WEEK = `inScope:
  - { q: "Alpha, c'est quoi exactement", id: premiere-entree }
  - { q: "Et Beta, ça sert à quoi ?", id: seconde-entree, kind: paraphrase }
outOfScope:
  - { q: "combien coute alpha", kind: near }
`;

/** The fixture KB with two asked files: week 48 (ASKED_YAML) and week 49, which repeats two of its questions. */
function twoWeeks(): KnowledgeBase {
  const base = sources({ asked: ASKED_YAML });
  const result = validateKnowledgeBase({ ...base, asked: [...(base.asked ?? []), { file: 'kb/asked/semaine-49.yaml', text: OTHER_WEEK }] });
  if (!result.ok) throw new Error(result.problems.map(formatProblem).join('\n'));
  return result.kb;
}

describe('withoutSet (leave-one-set-out)', () => {
  it('removes the set’s own file and every asked question of other files equal to one of its questions once folded', () => {
    const kb = twoWeeks();
    const week48 = kb.asked[0];
    const scoring = withoutSet(kb, week48);
    // Week 49 keeps only what week 48 does not ask: its first question, with another apostrophe and no « ? », is the same once folded.
    expect(scoring.asked).toEqual([{ file: 'kb/asked/semaine-49.yaml', inScope: [{ q: 'Et Beta, ça sert à quoi ?', id: 'seconde-entree', kind: 'paraphrase' }], outOfScope: [], smallTalk: [] }]);
    expect(scoring.entries.map((entry) => entry.asked)).toEqual([undefined, ['Et Beta, ça sert à quoi ?']]);
    expect(kb.entries.map((entry) => entry.asked)).toEqual([['Alpha, c’est quoi exactement ?'], ['What is Beta?', 'Et Beta, ça sert à quoi ?']]);
  });

  it('gives the scoring KB its own version, and keeps the entries’ own phrasings and everything else', () => {
    const kb = twoWeeks();
    const scoring = withoutSet(kb, kb.asked[1]);
    expect(scoring.version).not.toBe(kb.version);
    expect(scoring.entries.map(({ asked: _asked, ...entry }) => entry)).toEqual(kb.entries.map(({ asked: _asked, ...entry }) => entry));
    expect({ taxonomy: scoring.taxonomy, synonyms: scoring.synonyms }).toEqual({ taxonomy: kb.taxonomy, synonyms: kb.synonyms });
  });

  it('leaves the KB as it is for a set none of whose questions it holds (the version too)', () => {
    const kb = twoWeeks();
    const scoring = withoutSet(kb, { inScope: [{ q: 'Gamma ?', id: 'premiere-entree' }], outOfScope: [{ q: 'Delta ?' }] });
    expect(scoring).toEqual(kb);
  });
});
