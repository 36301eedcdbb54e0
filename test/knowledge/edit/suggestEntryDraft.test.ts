import { beforeAll, describe, expect, it } from 'vitest';
import { loadKnowledgeBase, planKbPatch, readKbSources, suggestEntryDraft, type KbSources, type KnowledgeBase } from '../../../knowledge/index.js';
import { REAL_KB_DIR } from '../support/paths.js';

const HDS = [
  'Faut-il être certifié HDS pour héberger des données de santé ?',
  'certification HDS obligatoire pour notre hébergeur ?',
  'Notre hébergeur doit-il avoir la certification HDS ?',
  'hébergement de données de santé : la certification HDS est-elle exigée ?',
  'faut il etre certifie HDS pour heberger des donnees de sante',
  'HDS obligatoire pour un service référencé dans MES ?',
  'Doit-on passer par un hébergeur certifié HDS ?',
];

let kb: KnowledgeBase;
let sources: KbSources;
beforeAll(async () => {
  kb = await loadKnowledgeBase(REAL_KB_DIR);
  sources = await readKbSources(REAL_KB_DIR);
});

describe('suggestEntryDraft', () => {
  it('drafts an entry from a cluster’s questions with the facets of its nearest entry, and the draft makes a valid patch', () => {
    const like = kb.entries.find((entry) => entry.id === 'mes-referencement-eligibilite');
    if (like === undefined) throw new Error('fixture entry missing');
    const draft = suggestEntryDraft([...HDS, like.alternates[0]], { entries: kb.entries, like: like.id });
    expect(draft).toEqual({
      id: 'mon-espace-sante-certifie-heberger-donnees-sante',
      question: HDS[0],
      // The KB's own phrasing is left out (the unpunctuated copy of the question is distinct by the KB's rules).
      alternates: HDS.slice(1),
      facets: { offer: like.offer, theme: like.theme, ...(like.product === undefined ? {} : { product: like.product }) },
      ...(like.contact === undefined ? {} : { contact: like.contact }),
    });
    const plan = planKbPatch(sources, [{ kind: 'entry', draft }], { root: REAL_KB_DIR });
    expect(plan.ok && plan.refused).toEqual([]);
    expect(plan.ok && plan.patch).toContain('+  - id: mon-espace-sante-certifie-heberger-donnees-sante');
    const small = suggestEntryDraft(HDS.slice(0, 3), { entries: kb.entries, like: like.id });
    const short = planKbPatch(sources, [{ kind: 'entry', draft: small }], { root: REAL_KB_DIR });
    expect(short.ok && short.refused.map((r) => [r.code, r.problems?.map((p) => p.field)])).toEqual([['invalid-entry', ['alternates']]]);
  });

  it('keeps ids unique and refuses what it cannot draft', () => {
    const [first] = kb.entries;
    const taken = { ...first, id: `${first.offer}-certifie-heberger-donnees-sante` };
    expect(suggestEntryDraft(HDS, { entries: [...kb.entries, taken], like: first.id }).id).toBe(`${taken.id}-2`);
    expect(() => suggestEntryDraft(HDS, { entries: kb.entries, like: 'absente' })).toThrow('no entry has the id "absente"');
    expect(() => suggestEntryDraft([first.question, ' '], { entries: kb.entries, like: first.id })).toThrow('already a phrasing');
  });
});
