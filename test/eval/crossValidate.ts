import { decideWithConfidence } from '../../embeddings/decision/decide.js';
import type { ConfidenceThresholds } from '../../embeddings/decision/confidenceModel.js';
import type { Features } from '../../embeddings/decision/features.js';
import { fitLogistic, probability, type LogisticModel } from '../../embeddings/decision/logistic.js';
import type { Retrieval } from '../../embeddings/index.js';
import { chooseThresholds, type ChosenThresholds } from './chooseThresholds.js';
import type { InScopeKind, OutOfScopeKind } from './evalSet.js';
import type { InScopeRecord, OutOfScopeRecord, SeenOutcome } from './outcomes.js';

/** One labelled question of a tuning set, ranked, with its decision features (none when nothing was ranked). */
export interface Example {
  readonly retrieval: Retrieval;
  readonly features?: Features;
  /** 1 when the question is answerable and its entry is ranked first. */
  readonly label: 0 | 1;
  /** null for an out-of-scope question. */
  readonly expectedId: string | null;
  readonly kind?: InScopeKind | OutOfScopeKind;
  /** The set the question comes from (sets are written by different writers: the cross-set figures hold one out). */
  readonly set: string;
}

const fittable = (examples: readonly Example[]) =>
  examples.flatMap((example) => (example.features ? [{ features: example.features, label: example.label }] : []));

/** The model fitted on the examples that ranked something. */
export function fitOn(examples: readonly Example[]): LogisticModel {
  return fitLogistic(fittable(examples));
}

/** P(best entry right) of each example under `model` (0 when nothing was ranked: the decision is then `none`). */
export function probabilities(model: LogisticModel, examples: readonly Example[]): number[] {
  return examples.map((example) => (example.features ? probability(model, example.features) : 0));
}

/**
 * Out-of-fold probabilities: fold f holds every `folds`-th example in order
 * (kinds and sets are interleaved by the caller's order), and each example is
 * scored by a model fitted without its fold.
 */
export function outOfFold(examples: readonly Example[], folds: number, foldOf: (i: number) => number = (i) => i % folds): number[] {
  const result = new Array<number>(examples.length).fill(0);
  for (let fold = 0; fold < folds; fold++) {
    const model = fitOn(examples.filter((_, i) => foldOf(i) !== fold));
    examples.forEach((example, i) => {
      if (foldOf(i) === fold && example.features) result[i] = probability(model, example.features);
    });
  }
  return result;
}

/**
 * Fold assignments beyond the first: a seeded shuffle (deterministic), so that
 * a change is judged on several splits, not on the luck of one.
 */
export function shuffledFolds(count: number, folds: number, seed: number): (i: number) => number {
  const order = Array.from({ length: count }, (_, i) => i);
  let state = seed >>> 0 || 1;
  const random = (): number => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  const fold = new Array<number>(count);
  order.forEach((example, position) => (fold[example] = position % folds));
  return (i) => fold[i];
}

/** Shuffled splits whose out-of-fold probabilities are averaged before thresholds are chosen. */
export const THRESHOLD_REPEATS = 10;

/**
 * Each example's out-of-fold probability averaged over `repeats` shuffled
 * splits: thresholds chosen on it depend less on how one split fell.
 */
export function pooledOutOfFold(examples: readonly Example[], folds: number, repeats = THRESHOLD_REPEATS): number[] {
  const pooled = new Array<number>(examples.length).fill(0);
  for (let repeat = 1; repeat <= repeats; repeat++) {
    outOfFold(examples, folds, shuffledFolds(examples.length, folds, repeat)).forEach((p, i) => (pooled[i] += p / repeats));
  }
  return pooled;
}

/** Thresholds chosen on the given probabilities (see chooseThresholds). */
export function thresholdsFor(examples: readonly Example[], p: readonly number[]): ChosenThresholds {
  return chooseThresholds(examples.map((example, i) => ({ p: p[i], retrieval: example.retrieval, expectedId: example.expectedId })));
}

/** What the user would see for each example, given its probability and the thresholds: the bot's own decision. */
export function seenAt(examples: readonly Example[], p: readonly number[], thresholds: ConfidenceThresholds): { inScope: InScopeRecord[]; outOfScope: OutOfScopeRecord[] } {
  const inScope: InScopeRecord[] = [];
  const outOfScope: OutOfScopeRecord[] = [];
  examples.forEach((example, i) => {
    const decision = decideWithConfidence(example.retrieval, p[i], thresholds);
    const topId = example.retrieval.ranked[0]?.entry.id;
    const ids = (list: readonly { readonly entry: { readonly id: string } }[]) => list.map((ranked) => ranked.entry.id);
    const seen: SeenOutcome =
      decision.kind === 'answer'
        ? { decision: 'answer', firstId: decision.best.entry.id, shownIds: [], topId }
        : decision.kind === 'clarify'
          ? { decision: 'clarify', firstId: decision.candidates[0]?.entry.id, shownIds: ids(decision.candidates), topId }
          : { decision: 'none', shownIds: ids(decision.nearby), topId };
    if (example.expectedId === null) outOfScope.push({ ...seen, kind: example.kind as OutOfScopeKind | undefined });
    else inScope.push({ ...seen, expectedId: example.expectedId, kind: example.kind as InScopeKind | undefined });
  });
  return { inScope, outOfScope };
}

/**
 * Held-out-set figures: for each set, the model is fitted and the thresholds
 * chosen (on pooled out-of-fold probabilities) on the OTHER sets only, then applied
 * to it. The closest the tuning data gets to a stranger's questions.
 */
export function crossSet(examples: readonly Example[], folds: number): Map<string, { inScope: InScopeRecord[]; outOfScope: OutOfScopeRecord[] }> {
  const result = new Map<string, { inScope: InScopeRecord[]; outOfScope: OutOfScopeRecord[] }>();
  const sets = [...new Set(examples.map((example) => example.set))];
  if (sets.length < 2) return result;
  for (const set of sets) {
    const train = examples.filter((example) => example.set !== set);
    const test = examples.filter((example) => example.set === set);
    const thresholds = thresholdsFor(train, pooledOutOfFold(train, folds));
    result.set(set, seenAt(test, probabilities(fitOn(train), test), thresholds));
  }
  return result;
}
