/**
 * `npm run eval`: retrieval quality on the labelled set, per mode and provider,
 * and HNSW recall@5 against exact search. Flags: `--verbose` lists misses,
 * `--dump FILE` writes every score (for threshold tuning), `--set FILE` scores
 * that labelled set only. By default it scores the tuning set
 * (`questions.yaml`, which thresholds and weights were tuned on) and then the
 * held-out set (`heldout.yaml`, written blind and never tuned on).
 */
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { loadConfig } from '../../adapters/config.js';
import { loadKnowledgeBase } from '../../knowledge/index.js';
import { answerQuestion, createKbRetriever, type Answer, type Retriever } from '../../embeddings/index.js';
import { availableProviders } from './providers.js';
import { entriesNotAsked, loadEvalSet, type EvalSet } from './evalSet.js';
import { computeMetrics, percentile, type InScopeOutcome, type ModeMetrics } from './metrics.js';
import { measureRecall } from './recall.js';
import { tuneThresholds, type LabelledRetrieval } from './tuneThresholds.js';

const { values: args } = parseArgs({
  options: { verbose: { type: 'boolean', default: false }, 'lexical-only': { type: 'boolean', default: false }, dump: { type: 'string' }, 'skip-recall': { type: 'boolean', default: false }, tune: { type: 'boolean', default: false }, set: { type: 'string' } },
});
const config = loadConfig(process.env);
const kb = await loadKnowledgeBase(config.kbDir);
const TUNING_SET = 'test/eval/questions.yaml';
const HELD_OUT_SET = 'test/eval/heldout.yaml';
const setFiles = args.set ? [args.set] : [TUNING_SET, HELD_OUT_SET];
const sets = await Promise.all(setFiles.map((file) => loadEvalSet(file, kb)));
for (const [i, set] of sets.entries()) {
  const unasked = entriesNotAsked(set, kb);
  if (unasked.length > 0) {
    console.warn(`warning: no question of ${setFiles[i]} asks about ${unasked.length} KB entr${unasked.length === 1 ? 'y' : 'ies'}, whose retrieval is not measured: ${unasked.join(', ')}`);
  }
}
const providers = args['lexical-only'] ? [] : await availableProviders(config);
const dump: unknown[] = [];

interface Row {
  readonly mode: string;
  readonly labelled: readonly LabelledRetrieval[];
  readonly metrics: ModeMetrics;
  readonly p50: number;
  readonly p95: number;
}

async function evaluate(mode: string, retriever: Retriever, evalSet: EvalSet): Promise<Row> {
  const latencies: number[] = [];
  const labelled: LabelledRetrieval[] = [];
  const run = async (q: string, expectedId: string | null) => {
    const start = performance.now();
    // The bot's own answering path, without triage facets (the labelled questions are typed from scratch).
    const answer = await answerQuestion(retriever, q);
    latencies.push(performance.now() - start);
    const { retrieval } = answer;
    labelled.push({ retrieval, expectedId });
    dump.push({ mode, q, ranked: retrieval.ranked.map((r) => [r.entry.id, +r.score.toFixed(4), +(r.dense ?? 0).toFixed(4), +(r.lexical ?? 0).toFixed(4)]) });
    return { retrieval, decision: answer };
  };
  const inScope: InScopeOutcome[] = [];
  for (const item of evalSet.inScope) {
    const { retrieval, decision } = await run(item.q, item.id);
    const rankedIds = retrieval.ranked.map((r) => r.entry.id);
    const nearbyIds = decision.kind === 'none' ? decision.nearby.map((r) => r.entry.id) : [];
    inScope.push({ expectedId: item.id, rankedIds, decision: decision.kind, nearbyIds });
    if (args.verbose && (rankedIds[0] !== item.id || decision.kind === 'none')) {
      console.log(`  [${mode}] miss: "${item.q}" → ${rankedIds.slice(0, 3).join(', ')} (${decision.kind}; want ${item.id})`);
    }
  }
  const outOfScope: Answer['kind'][] = [];
  for (const item of evalSet.outOfScope) {
    const { retrieval, decision } = await run(item.q, null);
    outOfScope.push(decision.kind);
    if (args.verbose && decision.kind !== 'none') {
      console.log(`  [${mode}] accepted OOS: "${item.q}" → ${retrieval.ranked[0]?.entry.id} ${retrieval.ranked[0]?.score.toFixed(3)} (${decision.kind})`);
    }
  }
  return { mode, labelled, metrics: computeMetrics(inScope, outOfScope), p50: percentile(latencies, 50), p95: percentile(latencies, 95) };
}

const retrievers: { mode: string; retriever: Retriever }[] = [{ mode: 'lexical', retriever: (await createKbRetriever({ kb, mode: 'lexical' })).retriever }];
for (const provider of providers) {
  for (const mode of ['dense', 'hybrid'] as const) {
    const { retriever } = await createKbRetriever({ kb, mode, provider, indexDir: config.indexDir });
    retrievers.push({ mode: retriever.description, retriever });
  }
}

const pct = (x: number) => `${(100 * x).toFixed(1)} %`;
const rowsBySet: Row[][] = [];
for (const [i, set] of sets.entries()) {
  // The header comes first so that --verbose misses print under the set they belong to.
  console.log(`\nKB ${kb.version.slice(0, 12)}: ${kb.entries.length} entries; eval set ${setFiles[i]}: ${set.inScope.length} in scope, ${set.outOfScope.length} out of scope\n`);
  const rows: Row[] = [];
  for (const { mode, retriever } of retrievers) rows.push(await evaluate(mode, retriever, set));
  rowsBySet.push(rows);
  console.table(
    Object.fromEntries(
      rows.map((r) => [
        r.mode,
        {
          'top-1': pct(r.metrics.top1),
          'MRR@5': r.metrics.mrr5.toFixed(3),
          'answered right': pct(r.metrics.answeredCorrectly),
          'declined, shown nearby': pct(r.metrics.declinedButShown),
          'OOS rejected': pct(r.metrics.rejection),
          'p50 ms': r.p50.toFixed(2),
          'p95 ms': r.p95.toFixed(2),
        },
      ]),
    ),
  );
}
const rows = rowsBySet[0];
const set = sets[0];

if (args.tune) {
  console.log(`\nThresholds tuned on ${setFiles[0]} (compare with DECISION_THRESHOLDS in embeddings/decide.ts):`);
  for (const row of rows) {
    const best = tuneThresholds(row.labelled);
    if (!best) console.log(`  ${row.mode}: no thresholds reach the rejection target`);
    else {
      const t = best.thresholds;
      console.log(
        `  ${row.mode}: minScore ${t.minScore}, confidentScore ${t.confidentScore}, clearMargin ${t.clearMargin} → ` +
          `right answers ${pct(best.rightAnswers)}, right clarifications ${pct(best.rightClarifications)}, wrong answers ${pct(best.wrongAnswers)}, rejection ${pct(best.rejection)} (lower bound ${pct(best.rejectionLowerBound)})`,
      );
    }
  }
}

if (!args['skip-recall']) {
  for (const line of await measureRecall(kb, providers, set)) console.log(line);
}
if (args.dump) await writeFile(args.dump, dump.map((d) => JSON.stringify(d)).join('\n') + '\n');
for (const provider of providers) await provider.dispose?.();
