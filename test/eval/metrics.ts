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
