/** « Réponses »: per entry, how it fares and what it gets confused with. Pure. */
import type { EntryCounts, LoggedQuestion, PickCount } from '../../bot/index.js';
import type { FaqEntry } from '../../knowledge/index.js';

export interface EntryReport {
  readonly entry: Pick<FaqEntry, 'id' | 'question' | 'reviewed'>;
  readonly counts: EntryCounts;
  /** Days since `reviewed`; undefined when the entry has no review date. */
  readonly reviewedDaysAgo?: number;
  /** Entries offered next to this one when a user had to choose, most frequent first. */
  readonly confusedWith: { readonly id: string; readonly times: number }[];
  /** Latest comments on votes for this entry. */
  readonly comments: string[];
}

/** Confusions listed per entry, and comments shown per entry. */
export const MAX_CONFUSIONS = 3;
export const MAX_COMMENTS = 5;

/** Questions with a comment read for the page (the newest): comments shown are the latest ones. */
export const MAX_COMMENTED_QUESTIONS = 500;

/**
 * Every KB entry (shown or not) with its counts. Two entries are confused when
 * they were offered together (« Vouliez-vous dire… », triage lists) and one of
 * them was picked (`picks`, from the store's `pickCounts`, counted both ways);
 * `commented` are the questions whose votes got a comment, newest first.
 */
export function entryReports(
  entries: readonly FaqEntry[], counts: readonly EntryCounts[], picks: readonly PickCount[], commented: readonly LoggedQuestion[], today: Date,
): EntryReport[] {
  const countById = new Map(counts.map((c) => [c.entryId, c]));
  const confusions = new Map<string, Map<string, number>>();
  const comments = new Map<string, string[]>();
  const bump = (a: string, b: string, times: number): void => {
    if (a === b) return;
    const row = confusions.get(a) ?? new Map<string, number>();
    row.set(b, (row.get(b) ?? 0) + times);
    confusions.set(a, row);
  };
  for (const { picked, offered, times } of picks) {
    bump(picked, offered, times);
    bump(offered, picked, times);
  }
  for (const question of commented) {
    for (const event of question.events) {
      if (event.kind === 'commented' && event.entryId !== undefined && event.comment) {
        comments.set(event.entryId, [...(comments.get(event.entryId) ?? []), event.comment]);
      }
    }
  }
  return entries
    .map((entry) => {
      const reviewed = entry.reviewed ? Math.floor((today.getTime() - Date.parse(entry.reviewed)) / 86_400_000) : undefined;
      const confusedWith = [...(confusions.get(entry.id) ?? new Map<string, number>())]
        .map(([id, times]) => ({ id, times }))
        .sort((a, b) => b.times - a.times || a.id.localeCompare(b.id))
        .slice(0, MAX_CONFUSIONS);
      return {
        entry: { id: entry.id, question: entry.question, reviewed: entry.reviewed },
        counts: countById.get(entry.id) ?? { entryId: entry.id, shown: 0, up: 0, down: 0, comments: 0 },
        ...(reviewed !== undefined && { reviewedDaysAgo: reviewed }),
        confusedWith,
        comments: (comments.get(entry.id) ?? []).slice(0, MAX_COMMENTS),
      };
    })
    .sort((a, b) => b.counts.shown - a.counts.shown || a.entry.id.localeCompare(b.entry.id));
}
