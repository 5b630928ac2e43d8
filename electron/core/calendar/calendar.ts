/**
 * The working-day calendar in the database: seeded from the `chinese-days` package (2004–2026,
 * holidays and make-up working days), extended by administrators importing later years (CSV or
 * JSON: date, kind holiday|workday, name). An imported year replaces that year entirely; the few
 * days of a neighbouring year that a State Council notice also lists (the 2019 notice: 2018-12-29
 * 上班, 12-30/31 off) change only those dates.
 */
import { calendarMissingYear } from '../../../shared/domain/schedule';
import fs from 'node:fs';
import { parse } from 'csv-parse/sync';
import chineseDays from 'chinese-days/dist/chinese-days.json' with { type: 'json' };
import { isIsoDate, type DayKind, type WorkCalendar } from '../../../shared/domain/workdays';
import { appendAudit } from '../audit/log';
import { stmt, type Db } from '../db/open';

const PACKAGE = 'chinese-days';

/** Load the package's years that the database does not have yet (never overwrites imports). */
export function seedCalendar(db: Db, now: Date): number {
  const data = chineseDays as { holidays: Record<string, string>; workdays: Record<string, string> };
  const byYear = new Map<number, { date: string; kind: DayKind; name: string }[]>();
  for (const [kind, entries] of [
    ['holiday', data.holidays],
    ['workday', data.workdays],
  ] as const) {
    for (const [date, label] of Object.entries(entries)) {
      const y = Number(date.slice(0, 4));
      const name = label.split(',')[1] ?? label;
      if (!byYear.has(y)) byYear.set(y, []);
      byYear.get(y)!.push({ date, kind, name });
    }
  }
  const have = new Set(
    stmt<[], { year: number }>(db, 'SELECT year FROM calendar_years')
      .all()
      .map((r) => r.year),
  );
  const missing = [...byYear.keys()].filter((y) => !have.has(y));
  if (missing.length === 0) return 0;
  db.transaction(() => {
    const ins = stmt(db, 'INSERT OR REPLACE INTO calendar_days (date, kind, name, source) VALUES (?, ?, ?, ?)');
    const year = stmt(db, 'INSERT INTO calendar_years (year, source, loaded_at) VALUES (?, ?, ?)');
    for (const y of missing) {
      for (const d of byYear.get(y)!) ins.run(d.date, d.kind, d.name, PACKAGE);
      year.run(y, PACKAGE, now.toISOString());
    }
  })();
  return missing.length;
}

export function loadCalendar(db: Db): WorkCalendar {
  const days = new Map<string, DayKind>();
  for (const r of stmt<[], { date: string; kind: DayKind }>(db, 'SELECT date, kind FROM calendar_days').all()) {
    days.set(r.date, r.kind);
  }
  const years = new Set(
    stmt<[], { year: number }>(db, 'SELECT year FROM calendar_years')
      .all()
      .map((r) => r.year),
  );
  return { days, years };
}

export interface CalendarIssue {
  row: number;
  column: string;
  code: string;
}

export interface CalendarImportResult {
  years: number[];
  days: number;
}

/** Parse a calendar file (CSV with header date,kind,name or a JSON array of such objects). */
type ParsedCalendar = { rows: { date: string; kind: DayKind; name: string }[]; issues: CalendarIssue[] };

export function parseCalendarFile(file: string): ParsedCalendar {
  return parseCalendarText(fs.readFileSync(file, 'utf8'));
}

