/** ISO weeks in Asia/Shanghai: week of a date, Monday–Sunday of a week, instants, stepping. */
import { describe, expect, it } from 'vitest';
import { addWeeks, isoWeekOf, weekInstants, weekRange } from '../../shared/domain/weeks';

describe('ISO weeks', () => {
  it('names the week of a date, including the year boundaries', () => {
    expect(isoWeekOf('2026-11-23')).toBe('2026-W48'); // a Monday
    expect(isoWeekOf('2026-11-29')).toBe('2026-W48'); // its Sunday
    expect(isoWeekOf('2026-01-01')).toBe('2026-W01'); // Thursday
    expect(isoWeekOf('2027-01-01')).toBe('2026-W53'); // Friday of the last week of 2026
    expect(isoWeekOf('2021-01-03')).toBe('2020-W53');
    expect(isoWeekOf('2024-12-30')).toBe('2025-W01');
  });

  it('gives Monday and Sunday of a week and refuses weeks that do not exist', () => {
    expect(weekRange('2026-W48')).toEqual({ from: '2026-11-23', to: '2026-11-29' });
    expect(weekRange('2026-W01')).toEqual({ from: '2025-12-29', to: '2026-01-04' });
    expect(weekRange('2026-W53')).toEqual({ from: '2026-12-28', to: '2027-01-03' });
    expect(weekRange('2025-W53')).toBeNull();
    expect(weekRange('2026-W00')).toBeNull();
    expect(weekRange('2026-48')).toBeNull();
  });

  it('spans the week in Shanghai time as UTC instants, and steps across years', () => {
    expect(weekInstants('2026-W48')).toEqual({
      start: '2026-11-22T16:00:00.000Z',
      end: '2026-11-29T16:00:00.000Z',
    });
    expect(addWeeks('2026-W01', -1)).toBe('2025-W52');
    expect(addWeeks('2026-W52', 1)).toBe('2026-W53');
    expect(addWeeks('2026-W53', 1)).toBe('2027-W01');
    for (let w = 1; w <= 53; w++) {
      const week = `2026-W${String(w).padStart(2, '0')}`;
      const r = weekRange(week)!;
      expect(isoWeekOf(r.from)).toBe(week);
      expect(isoWeekOf(r.to)).toBe(week);
    }
  });
});
