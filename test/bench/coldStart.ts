/**
 * One cold start, in its own process: KB load, then retriever ready (model
 * load, then index load or build). Prints one JSON line; run by runBench.ts.
 * Usage: tsx test/bench/coldStart.ts <lexical|hybrid> <indexDir>
 */
const processStart = performance.now();
const { loadKnowledgeBase } = await import('../../knowledge/index.js');
const { answerQuestion, createKbRetriever, UseEmbeddingProvider } = await import('../../embeddings/index.js');
const importsDone = performance.now();

const [mode = 'lexical', indexDir = 'data/bench-index'] = process.argv.slice(2);
const kb = await loadKnowledgeBase('knowledge/data');
const kbLoaded = performance.now();
const provider = mode === 'hybrid' ? await UseEmbeddingProvider.create() : undefined;
const modelLoaded = performance.now();
const { retriever, index } = await createKbRetriever({ kb, mode: mode === 'hybrid' ? 'hybrid' : 'lexical', provider, indexDir });
const ready = performance.now();
await answerQuestion(retriever, 'Le référencement est-il obligatoire ?');
const firstAnswer = performance.now();

console.log(
  JSON.stringify({
    mode,
    importsMs: importsDone - processStart,
    kbLoadMs: kbLoaded - importsDone,
    modelLoadMs: modelLoaded - kbLoaded,
    indexMs: ready - modelLoaded,
    indexState: index ? (index.rebuilt ? 'rebuilt' : 'loaded') : 'in-memory',
    firstAnswerMs: firstAnswer - ready,
    maxRssMiB: process.resourceUsage().maxRSS / 1024,
  }),
);
await provider?.dispose?.();
