import { describe, expect, it } from 'vitest';
import type { FaqEntry } from '../../../knowledge/index.js';
import { decide, DECISION_THRESHOLDS, MAX_CLARIFY_CANDIDATES, NEARBY_SHARE } from '../../../embeddings/decision/decide.js';
import type { RankedEntry, Retrieval } from '../../../embeddings/Retriever.js';

const THRESHOLDS = { minScore: 0.4, confidentScore: 0.5, clearMargin: 0.1 };

function ranked(...scores: number[]): RankedEntry[] {
  return scores.map((score, i) => ({ entry: { id: `e${i}` } as FaqEntry, score }));
}
const retrieval = (...scores: number[]): Retrieval => ({ query: 'q', ranked: ranked(...scores) });

describe('decide', () => {
  it('answers one clear winner', () => {
    const decision = decide(retrieval(0.8, 0.5), THRESHOLDS);
    expect(decision.kind).toBe('answer');
    if (decision.kind === 'answer') expect(decision.best.entry.id).toBe('e0');
  });

  it('says none below the minimum score, or with nothing ranked', () => {
    expect(decide(retrieval(0.39, 0.1), THRESHOLDS).kind).toBe('none');
    expect(decide(retrieval(), THRESHOLDS).kind).toBe('none');
  });

  it('with none, keeps as nearby the entries scoring at least NEARBY_SHARE of the minimum, at most MAX_CLARIFY_CANDIDATES', () => {
    // minScore 0.4 × 0.5 = 0.2: 0.39, 0.3, 0.25 and 0.2 qualify, 0.19 does not, and only three are kept.
    const decision = decide(retrieval(0.39, 0.3, 0.25, 0.2, 0.19), THRESHOLDS);
    expect(decision.kind).toBe('none');
    if (decision.kind === 'none') expect(decision.nearby.map((c) => c.entry.id)).toEqual(['e0', 'e1', 'e2']);
    expect(THRESHOLDS.minScore * NEARBY_SHARE).toBeCloseTo(0.2, 10);
    const weak = decide(retrieval(0.19, 0.05), THRESHOLDS);
    expect(weak.kind === 'none' && weak.nearby).toEqual([]);
    const empty = decide(retrieval(), THRESHOLDS);
    expect(empty.kind === 'none' && empty.nearby).toEqual([]);
  });

  it('asks "Vouliez-vous dire" when candidates are close, at most MAX_CLARIFY_CANDIDATES', () => {
    const decision = decide(retrieval(0.7, 0.68, 0.66, 0.65, 0.64), THRESHOLDS);
    expect(decision.kind).toBe('clarify');
    if (decision.kind === 'clarify') {
      expect(decision.candidates).toHaveLength(MAX_CLARIFY_CANDIDATES);
      expect(decision.candidates.map((c) => c.entry.id)).toEqual(['e0', 'e1', 'e2']);
    }
  });

  it('keeps candidates below the minimum out of the clarification', () => {
    const decision = decide(retrieval(0.45, 0.41, 0.3), THRESHOLDS);
    expect(decision.kind).toBe('clarify');
    if (decision.kind === 'clarify') expect(decision.candidates.map((c) => c.entry.id)).toEqual(['e0', 'e1']);
  });

  it('answers a lone candidate that is trusted but not confident', () => {
    expect(decide(retrieval(0.45, 0.2), THRESHOLDS).kind).toBe('answer');
  });

  it('uses the thresholds of the retrieval mode, lexical by default', () => {
    const { lexical, dense } = DECISION_THRESHOLDS;
    const between = (lexical.minScore + dense.minScore) / 2;
    expect(lexical.minScore).toBeLessThan(dense.minScore);
    expect(decide({ query: 'q', ranked: ranked(between) }).kind).toBe('answer');
    expect(decide({ query: 'q', ranked: ranked(between), mode: 'lexical' }).kind).toBe('answer');
    expect(decide({ query: 'q', ranked: ranked(between), mode: 'dense' }).kind).toBe('none');
  });
});
