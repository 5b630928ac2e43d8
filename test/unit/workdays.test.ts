import chineseDays from 'chinese-days/dist/chinese-days.json' with { type: 'json' };
import { describe, expect, it } from 'vitest';
import { desiredTasks } from '../../shared/domain/schedule';
import { DEFAULT_TASK_RULES, type TaskRules } from '../../shared/domain/taskRules';
import {
  addMonths,
  isWorkingDay,
  nthWorkingDayAfter,
  type DayKind,
  type WorkCalendar,
} from '../../shared/domain/workdays';

/** The calendar as the app seeds it from chinese-days (2004–2026). */
function packageCalendar(): WorkCalendar {
  const data = chineseDays as { holidays: Record<string, string>; workdays: Record<string, string> };
  const days = new Map<string, DayKind>();
  for (const d of Object.keys(data.holidays)) days.set(d, 'holiday');
  for (const d of Object.keys(data.workdays)) days.set(d, 'workday');
  const years = new Set<number>();
  for (let y = 2004; y <= 2026; y++) years.add(y);
  return { days, years };
}
const cal = packageCalendar();

describe('working days (2026 State Council notice)', () => {
  it('knows holidays, make-up working days and plain weekends', () => {
    expect(isWorkingDay(cal, '2026-02-16')).toBe(false); // 春节
    expect(isWorkingDay(cal, '2026-02-14')).toBe(true); // Saturday, 调休上班
    expect(isWorkingDay(cal, '2026-02-28')).toBe(true); // Saturday, 调休上班
    expect(isWorkingDay(cal, '2026-09-20')).toBe(true); // Sunday, 调休上班
    expect(isWorkingDay(cal, '2026-10-10')).toBe(true); // Saturday, 调休上班
    expect(isWorkingDay(cal, '2026-10-07')).toBe(false); // 国庆节
    expect(isWorkingDay(cal, '2026-03-07')).toBe(false); // ordinary Saturday
    expect(isWorkingDay(cal, '2026-03-09')).toBe(true); // ordinary Monday
  });

  it('counts day 1 as the first working day after the date, never the date itself', () => {
    expect(nthWorkingDayAfter(cal, '2026-03-06', 1).date).toBe('2026-03-09'); // Fri → Mon
    expect(nthWorkingDayAfter(cal, '2026-03-09', 1).date).toBe('2026-03-10');
  });

  it('post_approval window across the Spring Festival: 7th and 15th working day', () => {
    // Approved Tue 02-10: 11,12,13,14(Sat 调休) | 15–23 off | 24,25,26 → day 7 = 02-26; … 27,28(Sat 调休),3/2…3/6,3/9 → day 15.
    expect(nthWorkingDayAfter(cal, '2026-02-10', 7)).toEqual({ date: '2026-02-26', missingYears: [] });
    expect(nthWorkingDayAfter(cal, '2026-02-10', 15)).toEqual({ date: '2026-03-09', missingYears: [] });
  });

  it('post_approval window across Mid-autumn and National Day with the Sunday and Saturday make-up days', () => {
    // Approved Thu 09-17: 18, 20(Sun 调休), 21–24 | 25–27 off | 28 = day 7; 29, 30 | 10/1–7 off | 8, 9, 10(Sat 调休), 12, 13, 14 = day 15.
    expect(nthWorkingDayAfter(cal, '2026-09-17', 7).date).toBe('2026-09-28');
    expect(nthWorkingDayAfter(cal, '2026-09-17', 15).date).toBe('2026-10-14');
  });

  it('falls back to Mon–Fri in a year without data, and says which year', () => {
    const r = nthWorkingDayAfter(cal, '2026-12-18', 15);
    expect(r).toEqual({ date: '2027-01-08', missingYears: [2027] });
    expect(nthWorkingDayAfter(cal, '2026-12-18', 7)).toEqual({ date: '2026-12-29', missingYears: [] });
  });

  it('adds months clamped to the month end', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2026-11-15', 2)).toBe('2027-01-15');
  });
});

describe('which tasks a loan gets', () => {
  const rules: TaskRules = DEFAULT_TASK_RULES;

  it('a freshly approved loan gets its post-approval call with a working-day window', () => {
    const t = desiredTasks(
      { approvalDate: '2026-09-17', disbursementDate: null, repaymentDay: null },
      rules,
      cal,
      '2026-09-20',
    );
    expect(t).toEqual([
      { type: 'post_approval', slot: 'approval', windowStart: '2026-09-28', dueBy: '2026-10-14', warnings: [] },
    ]);
  });

  it('a disbursed loan gets 30/60/90-day calls and repayment reminders within the horizon only', () => {
    const t = desiredTasks(
      { approvalDate: '2026-08-01', disbursementDate: '2026-08-20', repaymentDay: 15 },
      rules,
      cal,
      '2026-10-01',
    );
    const slots = t.map((x) => `${x.type}:${x.slot}:${x.windowStart}:${x.dueBy}`);
    expect(slots).toEqual([
      'post_disbursement:d30:2026-09-19:2026-09-29',
      'post_disbursement:d60:2026-10-19:2026-10-29',
      'repayment_reminder:due:2026-09-15:2026-09-12:2026-09-15',
      'repayment_reminder:due:2026-10-15:2026-10-12:2026-10-15',
    ]);
    // post_approval closed more than 30 days ago: not created; d90 opens after the horizon.
  });

  it('a window in a year without calendar data carries a warning', () => {
    const t = desiredTasks(
      { approvalDate: '2026-12-18', disbursementDate: null, repaymentDay: null },
      rules,
      cal,
      '2026-12-20',
    );
    expect(t[0]).toMatchObject({ dueBy: '2027-01-08', warnings: ['calendar_missing:2027'] });
  });

  it('yearly collateral revaluation after disbursement', () => {
    const t = desiredTasks(
      { approvalDate: '2025-10-01', disbursementDate: '2025-10-20', repaymentDay: null },
      rules,
      cal,
      '2026-10-01',
    );
    expect(t.filter((x) => x.type === 'collateral_revaluation')).toEqual([
      { type: 'collateral_revaluation', slot: 'reval:1', windowStart: '2026-10-20', dueBy: '2026-11-19', warnings: [] },
    ]);
  });

  it('respects disabled types', () => {
    const off = { ...rules, postApproval: { ...rules.postApproval, enabled: false } };
    expect(
      desiredTasks({ approvalDate: '2026-09-17', disbursementDate: null, repaymentDay: null }, off, cal, '2026-09-20'),
    ).toEqual([]);
  });
});
