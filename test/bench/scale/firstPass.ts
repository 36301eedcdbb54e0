/**
 * A cold start as the scale bench's faqRun measures it (KB from its cache, lexical index from disk), then the
 * questions once and again, with each question's wall and CPU time and the GC pauses that fell inside it.
 * Dev tool for issue 12. Usage: [FIRST_PASS_ROOT=<checkout>] tsx test/bench/scale/firstPass.ts <kbDir> <indexDir> [top]
 */
import { PerformanceObserver } from 'node:perf_hooks';
import path from 'node:path';
import type * as EmbeddingsModule from '../../../embeddings/index.js';
import type * as KnowledgeModule from '../../../knowledge/index.js';
import { loadEvalSet } from '../../eval/evalSet.js';

// FIRST_PASS_ROOT: another checkout's code to measure (an A/B in alternating processes).
const root = path.resolve(process.env.FIRST_PASS_ROOT ?? '.');
const { loadKnowledgeBase } = (await import(path.join(root, 'knowledge/index.ts'))) as typeof KnowledgeModule;
const { answerQuestion, createKbRetriever } = (await import(path.join(root, 'embeddings/index.ts'))) as typeof EmbeddingsModule;

const [kbDir, indexDir, top = '12'] = process.argv.slice(2);
const gcs: { start: number; duration: number; kind: number }[] = [];
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) gcs.push({ start: e.startTime, duration: e.duration, kind: (e as PerformanceEntry & { detail?: { kind?: number } }).detail?.kind ?? 0 });
}).observe({ entryTypes: ['gc'] });
const real = await loadKnowledgeBase('knowledge/data');
const questions = (await loadEvalSet('test/eval/questions.yaml', real)).inScope.map((item) => item.q);
const cpu0 = process.cpuUsage();
const kb = await loadKnowledgeBase(kbDir, { cacheDir: indexDir });
const { retriever } = await createKbRetriever({ kb, mode: 'lexical', indexDir });
const startCpu = process.cpuUsage(cpu0);
const warmCount = Number(process.env.WARM ?? 0);
const small = Number(process.env.SMALL ?? 0);
const cw = process.cpuUsage();
const warmRetriever = small > 0 ? (await createKbRetriever({ kb: { ...kb, entries: kb.entries.slice(0, small) }, mode: 'lexical' })).retriever : retriever;
const warmTexts = kb.entries.slice(0, 17).flatMap((e) => [e.question, ...e.alternates]).slice(0, warmCount);
for (const text of warmTexts) await answerQuestion(warmRetriever, text);
const warmCpu = process.cpuUsage(cw);
console.log(`warm-up ${warmTexts.length} texts CPU ${((warmCpu.user + warmCpu.system) / 1000).toFixed(0)} ms`);
const passes: { wall: number; cpu: number; at: number }[][] = [];
for (let pass = 0; pass < 2; pass++) {
  const times: { wall: number; cpu: number; at: number }[] = [];
  if (process.env.MARKS) console.log(`MARK pass ${pass}`);
  for (const q of questions) {
    const at = performance.now();
    const c = process.cpuUsage();
    await answerQuestion(retriever, q);
    const u = process.cpuUsage(c);
    times.push({ wall: performance.now() - at, cpu: (u.user + u.system) / 1000, at });
  }
  passes.push(times);
}
await new Promise((resolve) => setTimeout(resolve, 50));
if (process.env.MARKS) console.log('MARK end');
const pct = (xs: number[], p: number): number => [...xs].sort((a, b) => a - b)[Math.ceil((p / 100) * xs.length) - 1];
const gcIn = (t: { wall: number; at: number }): number =>
  gcs.filter((g) => g.start >= t.at && g.start < t.at + t.wall).reduce((s, g) => s + g.duration, 0);
console.log(`start CPU ${((startCpu.user + startCpu.system) / 1000).toFixed(0)} ms`);
for (const [p, times] of passes.entries()) {
  const f = (xs: number[]) => `${pct(xs, 50).toFixed(2)} / ${pct(xs, 95).toFixed(2)} / ${Math.max(...xs).toFixed(2)}`;
  console.log(`pass ${p}: wall p50/p95/max ${f(times.map((t) => t.wall))}; CPU ${f(times.map((t) => t.cpu))}; sum CPU ${times.reduce((s, t) => s + t.cpu, 0).toFixed(0)} ms; GC in pass ${times.reduce((s, t) => s + gcIn(t), 0).toFixed(1)} ms`);
}
const order = passes[0].map((t, i) => ({ ...t, i, warm: passes[1][i].cpu, gc: gcIn(t) })).sort((a, b) => b.cpu - a.cpu);
if (process.env.SERIES) console.log(passes[0].map((t, i) => `${i}:${t.cpu.toFixed(1)}/${t.wall.toFixed(1)}`).join(' '));
for (const t of order.slice(0, Number(top))) console.log(`#${String(t.i).padStart(3)} cpu ${t.cpu.toFixed(2)} wall ${t.wall.toFixed(2)} gc ${t.gc.toFixed(2)} warm ${t.warm.toFixed(2)}  ${questions[t.i].slice(0, 100)}`);
