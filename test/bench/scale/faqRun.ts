/**
 * One run of the bot's own retrieval on a KB folder, in its own process so its
 * peak RSS is its own: KB load and validation, retriever ready (lexical index
 * built, or loaded from `indexDir` when persisted), then every question once
 * through `answerQuestion`. Prints one JSON line (see ScaleRun in scaleReport.ts).
 * With `warm-up`, the server's background warm-up (warmUpAnswering) starts as
 * the retriever is ready, as `npm start` does once listening: the first
 * question is asked at that moment too, others during the warm-up (their
 * latency is what a visitor arriving then waits), and the timed passes start
 * when the warm-up has ended.
 * With `runtime`, the same process stops once its imports are done and prints
 * only its peak RSS: the runtime (Node, the TypeScript loader, the modules
 * answering needs) that every other run's peak RSS includes.
 * Usage: tsx test/bench/scale/faqRun.ts <kbDir> <indexDir> <questionsFile> [warm-up | runtime]
 */
import { readFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { printRun, timeQuestions } from './timedQuestions.js';

const processStart = performance.now();
const { loadKnowledgeBase } = await import('../../../knowledge/index.js');
const { answerQuestion, createKbRetriever, prefetchKbIndexes, warmUpAnswering, warmUpTexts } = await import('../../../embeddings/index.js');
const importsDone = performance.now();
const importsCpu = process.cpuUsage();

const [kbDir, indexDir, questionsFile, variant] = process.argv.slice(2);
if (variant === 'runtime') {
  console.log(JSON.stringify({ importsMs: importsDone - processStart, maxRssMiB: process.resourceUsage().maxRSS / 1024 }));
  process.exit(0);
}
/** A visitor's question every this often while the warm-up runs. */
const DURING_WARM_UP_MS = 20;
const questions = JSON.parse(await readFile(questionsFile, 'utf8')) as string[];
// As createApp does: the lexical state is read in the background while the KB loads.
void prefetchKbIndexes(indexDir);
const kb = await loadKnowledgeBase(kbDir, { cacheDir: indexDir });
const kbLoaded = performance.now();
const { retriever } = await createKbRetriever({ kb, mode: 'lexical', indexDir });
const ready = performance.now();
const readyCpu = process.cpuUsage(importsCpu);
const answers = createHash('sha256');
const hash = (answer: Awaited<ReturnType<typeof answerQuestion>>): void => {
  answers.update(`${answer.kind}:${answer.retrieval.ranked.map((r) => `${r.entry.id}=${r.score.toFixed(9)}`).join(',')}\n`);
};
const cpuMs = (usage: NodeJS.CpuUsage): number => (usage.user + usage.system) / 1000;
if (variant === 'warm-up') {
  const warmUp = warmUpAnswering(retriever, warmUpTexts(kb.entries));
  // A visitor's question at the moment the server is ready, then one every DURING_WARM_UP_MS while the warm-up runs.
  const firstCpu = process.cpuUsage();
  await answerQuestion(retriever, questions[0]);
  const firstQuestionMs = performance.now() - ready;
  const startCpuMs = cpuMs(readyCpu) + cpuMs(process.cpuUsage(firstCpu));
  let ended = false;
  const during: number[] = [];
  const visitors = (async () => {
    for (let i = 1; !ended && i < questions.length; i++) {
      await new Promise((resolve) => setTimeout(resolve, DURING_WARM_UP_MS));
      if (ended) break;
      const asked = performance.now();
      await answerQuestion(retriever, questions[i]);
      during.push(performance.now() - asked);
    }
  })();
  const warmUpReport = await warmUp;
  ended = true;
  await visitors;
  // The timed passes: every question, the first one included, once the warm-up has ended.
  const timings = await timeQuestions(questions, (question) => answerQuestion(retriever, question), hash);
  printRun({ processStart, importsDone, kbLoaded, ready, readyCpu }, timings, {
    firstQuestionMs,
    startCpuMs,
    answersSha256: answers.digest('hex'),
    warmUp: { ...warmUpReport, duringMs: during },
  });
} else {
  const timings = await timeQuestions(questions, (question) => answerQuestion(retriever, question), hash);
  printRun({ processStart, importsDone, kbLoaded, ready, readyCpu }, timings, { answersSha256: answers.digest('hex') });
}