export function parseCalendarText(raw: string): ParsedCalendar {
  const text = raw.replace(/^\uFEFF/, '');
  let records: Record<string, unknown>[];
  let firstRow = 2;
  if (text.trimStart().startsWith('[')) {
    try {
      records = JSON.parse(text) as Record<string, unknown>[];
      if (!Array.isArray(records)) throw new Error('not an array');
    } catch {
      return { rows: [], issues: [{ row: 0, column: '', code: 'calendar_json' }] };
    }
    firstRow = 1;
  } else {
    try {
      records = parse(text, {
        columns: (h: string[]) => h.map((x) => x.trim().toLowerCase()),
        skip_empty_lines: true,
        trim: true,
      }) as Record<string, unknown>[];
    } catch {
      return { rows: [], issues: [{ row: 0, column: '', code: 'calendar_csv' }] };
    }
  }
  const rows: { date: string; kind: DayKind; name: string }[] = [];
  const issues: CalendarIssue[] = [];
  const seen = new Set<string>();
  records.forEach((r, i) => {
    const row = i + firstRow;
    const date = String(r.date ?? '').trim();
    const kind = String(r.kind ?? '').trim();
    const name = String(r.name ?? '').trim();
    if (!isIsoDate(date)) issues.push({ row, column: 'date', code: 'date_format' });
    else if (seen.has(date)) issues.push({ row, column: 'date', code: 'calendar_duplicate' });
    if (kind !== 'holiday' && kind !== 'workday') issues.push({ row, column: 'kind', code: 'calendar_kind' });
    if (name.length > 50) issues.push({ row, column: 'name', code: 'too_long' });
    seen.add(date);
    rows.push({ date, kind: kind as DayKind, name });
  });
  if (records.length === 0) issues.push({ row: 0, column: '', code: 'no_rows' });
  return { rows, issues };
}

/** A year with at most this many days in a file is a neighbour's stray days, unless it is all the file holds. */
const STRAY_DAYS_MAX = 5;

/**
 * Replace the calendar of every year the file covers, and set the stray days of neighbouring
 * years date by date (one transaction, audited). Returns the years replaced.
 */
export function importCalendar(
  db: Db,
  rows: { date: string; kind: DayKind; name: string }[],
  actor: string,
  now: Date,
): CalendarImportResult {
  const perYear = new Map<number, number>();
  for (const r of rows) perYear.set(Number(r.date.slice(0, 4)), (perYear.get(Number(r.date.slice(0, 4))) ?? 0) + 1);
  const most = Math.max(...perYear.values());
  const years = [...perYear.keys()].filter((y) => perYear.get(y)! > STRAY_DAYS_MAX || perYear.get(y) === most).sort();
  const strayDays = rows.filter((r) => !years.includes(Number(r.date.slice(0, 4)))).map((r) => r.date);
  db.transaction(() => {
    for (const y of years) {
      stmt(db, 'DELETE FROM calendar_days WHERE date >= ? AND date < ?').run(`${y}-01-01`, `${y + 1}-01-01`);
      stmt(db, 'INSERT OR REPLACE INTO calendar_years (year, source, loaded_at) VALUES (?, ?, ?)').run(
        y,
        'import',
        now.toISOString(),
      );
    }
    const ins = stmt(db, 'INSERT OR REPLACE INTO calendar_days (date, kind, name, source) VALUES (?, ?, ?, ?)');
    for (const r of rows) ins.run(r.date, r.kind, r.name || null, 'import');
    appendAudit(db, { actor, action: 'calendar.import', details: { years, days: rows.length, strayDays } }, now);
  })();
  return { years, days: rows.length };
}

/** Years with data, and years that open tasks need but the calendar lacks. */
export function calendarStatus(db: Db): { years: number[]; missing: number[] } {
  const years = stmt<[], { year: number }>(db, 'SELECT year FROM calendar_years ORDER BY year')
    .all()
    .map((r) => r.year);
  const missing = new Set<number>();
  for (const r of stmt<[], { warnings: string }>(
    db,
    "SELECT DISTINCT warnings FROM tasks WHERE warnings <> '[]' AND status IN ('open', 'in_progress')",
  ).all()) {
    for (const w of JSON.parse(r.warnings) as string[]) {
      const year = calendarMissingYear(w);
      if (year !== null) missing.add(year);
    }
  }
  return { years, missing: [...missing].filter((y) => !years.includes(y)).sort() };
}
