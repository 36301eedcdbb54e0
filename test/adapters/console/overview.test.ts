import { describe, expect, it } from 'vitest';
import { buildOverview, percent, weekOf, wilsonInterval } from '../../../adapters/console/overview.js';

const day = (d: string, questions: number, up = 0, down = 0) => ({
  day: d, channel: 'webchat', kbVersion: 'kb', questions, answered: questions - 1, clarified: 1, declined: 0, up, down,
});

describe('overview figures', () => {
  it('gives the 95 % Wilson interval (8 of 10: 0.49–0.94), nothing without votes', () => {
    const p = wilsonInterval(8, 10);
    expect(p?.rate).toBe(0.8);
    expect(p?.low).toBeCloseTo(0.4902, 3);
    expect(p?.high).toBeCloseTo(0.9433, 3);
    expect(wilsonInterval(0, 0)).toBeUndefined();
    expect(wilsonInterval(5, 5)?.high).toBe(1);
  });

  it('adds days, or weeks starting on Monday, and totals them', () => {
    expect(weekOf('2026-03-04')).toBe('2026-03-02');
    expect(weekOf('2026-03-08')).toBe('2026-03-02');
    expect(weekOf('2026-03-09')).toBe('2026-03-09');
    const rows = [day('2026-03-08', 4, 1, 1), day('2026-03-02', 2, 2), day('2026-03-09', 3)];
    const daily = buildOverview(rows, [], 'day');
    expect(daily.periods.map((p) => p.period)).toEqual(['2026-03-02', '2026-03-08', '2026-03-09']);
    const weekly = buildOverview(rows, [], 'week');
    expect(weekly.periods.map((p) => [p.period, p.questions])).toEqual([['2026-03-02', 6], ['2026-03-09', 3]]);
    expect(weekly.total).toMatchObject({ questions: 9, up: 3, down: 1 });
    expect(weekly.helpful?.n).toBe(4);
  });

  it('writes shares the French way', () => {
    expect(percent(1, 3)).toBe('33\u202f%');
    expect(percent(0, 0)).toBe('–');
  });
});
