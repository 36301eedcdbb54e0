/**
 * One run of the bot's own retrieval on a KB folder, in its own process so its
 * peak RSS is its own: KB load and validation, retriever ready (lexical index
 * built, or loaded from `indexDir` when persisted), then every question once
 * through `answerQuestion`. Prints one JSON line (see ScaleRun in scaleReport.ts).
 * Usage: tsx test/bench/scale/faqRun.ts <kbDir> <indexDir> <questionsFile>
 */
import { readFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { printRun, timeQuestions } from './timedQuestions.js';

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
const answers = createHash('sha256');
const timings = await timeQuestions(
  questions,
  (question) => answerQuestion(retriever, question),
  (answer) => answers.update(`${answer.kind}:${answer.retrieval.ranked.map((r) => `${r.entry.id}=${r.score.toFixed(9)}`).join(',')}\n`),
);
printRun({ processStart, importsDone, kbLoaded, ready, readyCpu }, timings, { answersSha256: answers.digest('hex') });
