/**
 * The weekly summary export (周报): XLSX (概览, 按回访员, 按回访类型, 风险标记, 明细) or CSV (明细
 * only), in Chinese or English. It reads from its own read-only connection inside one read
 * transaction — a consistent snapshot even while officers keep finalizing, and the app's own
 * connection stays free while the file streams out. The file is written to a temporary name
 * beside `out`, synced, and renamed when complete: a crash never leaves half a file under the
 * final name.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { maskName } from '../../../shared/domain/mask';
import { isoWeekSchema, type WeeklyMetrics } from '../../../shared/contract/reports';
import { AppError } from '../../../shared/result';
import { checkOutFolder, commitFile, PRIVATE_FILE_MODE, removeOrphanTemps } from '../files';
import { PART_FILE } from '../leftovers';
import { getBranch } from '../branch';
import type { Db } from '../db/open';
import { translator } from '../i18n';
import { weekBounds } from './common';
import { writeDetailsCsv } from './csv';
import { weeklyMetrics } from './metrics';
import { writeXlsx } from './xlsx';

export interface WeeklyReportOptions {
  week: string;
  format: 'xlsx' | 'csv';
  language: 'zh-CN' | 'en';
  /** File to write; written to a temporary name beside it and renamed when complete. */
  out: string;
}

export interface WeeklyReportResult {
  file: string;
  /** Detail rows written: records finalized in the week. */
  records: number;
  bytes: number;
  /** The numbers in the file (the same as the dashboard's for that week). */
  metrics: WeeklyMetrics;
}

/** Check the week before anything is opened or written. */
export function checkWeek(week: string): void {
  if (!isoWeekSchema.safeParse(week).success) throw new AppError('invalid_input', 'errors.weekFormat');
  weekBounds(week);
}

export { checkOutFolder };

/** A private read-only connection to the same file (the given one for an in-memory database). */
function reader(db: Db): { db: Db; own: boolean } {
  if (db.memory) return { db, own: false };
  const r = new Database(db.name, { readonly: true, fileMustExist: true });
  r.pragma('busy_timeout = 5000');
  r.pragma('cache_size = -16384'); // 16 MiB: a week's rows touch most tables; bounded whatever the week holds
  return { db: r, own: true };
}

export async function writeWeeklyReport(db: Db, opts: WeeklyReportOptions, now: Date): Promise<WeeklyReportResult> {
  checkWeek(opts.week);
  const file = checkOutFolder(opts.out);
  // What an export killed mid-write (Ctrl-C, a crash) left in this folder, whatever its week.
  removeOrphanTemps(path.dirname(file), PART_FILE);
  const tmp = path.join(
    path.dirname(file),
    `.${path.basename(file)}.${process.pid}-${randomBytes(4).toString('hex')}.part`,
  );
  const t = translator(opts.language);
  const rd = reader(db);
  let out: fs.WriteStream | null = null;
  try {
    if (rd.own) rd.db.exec('BEGIN');
    const metrics = weeklyMetrics(rd.db, opts.week, now);
    const b = getBranch(rd.db);
    // Opened at once (not by the stream, later): a failure before the first write must find the
    // file there to remove it, or an empty .part would stay behind.
    out = fs.createWriteStream(tmp, { fd: fs.openSync(tmp, 'wx', PRIVATE_FILE_MODE) });
    const records =
      opts.format === 'xlsx'
        ? await writeXlsx(rd.db, metrics, {
            t,
            language: opts.language,
            week: opts.week,
            branch: b ? `${b.code} ${b.name}` : '',
            now,
            out,
            mask: (name) => maskName(name ?? ''),
          })
        : await writeDetailsCsv(rd.db, opts.week, t, opts.language, out);
    if (rd.own) rd.db.exec('COMMIT');
    commitFile(tmp, file);
    return { file, records, bytes: fs.statSync(file).size, metrics };
  } catch (e) {
    out?.destroy();
    fs.rmSync(tmp, { force: true });
    if (e instanceof AppError) throw e;
    if ((e as NodeJS.ErrnoException).code && (e as NodeJS.ErrnoException).syscall)
      throw new AppError('unavailable', 'reports.weekly.writeFailed', { file, reason: (e as Error).message });
    throw e;
  } finally {
    if (rd.own) rd.db.close();
  }
}
