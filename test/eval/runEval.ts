/**
 * `npm run eval`: what the bot does with the labelled questions, per mode and
 * provider, as outcomes (answered right, reachable in one click, confidently
 * wrong, out of scope rejected, small talk), per set and per kind of question;
 * and HNSW recall@5 against exact search. Flags: `--verbose` lists misses,
 * `--dump FILE` writes every ranking, `--set FILE` scores that labelled set only,
 * `--tune` re-tunes the thresholds on the tuning set and writes each embedding
 * model's calibration file beside its index (what lets `auto` use the model),
 * `--record` records the held-out lexical outcomes the quality gate of `npm test`
 * compares with. By default it scores the tuning sets (TUNING_SETS: the files of
 * knowledge/data/asked/ the fit reads) and then the held-out set (`heldout-v2.yaml`,
 * written blind and never tuned on).
 *
 * Honest figures: the tuning sets are also phrasings of the KB (its asked folder),
 * so every set is scored by `withoutSet(kb, set)`, the KB without any asked
 * question equal to one of the set's (a tuning set is scored without its own file;
 * the held-out set, in no file, without the few asked questions that happen to
 * equal one of its questions).
 */
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { loadConfig } from '../../adapters/config.js';
import { loadKnowledgeBase, type KnowledgeBase } from '../../knowledge/index.js';
import { createKbRetriever, writeModelCalibration, type EmbeddingProvider, type Retriever } from '../../embeddings/index.js';
import { availableProviders } from './providers.js';
import { entriesNotAsked, HELD_OUT_SET, loadEvalSet, TUNING_SETS } from './evalSet.js';
import { percentile } from './metrics.js';
import { outcomeTable } from './outcomes.js';
import { measureRecall } from './recall.js';
import { withoutSet } from './withoutSet.js';
import { gateFigures, RECORDED_OUTCOMES_FILE } from './qualityGate.js';
import { runSet, type SetRun } from './runSet.js';
import { tuneThresholds } from './tuneThresholds.js';

const { values: args } = parseArgs({
  options: {
    verbose: { type: 'boolean', default: false },
    'lexical-only': { type: 'boolean', default: false },
    dump: { type: 'string' },
    'skip-recall': { type: 'boolean', default: false },
    tune: { type: 'boolean', default: false },
    set: { type: 'string' },
    record: { type: 'boolean', default: false },
  },
});
const config = loadConfig(process.env);
const kb = await loadKnowledgeBase(config.kbDir);
const setFiles = args.set ? [args.set] : [...TUNING_SETS, HELD_OUT_SET];
const sets = await Promise.all(setFiles.map((file) => loadEvalSet(file, kb)));
for (const [i, set] of sets.entries()) {
  const unasked = entriesNotAsked(set, kb);
  if (unasked.length > 0) {
    console.warn(`warning: no question of ${setFiles[i]} asks about ${unasked.length} KB entr${unasked.length === 1 ? 'y' : 'ies'}, whose retrieval is not measured: ${unasked.join(', ')}`);
  }
}
const providers = args['lexical-only'] ? [] : await availableProviders(config);

/** The retrievers that score one set: each built on the KB without the set's questions (withoutSet.ts). */
async function retrieversFor(scoringKb: KnowledgeBase): Promise<{ mode: string; retriever: Retriever; provider?: EmbeddingProvider }[]> {
  const retrievers: { mode: string; retriever: Retriever; provider?: EmbeddingProvider }[] = [
    { mode: 'lexical', retriever: (await createKbRetriever({ kb: scoringKb, mode: 'lexical' })).retriever },
  ];
  for (const provider of providers) {
    for (const mode of ['dense', 'hybrid'] as const) {
      const { retriever } = await createKbRetriever({ kb: scoringKb, mode, provider, indexDir: config.indexDir });
      retrievers.push({ mode: retriever.description, retriever, ...(mode === 'hybrid' && { provider }) });
    }
  }
  return retrievers;
}

const pct = (x: number) => `${(100 * x).toFixed(1)} %`;

/** The outcome rows of one run: answerable questions per kind, out of scope per kind, small talk. */
const outcomeRows = (run: SetRun) => outcomeTable(run.inScope, run.outOfScope, run.smallTalk);

