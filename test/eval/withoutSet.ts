/**
 * Leave-one-set-out: the questions of the tuning sets are also phrasings of
 * the KB (its asked folder), so a set scored by the whole KB would be scored
 * by a KB that contains it. `withoutSet` gives the KB that scores a set:
 * every asked question (in scope, out of scope, small talk, of any asked file)
 * that folds (foldPhrasing) to a question of the set is removed, which removes
 * the set's own file whole and its questions other files repeat. `npm run
 * eval`, `npm run eval:fit` and the quality gate score every set, tuning and
 * held-out alike, with it; the KB's own phrasings (questions, alternates)
 * never hold an evaluation question (loadEvalSet refuses such a set).
 */
import { foldPhrasing, withAskedFiles, type KnowledgeBase } from '../../knowledge/index.js';
import type { EvalSet } from './evalSet.js';

/** Pure: the KB without any asked question equal to a question of `set` (entries' phrasings and version follow). */
export function withoutSet(kb: KnowledgeBase, set: EvalSet): KnowledgeBase {
  const questions = new Set([...set.inScope, ...set.outOfScope, ...(set.smallTalk ?? [])].map((item) => foldPhrasing(item.q)));
  const kept = <T extends { readonly q: string }>(items: readonly T[]): T[] => items.filter((item) => !questions.has(foldPhrasing(item.q)));
  const files = kb.asked
    .map((file) => ({ file: file.file, inScope: kept(file.inScope), outOfScope: kept(file.outOfScope), smallTalk: kept(file.smallTalk) }))
    .filter((file) => file.inScope.length + file.outOfScope.length + file.smallTalk.length > 0);
  return withAskedFiles(kb, files);
}
