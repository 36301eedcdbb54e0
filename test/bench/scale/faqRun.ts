/**
 * One run of the bot's own retrieval on a KB folder, in its own process so its
 * peak RSS is its own: KB load and validation, retriever ready (lexical index
 * built, or loaded from `indexDir` when persisted), then every question once
 * through `answerQuestion`. Prints one JSON line (see ScaleRun in scaleReport.ts).
 * Usage: tsx test/bench/scale/faqRun.ts <kbDir> <indexDir> <questionsFile>
 */
import { readFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';

const processStart = performance.now();
const { loadKnowledgeBase } = await import('../../../knowledge/index.js');
const { answerQuestion, createKbRetriever } = await import('../../../embeddings/index.js');
const importsDone = performance.now();
const importsCpu = process.cpuUsage();

const [kbDir, indexDir, questionsFile] = process.argv.slice(2);
const questions = JSON.parse(await readFile(questionsFile, 'utf8')) as string[];
const kb = await loadKnowledgeBase(kbDir, { cacheDir: indexDir });
const kbLoaded = performance.now();
const { retriever } = await createKbRetriever({ kb, mode: 'lexical', indexDir });
const ready = performance.now();
const readyCpu = process.cpuUsage(importsCpu);
const samples: number[] = [];
// CPU time too: on a shared machine the wall clock counts the time other processes held the cores.
const cpuSamples: number[] = [];
const answers = createHash('sha256');
for (const question of questions) {
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  const answer = await answerQuestion(retriever, question);
  samples.push(performance.now() - start);
  const cpu = process.cpuUsage(cpuStart);
  cpuSamples.push((cpu.user + cpu.system) / 1000);
  answers.update(`${answer.kind}:${answer.retrieval.ranked.map((r) => `${r.entry.id}=${r.score.toFixed(9)}`).join(',')}\n`);
}
// A second pass: the same questions once the code is compiled and the caches warm, as a long-running server answers.
const warmCpuSamples: number[] = [];
for (const question of questions) {
  const cpuStart = process.cpuUsage();
  await answerQuestion(retriever, question);
  const cpu = process.cpuUsage(cpuStart);
  warmCpuSamples.push((cpu.user + cpu.system) / 1000);
}
console.log(
  JSON.stringify({
    importsMs: importsDone - processStart,
    kbLoadMs: kbLoaded - importsDone,
    indexMs: ready - kbLoaded,
    firstQuestionMs: samples[0],
    startCpuMs: (readyCpu.user + readyCpu.system) / 1000 + cpuSamples[0],
    samples,
    cpuSamples,
    warmCpuSamples,
    answersSha256: answers.digest('hex'),
    maxRssMiB: process.resourceUsage().maxRSS / 1024,
  }),
);
