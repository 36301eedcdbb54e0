/**
 * One hash of every ranking and decision, to the last bit: every question of every evaluation set answered on
 * the real KB and on a synthetic KB (whole FAQ, inside two facet filters, and rank with k = 50), the ids, every
 * score, lexical score and match share written with full precision (`toString` round-trips a double), the
 * evidence and each answer's kind and confidence. A change meant to keep rankings bit-identical must print the
 * same hashes before and after. Dev tool for issue 12.
 * Usage: tsx test/bench/scale/rankingHash.ts [size] [shared|varied]
 */
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { loadKnowledgeBase, type FacetFilter, type KnowledgeBase } from '../../../knowledge/index.js';
import { answerQuestion, createKbRetriever, type Retrieval } from '../../../embeddings/index.js';
import { writeSyntheticKb, type SyntheticForm } from './syntheticKb.js';

const [size = '10000', form = 'shared'] = process.argv.slice(2);

async function questions(): Promise<string[]> {
  const files = (await readdir('test/eval')).filter((name) => name.endsWith('.yaml')).sort();
  const all = new Set<string>(['', 'zzz', 'referencemnt obligatoir', 'ans', 'ANS MES MOS NOS']);
  for (const file of files) {
    const data = parse(await readFile(path.join('test/eval', file), 'utf8')) as { inScope?: { q: string }[]; outOfScope?: { q: string }[] };
    for (const item of [...(data.inScope ?? []), ...(data.outOfScope ?? [])]) all.add(item.q);
  }
  return [...all];
}

const ranking = (r: Retrieval): string =>
  `${JSON.stringify(r.evidence ?? null)}|${r.ranked.map((x) => `${x.entry.id}=${x.score}/${x.lexical}/${x.match?.question}/${x.match?.message}`).join(',')}`;

async function hashKb(label: string, kb: KnowledgeBase, all: readonly string[]): Promise<void> {
  const { retriever } = await createKbRetriever({ kb, mode: 'lexical' });
  const filters: FacetFilter[] = [{ offer: kb.entries[0].offer }, { offer: kb.entries[kb.entries.length - 1].offer, theme: kb.entries[kb.entries.length - 1].theme }];
  const hash = createHash('sha256');
  for (const q of all) {
    for (const facets of [{}, ...filters]) {
      const answer = await answerQuestion(retriever, q, facets);
      hash.update(`${q}|${answer.kind}|${'confidence' in answer ? answer.confidence : ''}|${answer.relaxed}|${ranking(answer.retrieval)}\n`);
    }
    const scores = await retriever.score(q);
    hash.update(`${ranking(scores.rank({ k: 50 }))}\n`);
  }
  console.log(`${label}: ${all.length} questions, sha256 ${hash.digest('hex')}`);
}

const real = await loadKnowledgeBase('knowledge/data');
const all = await questions();
await hashKb('real KB', real, all);
const dir = await mkdtemp(path.join(tmpdir(), 'faq-hash-'));
try {
  await writeSyntheticKb({ dir, realDir: 'knowledge/data', real, size: Number(size), form: form as SyntheticForm });
  await hashKb(`synthetic ${form} ${size}`, await loadKnowledgeBase(dir), all);
} finally {
  await rm(dir, { recursive: true, force: true });
}
