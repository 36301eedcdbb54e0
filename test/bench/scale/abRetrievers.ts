/**
 * A/B of two checkouts' answering path in one process: each builds its own retriever (its own modules, so its
 * own compiled code) on the same KB, and they answer the same questions alternately, question by question, for
 * several passes; per question, the minimum CPU time over the passes after the first. Checks that both give the
 * same rankings, scores and decisions to the last bit. Dev tool for issue 12.
 * Usage: tsx test/bench/scale/abRetrievers.ts <rootA> <rootB> <kbDir> [passes]
 */
import path from 'node:path';
import { loadKnowledgeBase } from '../../../knowledge/index.js';
import type * as EmbeddingsModule from '../../../embeddings/index.js';
import type { Answer } from '../../../embeddings/index.js';
import { loadEvalSet } from '../../eval/evalSet.js';

type Embeddings = typeof EmbeddingsModule;
const [rootA, rootB, kbDir, passesArg = '9'] = process.argv.slice(2);
const real = await loadKnowledgeBase('knowledge/data');
const questions = (await loadEvalSet('test/eval/questions.yaml', real)).inScope.map((item) => item.q);
const kb = await loadKnowledgeBase(kbDir);
const sides = await Promise.all(
  [rootA, rootB].map(async (root) => {
    const module = (await import(path.resolve(root, 'embeddings/index.ts'))) as Embeddings;
    const { retriever } = await module.createKbRetriever({ kb, mode: 'lexical' });
    return { module, retriever, cpu: questions.map(() => Infinity), first: questions.map(() => 0) };
  }),
);
const key = (a: Answer): string => `${a.kind}|${'confidence' in a ? a.confidence : ''}|${a.retrieval.ranked.map((r) => `${r.entry.id}=${r.score}/${r.lexical}/${r.match?.question}/${r.match?.message}`).join(',')}`;
let differences = 0;
for (let pass = 0; pass < Number(passesArg); pass++) {
  for (const [i, q] of questions.entries()) {
    const keys: string[] = [];
    for (const side of pass % 2 === 0 ? sides : [...sides].reverse()) {
      const start = process.cpuUsage();
      const answer = await side.module.answerQuestion(side.retriever, q);
      const used = process.cpuUsage(start);
      const ms = (used.user + used.system) / 1000;
      if (pass === 0) side.first[i] = ms;
      else side.cpu[i] = Math.min(side.cpu[i], ms);
      keys.push(key(answer));
    }
    if (keys[0] !== keys[1]) differences++;
  }
}
const pct = (xs: number[], p: number): number => [...xs].sort((a, b) => a - b)[Math.ceil((p / 100) * xs.length) - 1];
const f = (xs: number[]): string => `p50 ${pct(xs, 50).toFixed(3)} p95 ${pct(xs, 95).toFixed(3)} max ${Math.max(...xs).toFixed(3)} sum ${xs.reduce((a, b) => a + b, 0).toFixed(1)}`;
for (const [s, side] of sides.entries()) console.log(`${s === 0 ? 'A' : 'B'} ${[rootA, rootB][s]}: min CPU ms ${f(side.cpu)} | first pass ${f(side.first)}`);
console.log(`answers differing: ${differences}`);
