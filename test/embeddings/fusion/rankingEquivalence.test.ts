/**
 * The inverted index must rank exactly as the scanning implementation it
 * replaced (kept in reference/): every question of every evaluation set, on the
 * real KB, the fixture KB and a synthetic KB of shared vocabulary, ranked over
 * the whole FAQ and inside facets, lexical and hybrid, gives the same ids in the
 * same order with the same scores (within 1e-9).
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { FacetFilter, FaqEntry, KnowledgeBase } from '../../../knowledge/index.js';
import { HybridRetriever, type VectorLabel } from '../../../embeddings/fusion/HybridRetriever.js';
import { createFrenchAnalyzer } from '../../../embeddings/lexical/frenchAnalyzer.js';
import type { Retriever, RetrieveOptions } from '../../../embeddings/Retriever.js';
import { FakeEmbeddingProvider } from '../../fakes/FakeEmbeddingProvider.js';
import { InMemoryVectorIndex } from '../../fakes/InMemoryVectorIndex.js';
import { loadFixtureKnowledgeBase, loadRealKnowledgeBase, REPO_ROOT } from '../../fixtures/kb.js';
import { syntheticEntries } from '../../bench/scale/syntheticKb.js';
import { ReferenceHybridRetriever } from './reference/ReferenceHybridRetriever.js';

/** The labelled sets: the held-out and older ones, and the tuning sets among the questions vendors asked. */
const EVAL_DIRS = [path.join(REPO_ROOT, 'test/eval'), path.join(REPO_ROOT, 'knowledge/data/asked')];
/** Scores may differ by rounding only: the same additions are made in the same order, so in practice they are equal. */
const TOLERANCE = 1e-9;
/** Entries of the synthetic KB: every real word shared by 5 entries, typos matching many near-identical terms. */
const SYNTHETIC_SIZE = 85;

/** Every question (in and out of scope) of every evaluation set, plus typo-only and empty edge cases. */
async function evalQuestions(): Promise<string[]> {
  const questions = new Set<string>(['', '   ', 'zzz', 'referencemnt obligatoir', 'ans', 'ANS MES MOS NOS']);
  for (const dir of EVAL_DIRS) {
    for (const file of (await readdir(dir)).filter((name) => name.endsWith('.yaml'))) {
      const data = parse(await readFile(path.join(dir, file), 'utf8')) as { inScope?: { q: string }[]; outOfScope?: { q: string }[] };
      for (const item of [...(data.inScope ?? []), ...(data.outOfScope ?? [])]) questions.add(item.q);
    }
  }
  return [...questions];
}

function syntheticKb(real: KnowledgeBase): KnowledgeBase {
  const entries = syntheticEntries(real.entries, SYNTHETIC_SIZE, 'shared').map(
    (entry) => ({ ...entry, links: entry.links ?? [], source: { file: 'synthetic.yaml', line: 1 } }) as unknown as FaqEntry,
  );
  return { ...real, entries };
}

async function denseComponent(entries: readonly FaqEntry[]) {
  const provider = new FakeEmbeddingProvider();
  const index = new InMemoryVectorIndex(provider.dimension);
  const labels: VectorLabel[] = [];
  const texts = entries.flatMap((entry) => [entry.question, ...entry.alternates].map((text) => ({ text, entryId: entry.id })));
  const vectors = await provider.embed(
    texts.map((t) => t.text),
    'passage',
  );
  vectors.forEach((vector, i) => {
    index.add(i, vector);
    labels.push({ entryId: texts[i].entryId, kind: 'alternate' });
  });
  return { provider, index, labels };
}

/** The rankings a question gets: whole FAQ (k = 5 and every candidate) and inside two facet filters. */
function rankings(entries: readonly FaqEntry[]): RetrieveOptions[] {
  const filters: FacetFilter[] = [{ offer: entries[0].offer }, { offer: entries[entries.length - 1].offer, theme: entries[entries.length - 1].theme }];
  return [{ k: 5 }, { k: 1_000_000 }, ...filters.map((filter) => ({ k: 5, filter }))];
}

async function expectSameRankings(reference: Retriever, candidate: Retriever, questions: readonly string[], options: readonly RetrieveOptions[]) {
  let compared = 0;
  for (const question of questions) {
    const [want, got] = [await reference.score(question), await candidate.score(question)];
    for (const option of options) {
      const [wanted, gotten] = [want.rank(option), got.rank(option)];
      expect(gotten.evidence, question).toEqual(wanted.evidence);
      const expected = wanted.ranked;
      const actual = gotten.ranked;
      expect(actual.map((r) => r.entry.id), `${question} ${JSON.stringify(option)}`).toEqual(expected.map((r) => r.entry.id));
      actual.forEach((r, i) => {
        expect(Math.abs(r.score - expected[i].score), question).toBeLessThanOrEqual(TOLERANCE);
        expect(Math.abs((r.lexical ?? 0) - (expected[i].lexical ?? 0)), question).toBeLessThanOrEqual(TOLERANCE);
        expect(Math.abs((r.dense ?? 0) - (expected[i].dense ?? 0)), question).toBeLessThanOrEqual(TOLERANCE);
        expect(r.match, question).toEqual(expected[i].match);
      });
      compared += actual.length;
    }
  }
  return compared;
}

describe('ranking equivalence with the scanning reference', () => {
  let questions: string[] = [];
  const kbs: { name: string; kb: KnowledgeBase }[] = [];

  beforeAll(async () => {
    questions = await evalQuestions();
    const real = await loadRealKnowledgeBase();
    kbs.push({ name: 'real', kb: real }, { name: 'fixture', kb: await loadFixtureKnowledgeBase() }, { name: 'synthetic', kb: syntheticKb(real) });
  });

  it('covers every evaluation set', () => {
    expect(questions.length).toBeGreaterThan(900);
  });

  for (const name of ['real', 'fixture', 'synthetic']) {
    it(`lexical: same ids, order and scores on the ${name} KB`, async () => {
      const { kb } = kbs.find((k) => k.name === name) ?? kbs[0];
      const analyzer = createFrenchAnalyzer(kb.synonyms);
      const reference = ReferenceHybridRetriever.create({ entries: kb.entries, analyzer });
      const candidate = HybridRetriever.create({ entries: kb.entries, analyzer });
      const compared = await expectSameRankings(reference, candidate, questions, rankings(kb.entries));
      expect(compared).toBeGreaterThan(questions.length);
    }, 300_000);
  }

  it('hybrid: same fused ids, order and scores on the real KB', async () => {
    const { kb } = kbs[0];
    const analyzer = createFrenchAnalyzer(kb.synonyms);
    const dense = await denseComponent(kb.entries);
    const reference = ReferenceHybridRetriever.create({ entries: kb.entries, analyzer, dense });
    const candidate = HybridRetriever.create({ entries: kb.entries, analyzer, dense });
    expect(await expectSameRankings(reference, candidate, questions, rankings(kb.entries))).toBeGreaterThan(questions.length);
  }, 300_000);
});
