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

/** How the fit runs: L2 penalty on the coefficients (not the intercept), gradient steps. */
export interface FitOptions {
  readonly l2: number;
  readonly iterations: number;
  readonly learningRate: number;
}

export const DEFAULT_FIT: FitOptions = { l2: 0.001, iterations: 20000, learningRate: 0.5 };

/**
 * Fits a logistic regression by full-batch gradient descent on the mean
 * log-loss plus an L2 penalty. Deterministic (starts from zero). A few hundred
 * examples and ten features: plain gradient descent converges in milliseconds.
 */
export function fitLogistic(examples: readonly { readonly features: Features; readonly label: 0 | 1 }[], options: FitOptions = DEFAULT_FIT): LogisticModel {
  if (examples.length === 0) throw new Error('fitLogistic: no examples');
  const n = FEATURE_NAMES.length;
  const w = new Array<number>(n).fill(0);
  let b = 0;
  const rows = examples.map((example) => FEATURE_NAMES.map((name) => example.features[name]));
  for (let iteration = 0; iteration < options.iterations; iteration++) {
    const gradient = new Array<number>(n).fill(0);
    let gradientB = 0;
    rows.forEach((x, i) => {
      const z = b + x.reduce((sum, value, j) => sum + w[j] * value, 0);
      const error = 1 / (1 + Math.exp(-z)) - examples[i].label;
      gradientB += error;
      for (let j = 0; j < n; j++) gradient[j] += error * x[j];
    });
    b -= (options.learningRate * gradientB) / rows.length;
    for (let j = 0; j < n; j++) w[j] -= options.learningRate * (gradient[j] / rows.length + options.l2 * w[j]);
  }
  const coefficients = Object.fromEntries(FEATURE_NAMES.map((name, j) => [name, w[j]])) as Record<FeatureName, number>;
  return { intercept: b, coefficients };
}
