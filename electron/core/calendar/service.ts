/**
 * Calendar use cases, for the app and the CLI alike: the status after seeding the built-in years,
 * and an import that (when the file is clean) seeds, writes the dates and moves open tasks to the
 * new working days. A file with any issue changes nothing.
 */
import type { Db } from '../db/open';
import { shanghaiDate } from '../clock';
import { calendarStatus, importCalendar, parseCalendarText, seedCalendar } from './calendar';
import { generateTasks, type GenerateResult } from '../tasks/generate';

export function calendarNow(db: Db, now: Date): { years: number[]; missing: number[] } {
  seedCalendar(db, now);
  return calendarStatus(db);
}

type CalendarImport =
  | { ok: false; issues: ReturnType<typeof parseCalendarText>['issues'] }
  | { ok: true; years: number[]; days: number; tasks: GenerateResult };

export function importCalendarText(db: Db, text: string, actor: string, now: Date): CalendarImport {
  const parsed = parseCalendarText(text);
  if (parsed.issues.length > 0) return { ok: false, issues: parsed.issues };
  seedCalendar(db, now);
  const r = importCalendar(db, parsed.rows, actor, now);
  const tasks = generateTasks(db, { asOf: shanghaiDate(now), now, actor });
  return { ok: true, years: r.years, days: r.days, tasks };
}