const runs: { mode: string; set: string; run: SetRun; provider?: EmbeddingProvider }[] = [];
for (const [i, set] of sets.entries()) {
  const scoringKb = withoutSet(kb, set);
  const asked = scoringKb.entries.reduce((sum, entry) => sum + (entry.asked?.length ?? 0), 0);
  for (const { mode, retriever, provider } of await retrieversFor(scoringKb)) {
    const run = await runSet(retriever, set);
    runs.push({ mode, set: setFiles[i], run, provider });
    const n = `${set.inScope.length} in scope, ${set.outOfScope.length} out of scope, ${set.smallTalk?.length ?? 0} small talk`;
    const by = `KB ${kb.version.slice(0, 12)} without this set's questions: ${kb.entries.length} entries, ${asked} asked phrasings`;
    console.log(`\n${mode} on ${setFiles[i]} (${n}; ${by}): ask p50 ${percentile(run.latencies, 50).toFixed(2)} ms, p95 ${percentile(run.latencies, 95).toFixed(2)} ms`);
    if (args.verbose) for (const line of run.misses) console.log(line);
    console.table(outcomeRows(run));
  }
}

if (args.record) {
  // The quality gate's reference (test/eval/qualityGate.test.ts): the lexical outcomes on the held-out set.
  const heldOut = runs.find((r) => r.mode === 'lexical' && r.set === HELD_OUT_SET);
  if (!heldOut) throw new Error(`runEval: --record needs the lexical run on ${HELD_OUT_SET}`);
  const figures = gateFigures(heldOut.run);
  await writeFile(RECORDED_OUTCOMES_FILE, JSON.stringify({ set: HELD_OUT_SET, kb: kb.version, figures }, null, 2) + '\n');
  console.log(`\nrecorded ${Object.keys(figures).length} figures in ${RECORDED_OUTCOMES_FILE}`);
}

if (args.tune) {
  console.log(`\nThresholds tuned on ${setFiles[0]} (compare with DECISION_THRESHOLDS in embeddings/decision/decide.ts):`);
  for (const { mode, run, provider } of runs.filter((r) => r.set === setFiles[0])) {
    const best = tuneThresholds(run.labelled);
    if (!best) console.log(`  ${mode}: no thresholds reach the rejection target`);
    else {
      const t = best.thresholds;
      console.log(
        `  ${mode}: minScore ${t.minScore}, confidentScore ${t.confidentScore}, clearMargin ${t.clearMargin} → ` +
          `right answers ${pct(best.rightAnswers)}, right clarifications ${pct(best.rightClarifications)}, wrong answers ${pct(best.wrongAnswers)}, rejection ${pct(best.rejection)} (lower bound ${pct(best.rejectionLowerBound)})`,
      );
      // The model's calibration on this KB: without it, EMBEDDINGS_PROVIDER=auto never lets the model decide.
      if (provider) {
        const { rightAnswers, rightClarifications, wrongAnswers, rejection: rejected } = best;
        const file = await writeModelCalibration(config.indexDir, {
          provider: provider.name,
          model: provider.model,
          kbVersion: kb.version,
          thresholds: t,
          figures: { rightAnswers, rightClarifications, wrongAnswers, rejection: rejected },
          tunedOn: setFiles[0],
          createdAt: new Date().toISOString(),
        });
        console.log(`  ${mode}: calibration written to ${file}`);
      }
    }
  }
}

if (!args['skip-recall']) {
  for (const line of await measureRecall(kb, providers, sets[0])) console.log(line);
}
if (args.dump) {
  const lines = runs.flatMap(({ mode, run }) =>
    run.labelled.map(({ retrieval, expectedId }) =>
      JSON.stringify({ mode, q: retrieval.query, expectedId, ranked: retrieval.ranked.map((r) => [r.entry.id, +r.score.toFixed(4), +(r.dense ?? 0).toFixed(4), +(r.lexical ?? 0).toFixed(4)]) }),
    ),
  );
  await writeFile(args.dump, lines.join('\n') + '\n');
}
for (const provider of providers) await provider.dispose?.();
