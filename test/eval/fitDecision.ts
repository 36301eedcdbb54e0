/**
 * `npm run eval:fit`: fits the calibrated decision of the lexical mode on the
 * tuning sets ONLY (TUNING_SETS: tuning-v2.yaml to tuning-v8.yaml of
 * knowledge/data/asked/; the held-out set is never read here). The tuning
 * sets are also phrasings of the KB, so each set's questions are ranked by
 * `withoutSet(kb, set)`, the KB without them (leave-one-set-out): the features
 * are those a question nobody labelled yet would get. A logistic regression over the decision features predicts whether the
 * best-ranked entry is the right answer (in-scope question and right entry: 1;
 * wrong entry or out-of-scope question: 0). Five-fold cross-validation gives
 * every question a probability from a model that never saw it (averaged over
 * ten shuffled splits); the answer and clarify thresholds are chosen on those
 * out-of-fold probabilities, and the cross-set figures fit on one tuning set
 * and score the other. It prints
 * the constants, and with `--write` writes embeddings/decision/confidenceModel.ts
 * (`--debug` lists every question with its probability and features).
 */
import { writeFile } from 'node:fs/promises';
import { loadKnowledgeBase } from '../../knowledge/index.js';
import { createKbRetriever } from '../../embeddings/index.js';
import { decisionFeatures, FEATURE_NAMES } from '../../embeddings/decision/features.js';
import { DEFAULT_FIT } from '../../embeddings/decision/logistic.js';
import { SEARCH_K } from '../../embeddings/decision/answerQuestion.js';
import { loadEvalSet, TUNING_SETS } from './evalSet.js';
import { crossSet, fitOn, outOfFold, pooledOutOfFold, seenAt, shuffledFolds, THRESHOLD_REPEATS, thresholdsFor, type Example } from './crossValidate.js';
import { inScopeOutcomes, rejection } from './outcomes.js';
import { outcomeTable } from './outcomes.js';
import { withoutSet } from './withoutSet.js';

const FOLDS = 5;
const MODEL_FILE = 'embeddings/decision/confidenceModel.ts';

const kb = await loadKnowledgeBase('knowledge/data');

const examples: Example[] = [];
for (const file of TUNING_SETS) {
  const set = await loadEvalSet(file, kb);
  const { retriever } = await createKbRetriever({ kb: withoutSet(kb, set), mode: 'lexical' });
  const questions = [...set.inScope.map((item) => ({ q: item.q, id: item.id, kind: item.kind })), ...set.outOfScope.map((item) => ({ q: item.q, id: null, kind: item.kind }))];
  for (const { q, id, kind } of questions) {
    const retrieval = (await retriever.score(q)).rank({ k: SEARCH_K });
    const features = decisionFeatures(retrieval);
    const label = id !== null && retrieval.ranked[0]?.entry.id === id ? 1 : 0;
    examples.push({ retrieval, ...(features && { features }), label, expectedId: id, ...(kind && { kind }), set: file });
  }
}
const unranked = examples.filter((example) => !example.features).length;

