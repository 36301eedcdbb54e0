import { describe, expect, it } from 'vitest';
import { BM25_B, BM25_K1 } from '../../../embeddings/lexical/bm25.js';
import { createFrenchAnalyzer } from '../../../embeddings/lexical/frenchAnalyzer.js';
import { LexicalIndex } from '../../../embeddings/lexical/LexicalIndex.js';

const analyzer = createFrenchAnalyzer([{ canonical: 'Mon espace santé', terms: ['MES'] }]);

const DOCS = [
  'Comment référencer mon service numérique dans Mon espace santé ?',
  'Quelles données figurent dans Mon espace de santé ?',
  'Comment contacter l’équipe Innovation de l’ANS ?',
  'Qu’est-ce que le MOS et les NOS ?',
  'Le référencement est ouvert aux applications mobiles et aux sites web.',
];

/** One view, one entry per document. */
function indexOf(texts: readonly string[]): LexicalIndex {
  return LexicalIndex.build(texts.length, [texts.map((text, entry) => ({ entry, tokens: analyzer.analyze(text) }))]);
}

/** The k best documents of a one-view index (one entry per document), as {docId, normalized}, best first, ties by id. */
function search(index: LexicalIndex, query: string, k: number): { docId: number; normalized: number }[] {
  const lexical = index.query(analyzer.analyze(query), [1]);
  const hits: { docId: number; normalized: number }[] = [];
  lexical.forEachCandidate(
    () => 0,
    () => true,
    (entry, score) => {
      expect(score).toBe(lexical.scoreEntry(entry));
      hits.push({ docId: entry, normalized: score });
    },
  );
  return hits.sort((a, b) => b.normalized - a.normalized || a.docId - b.docId).slice(0, k);
}

describe('LexicalIndex, one view', () => {
  it('ranks the document sharing the rare query words first, and only documents holding a query term', () => {
    const hits = search(indexOf(DOCS), 'contacter l’équipe innovation', 3);
    expect(hits[0].docId).toBe(2);
    expect(hits).toHaveLength(1);
  });

  it('matches through synonyms and stemming', () => {
    const hits = search(indexOf(DOCS), 'référencement de mes services dans MES', 5);
    expect(hits[0].docId).toBe(0);
    expect(hits.map((hit) => hit.docId)).toContain(4);
  });

  it('computes the Okapi formula', () => {
    const index = indexOf(['dossier dossier patient', 'patient']);
    const [hit] = search(index, 'dossier', 1);
    // N = 2, n = 1; doc 0 has tf = 2, length 3, average length 2.
    const idf = Math.log(1 + (2 - 1 + 0.5) / (1 + 0.5));
    const expected = (idf * (2 * (BM25_K1 + 1))) / (2 + BM25_K1 * (1 - BM25_B + (BM25_B * 3) / 2));
    expect(hit.docId).toBe(0);
    expect(hit.normalized).toBeCloseTo(expected / idf, 10);
    expect(hit.normalized).toBeGreaterThan(1);
  });

  it('normalises against a document of average length holding every query word once, unknown words included', () => {
    const index = indexOf(['dossier patient', 'agenda messagerie']);
    expect(search(index, 'dossier patient', 1)[0].normalized).toBeCloseTo(1, 10);
    const [dossier, ordonnance] = analyzer.analyze('dossier ordonnance');
    const share = index.idf(0, dossier) / (index.idf(0, dossier) + index.idf(0, ordonnance));
    expect(search(index, 'dossier ordonnance', 1)[0].normalized).toBeCloseTo(share, 10);
    expect(share).toBeLessThan(0.5);
  });

  it('breaks ties by ascending document and returns nothing without a match', () => {
    const index = indexOf(['messagerie', 'interopérabilité', 'interopérabilité']);
    const hits = search(index, 'interopérabilité', 5);
    expect(hits.map((hit) => hit.docId)).toEqual([1, 2]);
    expect(hits[0].normalized).toBe(hits[1].normalized);
    expect(search(indexOf(DOCS), '', 5)).toEqual([]);
    expect(search(indexOf(DOCS), 'les de la 👍', 5)).toEqual([]);
    expect(search(indexOf(DOCS), 'ornithorynque', 5)).toEqual([]);
    expect(search(indexOf(DOCS), 'données', 0)).toEqual([]);
    expect(search(indexOf([]), 'données', 5)).toEqual([]);
    expect(() => indexOf(DOCS).query([], [1, 1])).toThrow(/LexicalIndex.query: 2 weights for 1 views/);
  });

  it('knows exact analysed terms only, and counts coverage on them', () => {
    const index = indexOf(DOCS);
    const [term] = analyzer.analyze('référencement');
    expect(index.knows(term)).toBe(true);
    expect(index.knows(`${term}x`)).toBe(false);
    expect(index.coverage(analyzer.analyze('contacter'))).toBe(1);
    expect(index.coverage(analyzer.analyze('contcter'))).toBe(0);
    expect(index.coverage([])).toBe(0);
  });
});

