/** The overview's figures, computed from the log's daily counts. Pure. */
import type { DailyCounts, EntryCounts } from '../../bot/index.js';

export type Granularity = 'day' | 'week';

/** Counts for one period (a Paris day, or the week starting on that Monday). */
export interface PeriodCounts {
  readonly period: string;
  readonly questions: number;
  readonly answered: number;
  readonly clarified: number;
  readonly declined: number;
  readonly up: number;
  readonly down: number;
}

/** A proportion with its 95 % Wilson score interval (sound for small counts, unlike p ± 1.96·SE). */
export interface Proportion {
  readonly rate: number;
  readonly low: number;
  readonly high: number;
  readonly n: number;
}

export interface Overview {
  readonly periods: PeriodCounts[];
  readonly total: PeriodCounts;
  /** 👍 among the votes; undefined without votes. */
  readonly helpful?: Proportion;
  readonly topEntries: EntryCounts[];
}

/** z for a two-sided 95 % interval. */
const Z = 1.959964;
/** Entries listed in « Réponses les plus montrées ». */
export const TOP_ENTRIES = 10;

export function wilsonInterval(successes: number, n: number): Proportion | undefined {
  if (n <= 0) return undefined;
  const p = successes / n;
  const z2 = Z * Z;
  const denominator = 1 + z2 / n;
  const center = (p + z2 / (2 * n)) / denominator;
  const half = (Z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denominator;
  return { rate: p, low: Math.max(0, center - half), high: Math.min(1, center + half), n };
}

/** Monday (YYYY-MM-DD) of the ISO week of a calendar day. */
export function weekOf(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  const offset = (date.getUTCDay() + 6) % 7;
  return new Date(date.getTime() - offset * 86_400_000).toISOString().slice(0, 10);
}

export function buildOverview(days: readonly DailyCounts[], entries: readonly EntryCounts[], granularity: Granularity): Overview {
  const periods = new Map<string, PeriodCounts>();
  const add = (a: PeriodCounts, b: DailyCounts | PeriodCounts, period: string): PeriodCounts => ({
    period,
    questions: a.questions + b.questions,
    answered: a.answered + b.answered,
    clarified: a.clarified + b.clarified,
    declined: a.declined + b.declined,
    up: a.up + b.up,
    down: a.down + b.down,
  });
  const empty = (period: string): PeriodCounts => ({ period, questions: 0, answered: 0, clarified: 0, declined: 0, up: 0, down: 0 });
  for (const row of days) {
    const period = granularity === 'week' ? weekOf(row.day) : row.day;
    periods.set(period, add(periods.get(period) ?? empty(period), row, period));
  }
  const sorted = [...periods.values()].sort((a, b) => a.period.localeCompare(b.period));
  const total = sorted.reduce((sum, row) => add(sum, row, 'total'), empty('total'));
  const helpful = wilsonInterval(total.up, total.up + total.down);
  return { periods: sorted, total, ...(helpful && { helpful }), topEntries: entries.slice(0, TOP_ENTRIES) };
}

/** A share as French text: « 42 % ». */
export function percent(part: number, whole: number): string {
  return whole === 0 ? '–' : `${Math.round((100 * part) / whole)}\u202f%`;
}
