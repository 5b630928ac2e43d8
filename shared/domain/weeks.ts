/**
 * ISO weeks (Monday–Sunday) of calendar dates in Asia/Shanghai, written `YYYY-Www`: the week of a
 * date, the Monday and Sunday of a week, the instants a week spans, and stepping between weeks.
 * Dates are `YYYY-MM-DD` strings as everywhere else; the day maths runs on UTC midnights.
 */
import { addDays, toDate, toIso } from './workdays';
import { shanghaiInstant } from './shanghai';

/** The ISO week a date belongs to (the year is the ISO week-year: 2026-12-31 may be 2027-W01). */
export function isoWeekOf(date: string): string {
  const d = toDate(date);
  const dow = (d.getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  const thursday = toIso(new Date(d.getTime() + (3 - dow) * 86_400_000));
  const year = Number(thursday.slice(0, 4));
  const jan1 = toDate(`${year}-01-01`);
  const week = Math.floor((toDate(thursday).getTime() - jan1.getTime()) / 86_400_000 / 7) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** Monday of week 1 of an ISO week-year: the Monday of the week holding 4 January. */
function firstMonday(year: number): string {
  const jan4 = `${String(year).padStart(4, '0')}-01-04`;
  const dow = (toDate(jan4).getUTCDay() + 6) % 7;
  return addDays(jan4, -dow);
}

/** Monday and Sunday of a week; null when the week does not exist (W53 of a 52-week year, bad text). */
export function weekRange(week: string): { from: string; to: string } | null {
  const m = /^(\d{4})-W(\d{2})$/.exec(week);
  if (!m) return null;
  const year = Number(m[1]);
  const n = Number(m[2]);
  if (n < 1 || n > 53) return null;
  const from = addDays(firstMonday(year), (n - 1) * 7);
  if (isoWeekOf(from) !== week) return null;
  return { from, to: addDays(from, 6) };
}

/** The instants a week spans in Asia/Shanghai: [start, end) as ISO-8601 UTC strings. */
export function weekInstants(week: string): { start: string; end: string } | null {
  const r = weekRange(week);
  if (!r) return null;
  const start = shanghaiInstant(r.from).toISOString();
  const end = shanghaiInstant(addDays(r.to, 1)).toISOString();
  return { start, end };
}

/** The week `n` weeks after (negative: before) a week. Throws on a week that does not exist. */
export function addWeeks(week: string, n: number): string {
  const r = weekRange(week);
  if (!r) throw new RangeError(`not an ISO week: ${week}`);
  return isoWeekOf(addDays(r.from, n * 7));
}