// Thresholds are chosen on each question's out-of-fold probability averaged over several shuffled splits.
const outOfFoldP = pooledOutOfFold(examples, FOLDS);
const thresholds = thresholdsFor(examples, outOfFoldP);
const ranked = examples.map((example, i) => ({ example, p: outOfFoldP[i] })).filter(({ example }) => example.features);
const logLoss = -ranked.reduce((sum, { example, p }) => sum + Math.log(example.label === 1 ? p : 1 - p), 0) / ranked.length;
console.log(`${examples.length} questions of ${TUNING_SETS.join(' + ')}, each ranked by the KB without its set's questions (${unranked} ranked nothing and are declined without the model); out-of-fold log-loss ${logLoss.toFixed(3)}`);
// Calibration: mean predicted probability against the observed share of right top-1, by decile of probability.
for (let bin = 0; bin < 10; bin++) {
  const members = ranked.filter(({ p }) => Math.min(9, Math.floor(p * 10)) === bin);
  if (members.length === 0) continue;
  const mean = members.reduce((s, { p }) => s + p, 0) / members.length;
  console.log(`  p in [${(bin / 10).toFixed(1)}, ${((bin + 1) / 10).toFixed(1)}): ${members.length} questions, mean p ${mean.toFixed(2)}, right ${(members.filter(({ example }) => example.label === 1).length / members.length).toFixed(2)}`);
}
console.log(`\n${FOLDS}-fold cross-validated outcomes (probabilities pooled over ${THRESHOLD_REPEATS} shuffled splits) at the chosen thresholds (answer ${thresholds.answer}, clarify ${thresholds.clarify}):`, thresholds.summary);
const cv = seenAt(examples, outOfFoldP, thresholds);
console.table(outcomeTable(cv.inScope, cv.outOfScope));
// Repeated cross-validation over shuffled folds: the mean of each figure, steadier than one split.
const REPEATS = THRESHOLD_REPEATS;
const totals = { answeredRight: 0, oneClick: 0, confidentlyWrong: 0, rejected: 0, near: 0 };
for (let repeat = 1; repeat <= REPEATS; repeat++) {
  const p = outOfFold(examples, FOLDS, shuffledFolds(examples.length, FOLDS, 100 + repeat));
  const seen = seenAt(examples, p, thresholdsFor(examples, p));
  const o = inScopeOutcomes(seen.inScope);
  totals.answeredRight += o.answeredRight / REPEATS;
  totals.oneClick += o.oneClick / REPEATS;
  totals.confidentlyWrong += o.confidentlyWrong / REPEATS;
  totals.rejected += rejection(seen.outOfScope).rejected / REPEATS;
  totals.near += rejection(seen.outOfScope.filter((r) => r.kind === 'near')).rejected / REPEATS;
}
const mean = Object.entries(totals).map(([name, value]) => `${name} ${(100 * value).toFixed(1)} %`).join(', ');
console.log(`\nMean over ${REPEATS} shuffled ${FOLDS}-fold cross-validations: ${mean}`);
for (const [set, seen] of crossSet(examples, FOLDS)) {
  console.log(`\nCross-set: ${set} decided by a model and thresholds fitted on the other tuning sets only:`);
  console.table(outcomeTable(seen.inScope, seen.outOfScope));
}

const model = fitOn(examples);
const fmt = (x: number) => x.toFixed(4);
const pctOf = (key: string) => thresholds.summary[key];
const source = `/**
 * The calibrated decision of the lexical mode. GENERATED by \`npm run eval:fit\`
 * (test/eval/fitDecision.ts) from ${TUNING_SETS.join(' and ')} only, each set
 * ranked by the KB without its questions (test/eval/withoutSet.ts): do not edit
 * by hand, re-run the fit after changing the features, the analyser or the KB.
 *
 * A logistic regression (L2 ${DEFAULT_FIT.l2}) over the features of
 * embeddings/decision/features.ts gives the probability that the best-ranked
 * entry is the right answer. The thresholds were chosen on ${FOLDS}-fold
 * cross-validated probabilities (each question scored by models that never saw
 * it, averaged over ${THRESHOLD_REPEATS} shuffled splits): answered right ${pctOf('answered right')} (directly ${pctOf('answered directly, right')}),
 * confidently wrong ${pctOf('confidently wrong')}, out of scope rejected ${pctOf('OOS rejected')} on those sets.
 */
import type { LogisticModel } from './logistic.js';

/** Probability thresholds: answer at or above \`answer\`, ask « Vouliez-vous dire… » at or above \`clarify\`, else no answer. */
export interface ConfidenceThresholds {
  readonly answer: number;
  readonly clarify: number;
}

export const LEXICAL_CONFIDENCE_MODEL: LogisticModel = {
  intercept: ${fmt(model.intercept)},
  coefficients: {
${FEATURE_NAMES.map((name) => `    ${name}: ${fmt(model.coefficients[name])},`).join('\n')}
  },
};

export const LEXICAL_CONFIDENCE_THRESHOLDS: ConfidenceThresholds = { answer: ${thresholds.answer}, clarify: ${thresholds.clarify} };
`;
if (process.argv.includes('--write')) {
  await writeFile(MODEL_FILE, source);
  console.log(`\nwrote ${MODEL_FILE}`);
} else {
  console.log(`\n${source}\n(not written: add --write to update ${MODEL_FILE})`);
}
if (process.argv.includes('--debug')) {
  const rows = ranked.map(({ example, p }) => ({ p, e: example })).sort((a, b) => b.p - a.p);
  for (const { p, e } of rows) {
    const top = e.retrieval.ranked[0];
    const f = e.features;
    if (!f) continue;
    console.log(`${p.toFixed(2)} ${e.expectedId === null ? 'OOS ' : e.label ? 'OK  ' : 'BAD '} ${FEATURE_NAMES.map((n) => f[n].toFixed(2)).join(' ')} | ${e.retrieval.query.slice(0, 90)} → ${top?.entry.id}`);
  }
}
