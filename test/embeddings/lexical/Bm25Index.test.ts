import { describe, expect, it } from 'vitest';
import { Bm25Index, BM25_B, BM25_K1, editDistance } from '../../../embeddings/lexical/Bm25Index.js';
import { createFrenchAnalyzer } from '../../../embeddings/lexical/frenchAnalyzer.js';

const analyzer = createFrenchAnalyzer([{ canonical: 'Mon espace santé', terms: ['MES'] }]);

const DOCS = [
  'Comment référencer mon service numérique dans Mon espace santé ?',
  'Quelles données figurent dans Mon espace de santé ?',
  'Comment contacter l’équipe Innovation de l’ANS ?',
  'Qu’est-ce que le MOS et les NOS ?',
  'Le référencement est ouvert aux applications mobiles et aux sites web.',
];

function buildIndex(): Bm25Index {
  const index = new Bm25Index(analyzer);
  DOCS.forEach((text, docId) => index.add(docId, text));
  return index;
}

describe('Bm25Index', () => {
  it('ranks the document sharing the rare query words first', () => {
    const hits = buildIndex().search('contacter l’équipe innovation', 3);
    expect(hits[0].docId).toBe(2);
    expect(hits).toHaveLength(1);
  });

  it('matches through synonyms and stemming', () => {
    const hits = buildIndex().search('référencement de mes services dans MES', 5);
    expect(hits[0].docId).toBe(0);
    expect(hits.map((hit) => hit.docId)).toContain(4);
  });

  it('returns hits sorted by descending score, limited to k', () => {
    const hits = buildIndex().search('Mon espace santé données référencement', 2);
    expect(hits).toHaveLength(2);
    expect(hits[0].score).toBeGreaterThanOrEqual(hits[1].score);
    expect(hits[0].docId).toBe(1);
  });

  it('computes the Okapi formula', () => {
    const index = new Bm25Index(analyzer);
    index.add(0, 'dossier dossier patient');
    index.add(1, 'patient');
    const [hit] = index.search('dossier', 1);
    // N = 2, n = 1; doc 0 has tf = 2, length 3, average length 2.
    const idf = Math.log(1 + (2 - 1 + 0.5) / (1 + 0.5));
    const expected = (idf * (2 * (BM25_K1 + 1))) / (2 + BM25_K1 * (1 - BM25_B + (BM25_B * 3) / 2));
    expect(hit.docId).toBe(0);
    expect(hit.score).toBeCloseTo(expected, 10);
    // Shorter than average with the term twice: above the reference document's 1, and not capped.
    expect(hit.normalized).toBeCloseTo(expected / idf, 10);
    expect(hit.normalized).toBeGreaterThan(1);
  });

  it('normalises scores against a document of average length holding every query word once (= 1)', () => {
    const reference = new Bm25Index(analyzer);
    reference.add(0, 'dossier patient');
    reference.add(1, 'agenda messagerie');
    expect(reference.search('dossier patient', 1)[0].normalized).toBeCloseTo(1, 10);
    expect(reference.search('dossier', 1)[0].normalized).toBeCloseTo(1, 10);
    // A word unknown to the corpus counts in the bound with the IDF of a word no document has.
    const [dossier, ordonnance] = analyzer.analyze('dossier ordonnance');
    const share = reference.idf(dossier) / (reference.idf(dossier) + reference.idf(ordonnance));
    expect(reference.search('dossier ordonnance', 1)[0].normalized).toBeCloseTo(share, 10);
    expect(share).toBeLessThan(0.5);
  });

  it('lowers the normalised score when query words are unknown to the corpus', () => {
    const index = buildIndex();
    const known = index.search('données Mon espace santé', 1)[0];
    const diluted = index.search('données Mon espace santé remboursement ordonnance pharmacie', 1)[0];
    expect(known.normalized).toBeGreaterThan(0);
    expect(diluted.docId).toBe(known.docId);
    expect(diluted.normalized).toBeLessThan(known.normalized);
  });

  it('searches an already analysed query exactly as the text, typo tolerance included', () => {
    const index = buildIndex();
    for (const query of ['référencement de mes services dans MES', 'contcter lequipe', 'contacter l’équipe innovation']) {
      expect(index.searchTerms(analyzer.analyze(query), 5)).toEqual(index.search(query, 5));
    }
    expect(index.searchTerms(analyzer.analyze('contcter lequipe'), 3)[0]?.docId).toBe(2);
  });

  it('knows the exact analysed terms of its documents, not their typos', () => {
    const index = buildIndex();
    const [term] = analyzer.analyze('référencement');
    expect(index.knows(term)).toBe(true);
    expect(index.knows(`${term}x`)).toBe(false);
  });

  it('breaks ties by ascending docId and is deterministic', () => {
    const index = new Bm25Index(analyzer);
    index.add(7, 'interopérabilité');
    index.add(3, 'interopérabilité');
    const hits = index.search('interopérabilité', 5);
    expect(hits.map((hit) => hit.docId)).toEqual([3, 7]);
    expect(hits[0].score).toBe(hits[1].score);
    expect(buildIndex().search('référencement service', 5)).toEqual(buildIndex().search('référencement service', 5));
  });

  it('returns nothing for queries without analysable words, no match, k = 0, or an empty index', () => {
    const index = buildIndex();
    expect(index.search('', 5)).toEqual([]);
    expect(index.search('les de la 👍', 5)).toEqual([]);
    expect(index.search('ornithorynque', 5)).toEqual([]);
    expect(index.search('données', 0)).toEqual([]);
    expect(new Bm25Index(analyzer).search('données', 5)).toEqual([]);
  });

  it('rejects duplicate or invalid document ids and invalid k', () => {
    const index = buildIndex();
    expect(() => index.add(0, 'encore')).toThrow(/Bm25Index.add: document 0 is already indexed/);
    expect(() => index.add(-1, 'x')).toThrow(/non-negative integer/);
    expect(() => index.add(1.5, 'x')).toThrow(/non-negative integer/);
    expect(() => index.search('données', -1)).toThrow(/Bm25Index.search/);
    expect(index.size).toBe(DOCS.length);
  });
});

