import { answerQuestion, shownEntries, type Answer, type Retriever } from '../../embeddings/index.js';
import { classifyInput } from '../../bot/userInput.js';
import type { EvalSet } from './evalSet.js';
import type { InScopeRecord, OutOfScopeRecord, SeenOutcome } from './outcomes.js';
import type { LabelledRetrieval } from './tuneThresholds.js';

/** Every question of one set asked through the bot's answering path, with what the user would have seen. */
export interface SetRun {
  readonly inScope: InScopeRecord[];
  readonly outOfScope: OutOfScopeRecord[];
  readonly smallTalk: SeenOutcome[];
  /** The rankings, for threshold tuning and the score dump. */
  readonly labelled: LabelledRetrieval[];
  /** Milliseconds per question (answerQuestion, end to end). */
  readonly latencies: number[];
  /** One readable line per in-scope question not answered right, out-of-scope one answered, small talk declined. */
  readonly misses: string[];
}

/** Pure: what the user sees of an answer. */
export function seenOf(answer: Answer): SeenOutcome {
  const shownIds = shownEntries(answer).map((ranked) => ranked.entry.id);
  const topId = answer.retrieval.ranked[0]?.entry.id;
  switch (answer.kind) {
    case 'answer':
      return { decision: 'answer', firstId: answer.best.entry.id, shownIds, topId };
    case 'clarify':
      return { decision: 'clarify', firstId: answer.candidates[0]?.entry.id, shownIds, topId };
    case 'none':
      return { decision: 'none', shownIds, topId };
    case 'smallTalk':
      return { decision: 'smallTalk', shownIds, topId };
  }
}

/** Asks every question of `set` without triage facets (labelled questions are typed from scratch). */
export async function runSet(retriever: Retriever, set: EvalSet): Promise<SetRun> {
  const run: SetRun = { inScope: [], outOfScope: [], smallTalk: [], labelled: [], latencies: [], misses: [] };
  const ask = async (q: string, expectedId: string | null): Promise<{ answer: Answer; seen: SeenOutcome }> => {
    const start = performance.now();
    const answer = await answerQuestion(retriever, q);
    run.latencies.push(performance.now() - start);
    run.labelled.push({ retrieval: answer.retrieval, expectedId });
    return { answer, seen: seenOf(answer) };
  };
  const describe = (answer: Answer): string =>
    `${answer.kind} → ${answer.retrieval.ranked.slice(0, 3).map((r) => `${r.entry.id} ${r.score.toFixed(3)}`).join(', ')}`;
  for (const item of set.inScope) {
    const { answer, seen } = await ask(item.q, item.id);
    const record = { ...seen, expectedId: item.id, kind: item.kind };
    run.inScope.push(record);
    if (!(seen.firstId === item.id && seen.decision !== 'none')) run.misses.push(`  miss [${item.kind ?? '-'}] "${item.q}" want ${item.id}: ${describe(answer)}`);
  }
  for (const item of set.outOfScope) {
    const { answer, seen } = await ask(item.q, null);
    run.outOfScope.push({ ...seen, kind: item.kind });
    if (seen.decision !== 'none') run.misses.push(`  accepted OOS [${item.kind ?? '-'}] "${item.q}": ${describe(answer)}`);
  }
  for (const item of set.smallTalk ?? []) {
    // Commands (« aide », « menu ») and messages without words are answered by the bot's input routing, before any search.
    if (classifyInput(item.q, undefined).kind !== 'text') {
      run.smallTalk.push({ decision: 'smallTalk', shownIds: [] });
      continue;
    }
    const { answer, seen } = await ask(item.q, null);
    run.smallTalk.push(seen);
    if (seen.decision !== 'smallTalk') run.misses.push(`  small talk not recognised "${item.q}": ${describe(answer)}`);
  }
  return run;
}
