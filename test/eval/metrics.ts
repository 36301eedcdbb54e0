import type { Decision } from '../../embeddings/index.js';

/** One in-scope question's outcome. */
export interface InScopeOutcome {
  readonly expectedId: string;
  /** Entry ids in rank order. */
  readonly rankedIds: readonly string[];
  readonly decision: Decision['kind'];
  /** With a `none` decision, the entries offered as nearby questions. */
  readonly nearbyIds?: readonly string[];
}

export interface ModeMetrics {
  /** Best-ranked entry is the labelled one. */
  readonly top1: number;
  /** Mean reciprocal rank over the first 5 results. */
  readonly mrr5: number;
  /** Decision is not `none` and the best entry (the answer or first clarify candidate) is the labelled one. */
  readonly answeredCorrectly: number;
  /** Decision is `none` but the labelled entry is among the nearby questions shown (one click away). */
  readonly declinedButShown: number;
  /** Out-of-scope questions decided `none`. */
  readonly rejection: number;
  readonly inScope: number;
  readonly outOfScope: number;
}

const MRR_DEPTH = 5;

/** Pure: aggregates outcomes into the figures the eval prints. */
export function computeMetrics(inScope: readonly InScopeOutcome[], outOfScopeDecisions: readonly Decision['kind'][]): ModeMetrics {
  let top1 = 0;
  let rr = 0;
  let answered = 0;
  let shown = 0;
  for (const outcome of inScope) {
    const rank = outcome.rankedIds.slice(0, MRR_DEPTH).indexOf(outcome.expectedId);
    if (rank === 0) top1 += 1;
    if (rank >= 0) rr += 1 / (rank + 1);
    if (rank === 0 && outcome.decision !== 'none') answered += 1;
    if (outcome.decision === 'none' && outcome.nearbyIds?.includes(outcome.expectedId)) shown += 1;
  }
  const rejected = outOfScopeDecisions.filter((kind) => kind === 'none').length;
  const ratio = (n: number, total: number): number => (total === 0 ? 0 : n / total);
  return {
    top1: ratio(top1, inScope.length),
    mrr5: ratio(rr, inScope.length),
    answeredCorrectly: ratio(answered, inScope.length),
    declinedButShown: ratio(shown, inScope.length),
    rejection: ratio(rejected, outOfScopeDecisions.length),
    inScope: inScope.length,
    outOfScope: outOfScopeDecisions.length,
  };
}

/** Nearest-rank percentile of a sample (p in [0, 100]). */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1];
}

/** Fraction of the exact top-k labels that the approximate search also returned, averaged over queries. */
export function recallAtK(exact: readonly (readonly number[])[], approx: readonly (readonly number[])[]): number {
  if (exact.length !== approx.length) throw new Error('recallAtK: query counts differ');
  if (exact.length === 0) return Number.NaN;
  let total = 0;
  exact.forEach((truth, i) => {
    const found = new Set(approx[i]);
    total += truth.length === 0 ? 1 : truth.filter((label) => found.has(label)).length / truth.length;
  });
  return total / exact.length;
}
