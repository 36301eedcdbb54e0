import { FEATURE_NAMES, type FeatureName, type Features } from './features.js';

/** A logistic model over the decision features: P(right) = σ(intercept + Σ coefficient × feature). */
export interface LogisticModel {
  readonly intercept: number;
  readonly coefficients: Readonly<Record<FeatureName, number>>;
}

/** Pure: the model's probability for one feature vector. */
export function probability(model: LogisticModel, features: Features): number {
  let z = model.intercept;
  for (const name of FEATURE_NAMES) z += model.coefficients[name] * features[name];
  return 1 / (1 + Math.exp(-z));
}

/** How the fit runs: L2 penalty on the coefficients (not the intercept), Newton steps until they stop moving. */
export interface FitOptions {
  readonly l2: number;
  readonly maxIterations: number;
  /** The fit stops when no parameter moves by more than this in one step. */
  readonly tolerance: number;
}

export const DEFAULT_FIT: FitOptions = { l2: 0.001, maxIterations: 100, tolerance: 1e-9 };

const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));

/** Mean log-loss plus the L2 penalty: what the fit minimises. Parameters are [intercept, ...coefficients]. */
function objective(rows: readonly number[][], labels: readonly number[], theta: readonly number[], l2: number): number {
  let loss = 0;
  rows.forEach((x, i) => {
    const z = theta[0] + x.reduce((sum, value, j) => sum + theta[j + 1] * value, 0);
    // log(1 + e^z) − y·z, written to stay finite for large |z|.
    loss += Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z))) - labels[i] * z;
  });
  return loss / rows.length + (l2 / 2) * theta.slice(1).reduce((sum, w) => sum + w * w, 0);
}

/** Solves A·x = b (A symmetric positive definite, small) by Gaussian elimination with partial pivoting. */
function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(m[r][col]) > Math.abs(m[pivot][col])) pivot = r;
    [m[col], m[pivot]] = [m[pivot], m[col]];
    const diagonal = m[col][col] || 1e-12;
    for (let r = col + 1; r < n; r++) {
      const factor = m[r][col] / diagonal;
      for (let c = col; c <= n; c++) m[r][c] -= factor * m[col][c];
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let sum = m[r][n];
    for (let c = r + 1; c < n; c++) sum -= m[r][c] * x[c];
    x[r] = sum / (m[r][r] || 1e-12);
  }
  return x;
}

/**
 * Fits a logistic regression on the mean log-loss plus an L2 penalty by
 * Newton's method with step halving: the objective is strictly convex, so it
 * converges to the same optimum gradient descent creeps towards, in a few
 * dozen steps instead of tens of thousands (the cross-validation fits the
 * model some two hundred times). Deterministic (starts from zero).
 */
export function fitLogistic(examples: readonly { readonly features: Features; readonly label: 0 | 1 }[], options: FitOptions = DEFAULT_FIT): LogisticModel {
  if (examples.length === 0) throw new Error('fitLogistic: no examples');
  const n = FEATURE_NAMES.length + 1;
  const rows = examples.map((example) => FEATURE_NAMES.map((name) => example.features[name]));
  const labels = examples.map((example) => example.label);
  let theta = new Array<number>(n).fill(0);
  let current = objective(rows, labels, theta, options.l2);
  for (let iteration = 0; iteration < options.maxIterations; iteration++) {
    const gradient = new Array<number>(n).fill(0);
    const hessian = Array.from({ length: n }, () => new Array<number>(n).fill(0));
    rows.forEach((x, i) => {
      const xi = [1, ...x];
      const p = sigmoid(xi.reduce((sum, value, j) => sum + theta[j] * value, 0));
      const weight = p * (1 - p);
      for (let j = 0; j < n; j++) {
        gradient[j] += ((p - labels[i]) * xi[j]) / rows.length;
        for (let k = j; k < n; k++) hessian[j][k] += (weight * xi[j] * xi[k]) / rows.length;
      }
    });
    for (let j = 0; j < n; j++) for (let k = 0; k < j; k++) hessian[j][k] = hessian[k][j];
    for (let j = 1; j < n; j++) {
      gradient[j] += options.l2 * theta[j];
      hessian[j][j] += options.l2;
    }
    const step = solve(hessian, gradient);
    let scale = 1;
    let next = theta.map((value, j) => value - step[j]);
    let value = objective(rows, labels, next, options.l2);
    while (value > current && scale > 1e-6) {
      scale /= 2;
      next = theta.map((v, j) => v - scale * step[j]);
      value = objective(rows, labels, next, options.l2);
    }
    const moved = Math.max(...step.map((s) => Math.abs(scale * s)));
    theta = next;
    current = value;
    if (moved < options.tolerance) break;
  }
  const coefficients = Object.fromEntries(FEATURE_NAMES.map((name, j) => [name, theta[j + 1]])) as Record<FeatureName, number>;
  return { intercept: theta[0], coefficients };
}
