/**
 * The quality gate: the lexical outcomes on the blind held-out set are
 * recorded in test/eval/heldout-v2.outcomes.json, and no figure may get worse
 * by more than MAX_DROP_POINTS. After an intended change, re-record them with
 * `npm run eval -- --record` and commit the file with the change. As in
 * `npm run eval`, the set is scored by the KB without any asked question equal
 * to one of its questions (withoutSet.ts).
 */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { createKbRetriever } from '../../embeddings/index.js';
import { loadRealKnowledgeBase, REPO_ROOT } from '../fixtures/kb.js';
import { HELD_OUT_SET, loadEvalSet } from './evalSet.js';
import { gateFigures, MAX_DROP_POINTS, RECORDED_OUTCOMES_FILE, regressions, type GateFigure } from './qualityGate.js';
import { runSet } from './runSet.js';
import { withoutSet } from './withoutSet.js';

describe('quality gate', () => {
  it(`no lexical outcome on the held-out set drops by more than ${MAX_DROP_POINTS} points`, async () => {
    const kb = await loadRealKnowledgeBase();
    const set = await loadEvalSet(`${REPO_ROOT}/${HELD_OUT_SET}`, kb);
    const { retriever } = await createKbRetriever({ kb: withoutSet(kb, set), mode: 'lexical' });
    const run = await runSet(retriever, set);
    const recorded = JSON.parse(await readFile(`${REPO_ROOT}/${RECORDED_OUTCOMES_FILE}`, 'utf8')) as { figures: Record<string, GateFigure> };
    expect(Object.keys(recorded.figures).length).toBeGreaterThan(10);
    expect(regressions(recorded.figures, gateFigures(run))).toEqual([]);
  }, 60_000);

  it('regressions names a figure that dropped, one that rose where lower is better, and one that vanished', () => {
    const recorded = {
      a: { value: 0.9, higherIsBetter: true },
      b: { value: 0.01, higherIsBetter: false },
      c: { value: 0.5, higherIsBetter: true },
      d: { value: 0.5, higherIsBetter: true },
    };
    const measured = { a: { value: 0.85, higherIsBetter: true }, b: { value: 0.05, higherIsBetter: false }, d: { value: 0.49, higherIsBetter: true } };
    expect(regressions(recorded, measured)).toEqual([
      'a: 90.0 % recorded, 85.0 % now (5.0 points worse)',
      'b: 1.0 % recorded, 5.0 % now (4.0 points worse)',
      'c: no longer measured',
    ]);
  });
});
