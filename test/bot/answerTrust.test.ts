import { describe, expect, it } from 'vitest';
import { answerTrust, DEFAULT_ANSWER_MAX_AGE_MONTHS, frenchDate } from '../../bot/answerTrust.js';

const at = (iso: string): Date => new Date(`${iso}T12:00:00Z`);

describe('answerTrust', () => {
  it('writes the review date in French, the first of the month as an ordinal, never cut at a line end', () => {
    expect(answerTrust({ reviewed: '2026-11-26' }, { now: at('2026-11-29'), maxAgeMonths: 12 })).toEqual({
      reviewedLabel: '26\u00a0novembre\u00a02026',
      outdated: false,
      maxAgeMonths: 12,
    });
    expect(frenchDate(new Date(Date.UTC(2026, 2, 1)))).toBe('1er\u00a0mars\u00a02026');
    expect(frenchDate(new Date(Date.UTC(2021, 7, 2)))).toBe('2\u00a0août\u00a02021');
  });

  it('says an answer may be out of date once its review is older than the limit (12 months by default)', () => {
    expect(DEFAULT_ANSWER_MAX_AGE_MONTHS).toBe(12);
    const policy = (now: string) => ({ now: at(now), maxAgeMonths: 12 });
    expect(answerTrust({ reviewed: '2025-11-26' }, policy('2026-11-26')).outdated).toBe(false);
    expect(answerTrust({ reviewed: '2025-11-26' }, policy('2026-11-27')).outdated).toBe(true);
    expect(answerTrust({ reviewed: '2021-06-30' }, policy('2026-11-29')).outdated).toBe(true);
    // 31 January + 1 month is the end of February, not 3 March.
    expect(answerTrust({ reviewed: '2026-01-31' }, { now: at('2026-03-01'), maxAgeMonths: 1 }).outdated).toBe(true);
    expect(answerTrust({ reviewed: '2026-01-31' }, { now: at('2026-02-28'), maxAgeMonths: 1 }).outdated).toBe(false);
  });

  it('counts an entry without a review date as possibly out of date (its age is unknown), and never warns with a limit of 0', () => {
    expect(answerTrust({}, { now: at('2026-11-29'), maxAgeMonths: 12 })).toEqual({ outdated: true, maxAgeMonths: 12 });
    expect(answerTrust({ reviewed: '2001-01-01' }, { now: at('2026-11-29'), maxAgeMonths: 0 }).outdated).toBe(false);
    expect(answerTrust({}, { now: at('2026-11-29'), maxAgeMonths: 0 }).outdated).toBe(false);
  });
});
