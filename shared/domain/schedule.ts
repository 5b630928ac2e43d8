/**
 * Which callback tasks a loan should have, and their windows (domain reference §1), as a pure
 * function of the loan's dates, the rules, the calendar and today. Only tasks whose window opens
 * within the horizon and did not close before the backfill limit are returned.
 */
import type { TaskRules, TaskType } from './taskRules';
import { addDays, addMonths, nthWorkingDayAfter, type WorkCalendar } from './workdays';

/** The warning a task carries when its window was counted without that year's holiday calendar. */
export function calendarMissingWarning(year: number): string {
  return `calendar_missing:${year}`;
}

/** The year a `calendar_missing:YYYY` warning names, or null for any other warning. */
export function calendarMissingYear(warning: string): number | null {
  const m = /^calendar_missing:(\d{4})$/.exec(warning);
  return m ? Number(m[1]) : null;
}

export interface LoanDates {
  approvalDate: string;
  disbursementDate: string | null;
  repaymentDay: number | null;
}

export interface DesiredTask {
  type: TaskType;
  /** Identifies the occurrence within its type, e.g. `approval`, `d30`, `due:2026-12-15`. */
  slot: string;
  windowStart: string;
  dueBy: string;
  warnings: string[];
}

export function desiredTasks(loan: LoanDates, rules: TaskRules, cal: WorkCalendar, asOf: string): DesiredTask[] {
  const until = addDays(asOf, rules.horizonDays);
  const since = addDays(asOf, -rules.backfillDays);
  const out: DesiredTask[] = [];
  const keep = (t: DesiredTask) => {
    if (t.windowStart <= until && t.dueBy >= since) out.push(t);
  };

  if (rules.postApproval.enabled) {
    const start = nthWorkingDayAfter(cal, loan.approvalDate, rules.postApproval.startWorkingDay);
    const due = nthWorkingDayAfter(cal, loan.approvalDate, rules.postApproval.dueWorkingDay);
    const missing = [...new Set([...start.missingYears, ...due.missingYears])].sort();
    keep({
      type: 'post_approval',
      slot: 'approval',
      windowStart: start.date,
      dueBy: due.date,
      warnings: missing.map(calendarMissingWarning),
    });
  }

  const disb = loan.disbursementDate;
  if (disb && rules.postDisbursement.enabled) {
    for (const offset of rules.postDisbursement.offsetsDays) {
      const start = addDays(disb, offset);
      keep({
        type: 'post_disbursement',
        slot: `d${offset}`,
        windowStart: start,
        dueBy: addDays(start, rules.postDisbursement.windowDays),
        warnings: [],
      });
    }
  }

  if (disb && loan.repaymentDay && rules.repaymentReminder.enabled) {
    const day = loan.repaymentDay;
    // First due date: the repayment day of the month after disbursement; skip months long past.
    const firstMonth = addMonths(`${disb.slice(0, 7)}-01`, 1);
    const skipTo = `${addDays(since, -31).slice(0, 7)}-01`;
    let month = firstMonth > skipTo ? firstMonth : skipTo;
    for (let guard = 0; guard < 24; guard++) {
      const due = `${month.slice(0, 7)}-${String(day).padStart(2, '0')}`;
      const start = addDays(due, -rules.repaymentReminder.daysBefore);
      if (start > until) break;
      keep({ type: 'repayment_reminder', slot: `due:${due}`, windowStart: start, dueBy: due, warnings: [] });
      month = addMonths(month, 1);
    }
  }

  if (disb && rules.collateralRevaluation.enabled) {
    for (let k = 1; k <= 100; k++) {
      const start = addMonths(disb, rules.collateralRevaluation.everyMonths * k);
      if (start > until) break;
      keep({
        type: 'collateral_revaluation',
        slot: `reval:${k}`,
        windowStart: start,
        dueBy: addDays(start, rules.collateralRevaluation.windowDays),
        warnings: [],
      });
    }
  }
  return out;
}
