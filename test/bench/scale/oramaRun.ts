/**
 * The anchor of the scale benchmark: Orama 3 (BM25, French tokenizer, stemmer
 * and stop words from the Orama packages) on the same KB folder and questions,
 * in its own process. One document per entry: its question, its alternates and
 * its answer as three searched fields. `build` inserts every entry and saves
 * Orama's state to `stateFile`; `load` restores it (Orama's own save/load), the
 * persisted cold start. The KB is read through the same loader (validation
 * included) so both engines start from the same entries.
 * Usage: tsx test/bench/scale/oramaRun.ts <build|load> <kbDir> <stateFile> <questionsFile>
 */
import { readFile, writeFile } from 'node:fs/promises';
import { printRun, timeQuestions } from './timedQuestions.js';

const processStart = performance.now();
const { create, insertMultiple, load, save, search } = await import('@orama/orama');
const { stemmer, language } = await import('@orama/stemmers/french');
const { stopwords } = await import('@orama/stopwords/french');
const { loadKnowledgeBase } = await import('../../../knowledge/index.js');
const importsDone = performance.now();
const importsCpu = process.cpuUsage();

const [phase, kbDir, stateFile, questionsFile] = process.argv.slice(2);
const questions = JSON.parse(await readFile(questionsFile, 'utf8')) as string[];
const kb = await loadKnowledgeBase(kbDir);
const kbLoaded = performance.now();

const schema = { id: 'string', question: 'string', alternates: 'string', answer: 'string' } as const;
const db = create({ schema, components: { tokenizer: { language, stemming: true, stemmer, stopWords: stopwords } } });
if (phase === 'build') {
  await insertMultiple(
    db,
    kb.entries.map((entry) => ({ id: entry.id, question: entry.question, alternates: entry.alternates.join('\n'), answer: entry.answer })),
    1000,
  );
  await writeFile(stateFile, JSON.stringify(save(db)));
} else {
  load(db, JSON.parse(await readFile(stateFile, 'utf8')) as Parameters<typeof load>[1]);
}
const ready = performance.now();
const readyCpu = process.cpuUsage(importsCpu);
const timings = await timeQuestions(questions, (term) => search(db, { term, limit: 5 }));
printRun({ processStart, importsDone, kbLoaded, ready, readyCpu }, timings);
