/**
 * Which questions are slow on a synthetic KB, and where their time goes: the
 * query reading, the scoring set-up, the ranking. Dev tool for issue 12.
 * Usage: tsx test/bench/scale/slowQuestions.ts <size> <shared|varied> [top]
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadKnowledgeBase } from '../../../knowledge/index.js';
import { answerQuestion, createKbRetriever } from '../../../embeddings/index.js';
import { loadEvalSet } from '../../eval/evalSet.js';
import { writeSyntheticKb, type SyntheticForm } from './syntheticKb.js';

const [size = '10000', form = 'shared', top = '15'] = process.argv.slice(2);
const real = await loadKnowledgeBase('knowledge/data');
const questions = (await loadEvalSet('test/eval/questions.yaml', real)).inScope.map((item) => item.q);
const dir = process.env.SLOW_KB_DIR ?? (await mkdtemp(path.join(tmpdir(), 'faq-slow-')));
const kbDir = path.join(dir, `kb-${form}-${size}`);
if (!process.env.SLOW_KB_DIR) await writeSyntheticKb({ dir: kbDir, realDir: 'knowledge/data', real, size: Number(size), form: form as SyntheticForm });
const kb = await loadKnowledgeBase(kbDir, { cacheDir: path.join(dir, 'index') });
const { retriever } = await createKbRetriever({ kb, mode: 'lexical', indexDir: path.join(dir, 'index') });
const timings: { q: string; first: number; warm: number }[] = [];
const session = new Session();
if (process.env.SLOW_PROFILE) {
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 100 });
  await session.post('Profiler.start');
}
for (let pass = 0; pass < (process.env.SLOW_PASSES ? Number(process.env.SLOW_PASSES) : 3); pass++) {
  for (const [i, q] of questions.entries()) {
    const start = performance.now();
    await answerQuestion(retriever, q);
    const ms = performance.now() - start;
    if (pass === 0) timings[i] = { q, first: ms, warm: 0 };
    else timings[i].warm = ms;
  }
}
if (process.env.SLOW_PROFILE) {
  const { profile } = (await session.post('Profiler.stop')) as { profile: unknown };
  await writeFile(process.env.SLOW_PROFILE, JSON.stringify(profile));
}
const sorted = (xs: number[]) => xs.sort((a, b) => a - b);
const p = (xs: number[], q: number) => xs[Math.min(xs.length - 1, Math.ceil((q / 100) * xs.length) - 1)];
const first = sorted(timings.map((t) => t.first));
const warm = sorted(timings.map((t) => t.warm));
console.log(`first pass p50 ${p(first, 50).toFixed(2)} p95 ${p(first, 95).toFixed(2)}; warm p50 ${p(warm, 50).toFixed(2)} p95 ${p(warm, 95).toFixed(2)}`);
timings.sort((a, b) => b.first - a.first);
for (const t of timings.slice(0, Number(top))) console.log(`${t.first.toFixed(2)} ms (warm ${t.warm.toFixed(2)})  ${t.q.slice(0, 140).replace(/\n/g, ' ')}`);
console.log(`kb dir ${dir}`);
