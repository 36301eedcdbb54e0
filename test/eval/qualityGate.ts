import { IN_SCOPE_KINDS, OUT_OF_SCOPE_KINDS } from './evalSet.js';
import { byKind, inScopeOutcomes, rejection, smallTalkOutcomes } from './outcomes.js';
import type { SetRun } from './runSet.js';

/** Where the held-out set's lexical outcomes are recorded (`npm run eval -- --record` writes it). */
export const RECORDED_OUTCOMES_FILE = 'test/eval/heldout-v2.outcomes.json';
/** A figure may drop by at most this much (in points of percentage) before the gate fails. */
export const MAX_DROP_POINTS = 2;

/** One recorded figure: its share in [0, 1] and whether higher is better. */
export interface GateFigure {
  readonly value: number;
  readonly higherIsBetter: boolean;
}

/** Pure: the outcome figures the gate watches, named "group: figure". */
export function gateFigures(run: SetRun): Record<string, GateFigure> {
  const figures: Record<string, GateFigure> = {};
  const round = (x: number): number => Number(x.toFixed(4));
  for (const [kind, records] of byKind(run.inScope, IN_SCOPE_KINDS)) {
    const o = inScopeOutcomes(records);
    figures[`in scope ${kind}: answered right`] = { value: round(o.answeredRight), higherIsBetter: true };
    figures[`in scope ${kind}: one click`] = { value: round(o.oneClick), higherIsBetter: true };
    figures[`in scope ${kind}: confidently wrong`] = { value: round(o.confidentlyWrong), higherIsBetter: false };
  }
  for (const [kind, records] of byKind(run.outOfScope, OUT_OF_SCOPE_KINDS)) {
    figures[`out of scope ${kind}: rejected`] = { value: round(rejection(records).rejected), higherIsBetter: true };
  }
  const talk = smallTalkOutcomes(run.smallTalk);
  if (talk.n > 0) figures['small talk: kind reply'] = { value: round(talk.handled / talk.n), higherIsBetter: true };
  return figures;
}

/** Pure: every figure that got worse than recorded by more than MAX_DROP_POINTS, or disappeared, as readable lines. */
export function regressions(recorded: Readonly<Record<string, GateFigure>>, measured: Readonly<Record<string, GateFigure>>): string[] {
  const problems: string[] = [];
  for (const [name, before] of Object.entries(recorded)) {
    const now = measured[name];
    if (!now) {
      problems.push(`${name}: no longer measured`);
      continue;
    }
    const drop = 100 * (before.higherIsBetter ? before.value - now.value : now.value - before.value);
    if (drop > MAX_DROP_POINTS + 1e-9) {
      problems.push(`${name}: ${(100 * before.value).toFixed(1)} % recorded, ${(100 * now.value).toFixed(1)} % now (${drop.toFixed(1)} points worse)`);
    }
  }
  return problems;
}
