/**
 * Where the app's backups go and what they are called: `backups/` beside the database, a daily
 * `callback-desk-<date>.db` and, for one made on request or before a migration,
 * `callback-desk-<date>-<hhmmss>.db` (Asia/Shanghai), each kind rotated to the newest `keep`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { SHANGHAI_TZ } from '../../../shared/domain/shanghai';
import { shanghaiDate } from '../clock';

export const DAILY = /^callback-desk-(\d{4}-\d{2}-\d{2})\.db$/;
export const MANUAL = /^callback-desk-(\d{4}-\d{2}-\d{2})-(\d{6})\.db$/;

/** How many daily and how many manual backups are kept (each kind separately). */
export const BACKUPS_KEPT = 14;

/** The app's backup folder: `backups/` beside the database. */
export function backupDirFor(dbFile: string): string {
  return path.join(path.dirname(path.resolve(dbFile)), 'backups');
}

export const dailyName = (now: Date) => `callback-desk-${shanghaiDate(now)}.db`;

/** `callback-desk-<date>-<hhmmss>.db`, the Shanghai date and time of `now`. */
export function manualName(now: Date): string {
  const time = new Intl.DateTimeFormat('en-GB', {
    timeZone: SHANGHAI_TZ,
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  })
    .format(now)
    .replace(/:/g, '');
  return `callback-desk-${shanghaiDate(now)}-${time}.db`;
}

/** Keep only the newest `keep` files whose names match `pattern` (names sort by time). */
export function rotate(dir: string, pattern: RegExp, keep: number): void {
  const files = fs
    .readdirSync(dir)
    .filter((n) => pattern.test(n))
    .sort()
    .reverse();
  for (const old of files.slice(keep)) fs.rmSync(path.join(dir, old), { force: true });
}
