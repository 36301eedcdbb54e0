import { beforeAll, describe, expect, it } from 'vitest';
import type { KnowledgeBase } from '../../knowledge/index.js';
import { FakeRetriever } from './support/FakeRetriever.js';
import { loadTestKnowledgeBase } from './support/knowledge.js';

let kb: KnowledgeBase;
beforeAll(async () => {
  kb = await loadTestKnowledgeBase();
});

describe('FakeRetriever', () => {
  it('ranks the scripted entries for a query, ignoring case, accents and punctuation', async () => {
    const fake = new FakeRetriever(kb.entries, [{ query: 'Le référencement est-il obligatoire ?', ranked: { 'mes-referencement-calendrier': 0.4, 'mes-referencement-obligatoire': 0.9 } }]);
    const result = await fake.retrieve('le referencement est il OBLIGATOIRE');
    expect(result.ranked.map((r) => [r.entry.id, r.score])).toEqual([
      ['mes-referencement-obligatoire', 0.9],
      ['mes-referencement-calendrier', 0.4],
    ]);
    expect(fake.calls).toEqual([{ query: 'le referencement est il OBLIGATOIRE' }]);
  });

  it('matches "contains" rules, applies the facet filter and k, and ranks nothing when unscripted', async () => {
    const fake = new FakeRetriever(kb.entries, [{ contains: 'comment ça marche', ranked: { 'mos-definition': 0.6, 'mes-fonctionnalites': 0.6, 'innovation-collaboration': 0.5 } }]);
    const filtered = await fake.retrieve('Bon, comment ça marche ?', { filter: { offer: 'mon-espace-sante', product: 'agenda' }, k: 3 });
    expect(filtered.ranked.map((r) => r.entry.id)).toEqual(['mes-fonctionnalites']);
    expect((await fake.retrieve('comment ca marche', { k: 2 })).ranked.map((r) => r.entry.id)).toEqual(['mes-fonctionnalites', 'mos-definition']);
    expect((await fake.retrieve('la météo demain')).ranked).toEqual([]);
  });

  it('refuses a script naming an unknown entry', () => {
    expect(() => new FakeRetriever(kb.entries, [{ query: 'x', ranked: { nope: 1 } }])).toThrow(/unknown entry id "nope"/);
  });
});