describe('LexicalIndex typo tolerance', () => {
  it('matches a word one edit away (deletion, insertion, substitution, swap)', () => {
    const index = indexOf(DOCS);
    for (const typo of ['contcter', 'contaacter', 'contactar', 'cotnacter']) {
      expect(search(index, `${typo} lequipe`, 3)[0]?.docId, typo).toBe(2);
    }
  });

  it('leaves short unknown words and words two edits away alone', () => {
    const index = indexOf(DOCS);
    expect(search(index, 'contcer', 3)).toEqual([]);
    expect(search(index, 'zzz', 3)).toEqual([]);
  });

  it('prefers the most frequent known term, then the first seen', () => {
    const raw = (texts: string[]) => LexicalIndex.build(texts.length, [texts.map((text, entry) => ({ entry, tokens: text.split(' ') }))]);
    const index = raw(['carton', 'canton', 'canton bleu']);
    // "caxton" is one edit from both; "canton" is in two documents.
    expect(index.correct(0, 'caxton')).toBe('canton');
    const tie = raw(['carton', 'canton']);
    expect(tie.correct(0, 'caxton')).toBe('carton');
    expect(tie.correct(0, 'zzzzzz')).toBe('zzzzzz');
  });
});

describe('LexicalIndex, several views', () => {
  it('keeps each view its own statistics and a term known in one view only', () => {
    const index = LexicalIndex.build(2, [
      [{ entry: 0, tokens: ['alpha'] }, { entry: 1, tokens: ['beta'] }],
      [{ entry: 0, tokens: ['alpha', 'gamma'] }, { entry: 1, tokens: ['alpha', 'alpha'] }],
    ]);
    expect(index.documentFrequency(0, 'alpha')).toBe(1);
    expect(index.documentFrequency(1, 'alpha')).toBe(2);
    expect(index.documentFrequency(0, 'gamma')).toBe(0);
    expect(index.knows('gamma')).toBe(true);
    const query = index.query(['gamma'], [1, 1]);
    const visited: number[] = [];
    query.forEachCandidate(() => 0, () => true, (entry) => visited.push(entry));
    expect(visited).toEqual([0]);
    expect(query.scoreEntry(0)).toBeGreaterThan(0);
    expect(query.scoreEntry(1)).toBe(0);
  });

  it('restores from its state, and refuses an inconsistent one', () => {
    const index = indexOf(DOCS);
    const restored = LexicalIndex.fromState(index.state);
    expect(search(restored, 'référencement service', 5)).toEqual(search(index, 'référencement service', 5));
    const [view] = index.state.views;
    const broken = { ...index.state, views: [{ ...view, docs: view.docs.map(() => 999) }] };
    expect(() => LexicalIndex.fromState(broken)).toThrow(/view 0 is inconsistent/);
  });
});

describe('LexicalQuery candidate pruning', () => {
  it('skips only entries whose bound is under the threshold, and visits the rest in entry order', () => {
    const texts = ['dossier patient', 'dossier', 'patient agenda', 'agenda', 'dossier patient agenda'];
    const index = indexOf(texts);
    const query = index.query(analyzer.analyze('dossier patient'), [1]);
    const all: number[] = [];
    query.forEachCandidate(() => 0, () => true, (entry) => all.push(entry));
    expect(all).toEqual([0, 1, 2, 4]);
    // With a threshold above every single-term entry, entries holding one query word only are skipped.
    const best = Math.max(...all.map((entry) => query.scoreEntry(entry)));
    const kept: number[] = [];
    query.forEachCandidate(() => best, () => true, (entry) => kept.push(entry));
    expect(kept).toContain(all.find((entry) => query.scoreEntry(entry) === best));
    for (const entry of all.filter((e) => !kept.includes(e))) expect(query.scoreEntry(entry)).toBeLessThan(best);
    const none: number[] = [];
    query.forEachCandidate(() => Infinity, () => true, (entry) => none.push(entry));
    const odd: number[] = [];
    query.forEachCandidate(() => 0, (entry) => entry % 2 === 1, (entry) => odd.push(entry));
    expect(odd).toEqual([1]);
    expect(none).toEqual([]);
  });
});
