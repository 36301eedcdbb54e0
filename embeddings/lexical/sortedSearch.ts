/** Searches in ascending Uint32Array ranges (posting lists). */

/** First position in `array[from, to)` (ascending) holding a value ≥ `value`. */
export function lowerBound(array: Uint32Array, from: number, to: number, value: number): number {
  let [low, high] = [from, to];
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (array[mid] < value) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** lowerBound from `from` by doubling steps: cheap when the target is near, as it is for entries visited in order. */
export function gallop(array: Uint32Array, from: number, to: number, value: number): number {
  if (from >= to || array[from] >= value) return from;
  let step = 1;
  let low = from;
  while (low + step < to && array[low + step] < value) {
    low += step;
    step *= 2;
  }
  return lowerBound(array, low + 1, Math.min(to, low + step + 1), value);
}
