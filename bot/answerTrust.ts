import type { FaqEntry } from '../knowledge/index.js';
import { NBSP } from './frenchTypography.js';

/** Default age, in months since an entry's `reviewed` date, after which its answer says it may be out of date. */
export const DEFAULT_ANSWER_MAX_AGE_MONTHS = 12;

/** What an answer card says about its own reliability: when it was reviewed, and whether that is too long ago. */
export interface AnswerTrust {
  /** The `reviewed` date in French (« 26 novembre 2026 »); absent when the entry has none. */
  readonly reviewedLabel?: string;
  /**
   * The answer may be out of date: its review is older than `maxAgeMonths`, or
   * it has no review date at all (its age is unknown). Never when `maxAgeMonths` is 0.
   */
  readonly outdated: boolean;
  readonly maxAgeMonths: number;
}

/** How old an answer may be before it says so; 0 turns the notice off. */
export interface FreshnessPolicy {
  readonly now: Date;
  readonly maxAgeMonths: number;
}

const FRENCH_DATE = new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/**
 * The trust line of an entry at `now`. Pure: the presenter passes its clock.
 * An entry reviewed on 2025-11-26 is outdated with a 12-month limit from 2026-11-27 on.
 */
export function answerTrust(entry: Pick<FaqEntry, 'reviewed'>, policy: FreshnessPolicy): AnswerTrust {
  const { maxAgeMonths } = policy;
  if (entry.reviewed === undefined) return { outdated: maxAgeMonths > 0, maxAgeMonths };
  const reviewed = parseIsoDay(entry.reviewed);
  const outdated = maxAgeMonths > 0 && policy.now.getTime() >= addMonths(reviewed, maxAgeMonths).getTime() + DAY_MS;
  return { reviewedLabel: frenchDate(reviewed), outdated, maxAgeMonths };
}

/**
 * « 26 novembre 2026 », « 1er mars 2026 » (French writes the first day of a
 * month as an ordinal), with no-break spaces so a date is never cut at a line end.
 */
export function frenchDate(date: Date): string {
  const text = FRENCH_DATE.format(date).replace(/\s/g, NBSP);
  return date.getUTCDate() === 1 ? text.replace(/^1(?=\u00a0)/, '1er') : text;
}

const DAY_MS = 24 * 60 * 60 * 1000;

function parseIsoDay(text: string): Date {
  const [year, month, day] = text.split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, day));
}

/** `date` plus `months` calendar months, clamped to the month's last day (31 January + 1 month = 28 or 29 February). */
function addMonths(date: Date, months: number): Date {
  const target = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(date.getUTCDate(), lastDay));
  return target;
}