describe('Bm25Index typo tolerance', () => {
  it('matches a word one edit away from a known term, without counting it as known for coverage', () => {
    const index = buildIndex();
    const hits = index.search('contcter lequipe', 3);
    expect(hits[0]?.docId).toBe(2);
    expect(index.coverage('contacter')).toBe(1);
    expect(index.coverage('contcter')).toBe(0);
  });

  it('leaves short unknown words and words two edits away alone', () => {
    const index = buildIndex();
    expect(index.search('contcer', 3)).toEqual([]);
    expect(index.search('zzz', 3)).toEqual([]);
  });
});

describe('editDistance', () => {
  it('counts insertions, deletions, substitutions and swaps of neighbours as one edit each', () => {
    expect(editDistance('referenc', 'referenc')).toBe(0);
    expect(editDistance('referenc', 'referenx')).toBe(1);
    expect(editDistance('referenc', 'refernc')).toBe(1);
    expect(editDistance('referenc', 'refeernc')).toBe(1);
    expect(editDistance('referenc', 'rfeerenc')).toBe(1);
    expect(editDistance('abc', 'xyz')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('ab', 'ba')).toBe(1);
  });

  it('with a bound, agrees with the full distance up to it and says "more" (bound + 1) beyond', () => {
    const words = ['referenc', 'referenx', 'rfeerenc', 'refeernc', 'catalogu', 'catalog', 'donne', 'donnee', 'modele', 'abc', 'ba', ''];
    for (const a of words) {
      for (const b of words) {
        const full = editDistance(a, b);
        for (const bound of [0, 1, 2]) expect(editDistance(a, b, bound)).toBe(full <= bound ? full : bound + 1);
      }
    }
  });
});
