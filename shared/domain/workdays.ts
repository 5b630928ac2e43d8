/**
 * Working-day arithmetic on YYYY-MM-DD dates (domain reference §1). A day is a working day when
 * the calendar says `workday` (调休上班), not when it says `holiday`, otherwise when it is Mon–Fri.
 * For a year the calendar has no data for, Mon–Fri is used and the year is reported as missing
 * so the caller can warn instead of silently trusting it.
 */
export type DayKind = 'holiday' | 'workday';

export interface WorkCalendar {
  /** Explicit days (holidays and make-up working days). */
  days: ReadonlyMap<string, DayKind>;
  /** Years for which the calendar has official data. */
  years: ReadonlySet<number>;
}

const DAY = 86_400_000;

/** The calendar date (YYYY-MM-DD) of an instant in Asia/Shanghai (shanghai.ts). */
export { shanghaiDate } from './shanghai';

export function toDate(iso: string): Date {
  return new Date(`${iso}T00:00:00Z`);
}

export function toIso(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** True for a real calendar date written YYYY-MM-DD (2026-02-30 is not). */
export function isIsoDate(s: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(toDate(s).getTime()) && toIso(toDate(s)) === s;
}

export function addDays(iso: string, n: number): string {
  return toIso(new Date(toDate(iso).getTime() + n * DAY));
}

/** Same day of month n months later, clamped to the month's last day (Jan 31 + 1 → Feb 28). */
export function addMonths(iso: string, n: number): string {
  const d = toDate(iso);
  const target = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + n, 1));
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d.getUTCDate(), last));
  return toIso(target);
}

export function isWorkingDay(cal: WorkCalendar, iso: string): boolean {
  const kind = cal.days.get(iso);
  if (kind === 'holiday') return false;
  if (kind === 'workday') return true;
  const wd = toDate(iso).getUTCDay();
  return wd !== 0 && wd !== 6;
}

export interface WorkingDayResult {
  date: string;
  /** Years crossed without calendar data (Mon–Fri was assumed there). */
  missingYears: number[];
}

// Many loans share an approval date: remember answers per calendar (a new calendar object, e.g.
// after an import, starts a fresh memo).
const memo = new WeakMap<WorkCalendar, Map<string, WorkingDayResult>>();

/** The n-th working day after `iso` (day 1 = first working day after it; the day itself never counts). */
export function nthWorkingDayAfter(cal: WorkCalendar, iso: string, n: number): WorkingDayResult {
  if (!Number.isInteger(n) || n < 1) throw new Error('n must be a positive integer');
  let m = memo.get(cal);
  if (!m) memo.set(cal, (m = new Map()));
  const key = `${iso}+${n}`;
  const hit = m.get(key);
  if (hit) return { date: hit.date, missingYears: [...hit.missingYears] };
  const r = computeNthWorkingDayAfter(cal, iso, n);
  m.set(key, r);
  return { date: r.date, missingYears: [...r.missingYears] };
}

function computeNthWorkingDayAfter(cal: WorkCalendar, iso: string, n: number): WorkingDayResult {
  const missing = new Set<number>();
  let d = iso;
  let count = 0;
  while (count < n) {
    d = addDays(d, 1);
    const y = Number(d.slice(0, 4));
    if (!cal.years.has(y)) missing.add(y);
    if (isWorkingDay(cal, d)) count++;
  }
  return { date: d, missingYears: [...missing].sort() };
}
