/**
 * `report weekly --week YYYY-Www --out <file> [--format xlsx|csv] [--lang zh-CN|en] [--json]`:
 * the weekly summary export. Every argument is checked before the database is opened; a bad week
 * exits 1 and a missing output folder 2, with nothing written.
 */
import path from 'node:path';
import type { Translate } from '../../shared/import/messages';
import { openAppContext } from '../core/context';
import { checkOutFolder, checkWeek, writeWeeklyReport } from '../core/reports/weekly';
import { UsageError, type Output } from './common';

interface ReportValues {
  week?: string | undefined;
  out?: string | undefined;
  format?: string | undefined;
  lang?: string | undefined;
}

export async function runReport(cmd: string[], v: ReportValues, dbFile: string, t: Translate): Promise<Output> {
  const name = cmd.join(' ');
  if (name !== 'report weekly') throw new UsageError(`unknown command: ${name}`);
  if (!v.week) throw new UsageError('--week YYYY-Www is required');
  if (!v.out) throw new UsageError('--out <file> is required');
  const format = v.format ?? (path.extname(v.out).toLowerCase() === '.csv' ? 'csv' : 'xlsx');
  if (format !== 'xlsx' && format !== 'csv') throw new UsageError('--format must be xlsx or csv');
  const lang = v.lang ?? process.env.CALLBACK_DESK_LANG ?? 'zh-CN';
  if (lang !== 'zh-CN' && lang !== 'en') throw new UsageError('--lang must be zh-CN or en');
  checkWeek(v.week.trim());
  checkOutFolder(v.out);
  const ctx = openAppContext(dbFile, { mustExist: true });
  try {
    const week = v.week.trim();
    const r = await writeWeeklyReport(ctx.db, { week, format, language: lang, out: v.out }, ctx.clock());
    return {
      json: { week, file: r.file, format, records: r.records, metrics: r.metrics.branch },
      text: t('reports.weekly.done', { week, format: format.toUpperCase(), file: r.file, records: r.records }),
    };
  } finally {
    ctx.close();
  }
}
