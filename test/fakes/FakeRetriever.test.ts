import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { KnowledgeBase } from '../../knowledge/index.js';
import { FakeRetriever } from './FakeRetriever.js';
import { loadFixtureKnowledgeBase } from '../fixtures/kb.js';

let kb: KnowledgeBase;
afterEach(() => {
  vi.useRealTimers();
});
beforeAll(async () => {
  kb = await loadFixtureKnowledgeBase();
});

describe('FakeRetriever', () => {
  it('ranks the scripted entries for a query, ignoring case, accents and punctuation', async () => {
    const fake = new FakeRetriever(kb.entries, [{ query: 'Le référencement est-il obligatoire ?', ranked: { 'mes-referencement-calendrier': 0.4, 'mes-referencement-obligatoire': 0.9 } }]);
    const result = (await fake.score('le referencement est il OBLIGATOIRE')).rank();
    expect(result.ranked.map((r) => [r.entry.id, r.score])).toEqual([
      ['mes-referencement-obligatoire', 0.9],
      ['mes-referencement-calendrier', 0.4],
    ]);
    expect(fake.calls).toEqual([{ query: 'le referencement est il OBLIGATOIRE' }]);
  });

  it('matches "contains" rules, applies the facet filter and k, and ranks nothing when unscripted', async () => {
    const fake = new FakeRetriever(kb.entries, [{ contains: 'comment ça marche', ranked: { 'mos-definition': 0.6, 'mes-fonctionnalites': 0.6, 'innovation-collaboration': 0.5 } }]);
    const filtered = (await fake.score('Bon, comment ça marche ?')).rank({ filter: { offer: 'mon-espace-sante', product: 'agenda' }, k: 3 });
    expect(filtered.ranked.map((r) => r.entry.id)).toEqual(['mes-fonctionnalites']);
    expect((await fake.score('comment ca marche')).rank({ k: 2 }).ranked.map((r) => r.entry.id)).toEqual(['mes-fonctionnalites', 'mos-definition']);
    expect((await fake.score('la météo demain')).rank().ranked).toEqual([]);
  });

  it('takes `searchMs` on the timers to search a query of a slow rule, and no time for the others', async () => {
    vi.useFakeTimers();
    const fake = new FakeRetriever(kb.entries, [{ query: 'lent', ranked: { 'mos-definition': 0.6 }, searchMs: 800 }, { query: 'vite', ranked: { 'mos-definition': 0.6 } }]);
    let slowDone = false;
    const slow = fake.score('lent').then((scores) => ((slowDone = true), scores));
    await vi.advanceTimersByTimeAsync(799);
    expect(slowDone).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect((await slow).rank().ranked.map((r) => r.entry.id)).toEqual(['mos-definition']);
    let fastDone = false;
    void fake.score('vite').then(() => (fastDone = true));
    await Promise.resolve();
    await Promise.resolve();
    expect(fastDone).toBe(true);
  });

  it('refuses a script naming an unknown entry', () => {
    expect(() => new FakeRetriever(kb.entries, [{ query: 'x', ranked: { nope: 1 } }])).toThrow(/unknown entry id "nope"/);
  });
});
