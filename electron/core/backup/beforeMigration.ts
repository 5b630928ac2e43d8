/**
 * The backup taken before migrations run on an existing file (`openDatabase`, a file whose
 * user_version is above 0 and below this build's): a backup like 立即备份's, in `backups/` beside
 * the database as `callback-desk-<date>-<hhmmss>.db` (listed in 备份, restorable, rotated with the
 * manual backups), a plain copy of the file (ID and phone numbers encrypted as in the file),
 * owner-only. Written with `VACUUM INTO` (synchronous, one consistent snapshot) under the hidden
 * temporary name the leftover sweep knows (`.<name>.<pid>.partial`), checked, then renamed.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { AppError } from '../../../shared/result';
import { commitFile, PRIVATE_FILE_MODE } from '../files';
import { BACKUPS_KEPT, backupDirFor, MANUAL, manualName, rotate } from './names';

/**
 * Copy the open database `db` (file `dbFile`, at schema version `version`) into its backup folder
 * before it is migrated. Returns the backup's path. Throws when the copy cannot be made or fails its
 * check (the caller then migrates nothing).
 */
export function backupBeforeMigration(db: Database.Database, dbFile: string, version: number, now: Date): string {
  const dir = backupDirFor(dbFile);
  fs.mkdirSync(dir, { recursive: true });
  // Never over another backup: a name already taken (same second) moves on by a second.
  let at = now.getTime();
  while (fs.existsSync(path.join(dir, manualName(new Date(at))))) at += 1000;
  const file = path.join(dir, manualName(new Date(at)));
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.partial`);
  try {
    // Created empty and owner-only before SQLite writes to it (VACUUM INTO accepts an empty file).
    fs.closeSync(fs.openSync(tmp, 'wx', PRIVATE_FILE_MODE));
    db.prepare('VACUUM INTO ?').run(tmp);
    const check = new Database(tmp, { fileMustExist: true });
    try {
      // One self-contained file, like every backup: rollback journal, no -wal/-shm beside it.
      check.pragma('journal_mode = DELETE');
      const rows = check.pragma('quick_check') as { quick_check: string }[];
      const copied = check.pragma('user_version', { simple: true }) as number;
      if (rows.length !== 1 || rows[0]!.quick_check !== 'ok' || copied !== version)
        throw new AppError('internal', 'errors.dbCorrupt', { file: tmp, reason: 'backup failed its check' });
    } finally {
      check.close();
    }
    commitFile(tmp, file);
  } finally {
    for (const f of [tmp, `${tmp}-wal`, `${tmp}-shm`, `${tmp}-journal`]) fs.rmSync(f, { force: true });
  }
  rotate(dir, MANUAL, BACKUPS_KEPT);
  return file;
}
