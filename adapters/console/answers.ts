/** « Réponses »: per entry, how it fares and what it gets confused with. Pure. */
import type { EntryCounts, LoggedQuestion } from '../../bot/index.js';
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

/**
 * Every KB entry (shown or not) with its counts. Two entries are confused when
 * they were offered together (« Vouliez-vous dire… », triage lists) and one of
 * them was picked, or when a 👎 on one was followed by a click on the other.
 */
export function entryReports(entries: readonly FaqEntry[], counts: readonly EntryCounts[], questions: readonly LoggedQuestion[], today: Date): EntryReport[] {
  const countById = new Map(counts.map((c) => [c.entryId, c]));
  const confusions = new Map<string, Map<string, number>>();
  const comments = new Map<string, string[]>();
  const bump = (a: string, b: string): void => {
    if (a === b) return;
    const row = confusions.get(a) ?? new Map<string, number>();
    row.set(b, (row.get(b) ?? 0) + 1);
    confusions.set(a, row);
  };
  for (const question of questions) {
    const picked = question.events.filter((e) => e.kind === 'clicked').map((e) => e.entryId);
    for (const id of picked) {
      if (id === undefined) continue;
      for (const other of question.candidates) {
        bump(id, other.id);
        bump(other.id, id);
      }
    }
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
