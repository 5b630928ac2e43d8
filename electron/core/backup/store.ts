/**
 * Backups of the branch database: `backup --out <file>` through SQLite's online backup API
 * (the app keeps working meanwhile), written under a temporary name and checked before it gets
 * its final name; `restore <file>` that refuses a file failing the full integrity check, a file
 * from a newer schema, or a file whose recorded keys differ from the key files beside the
 * database, and keeps the replaced database as `<db>.before-restore-<time>`; and the app's daily
 * rotating backup (one file a day, the newest `keep` kept) and the backups made from the 设置 page
 * (`callback-desk-<date>-<hhmmss>.db`, rotated the same way), both in `backups/` beside the database.
 * Key files are not copied into backups (keys and data are kept apart); back them up separately.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { BACKUP_NAME, type BackupEntryView } from '../../../shared/contract/backup';
import { AppError } from '../../../shared/result';
import { doctor, type DoctorReport } from '../doctor';
import { checkOutFolder, commitFile, makePrivate, removeOrphanTemps } from '../files';
import { sweepWriterTemps } from '../leftovers';
import { backupDatabase, openDatabase, type Db } from '../db/open';
import { outboxHighWater } from '../sync/outbox';
import { keyFileFor, parseKeyText } from '../pii/cipher';
import { parseSigningKey, signingKeyFileFor } from '../sync/keys';
import { BACKUPS_KEPT, DAILY, dailyName, MANUAL, manualName, rotate } from './names';

export { BACKUPS_KEPT, backupDirFor } from './names';

/** Key ids the running app holds, checked against the ids a backup recorded. */
export interface KeyIds {
  pii?: string | undefined;
  sync?: string | undefined;
}

export interface BackupResult {
  file: string;
  bytes: number;
  schemaVersion: number;
}

/** Online backup of an open database to `dest` (complete under its final name, or not there at all). */
export async function backupTo(db: Db, dest: string): Promise<BackupResult> {
  const file = checkOutFolder(dest);
  const dir = path.dirname(file);
  if (path.resolve(db.name) === file) throw new AppError('invalid_input', 'errors.backupOverOwnFile');
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.partial`);
  sweepWriterTemps(dir); // copies a killed backup left here (whole copies of the data)
  try {
    await backupDatabase(db, tmp);
    // A backup is one self-contained file: rollback journal, not WAL (no -wal/-shm beside it).
    const check = new Database(tmp, { fileMustExist: true });
    let schemaVersion: number;
    try {
      check.pragma('journal_mode = DELETE');
      const rows = check.pragma('quick_check') as { quick_check: string }[];
      if (rows.length !== 1 || rows[0]!.quick_check !== 'ok')
        throw new AppError('internal', 'errors.dbCorrupt', { file: tmp, reason: 'backup failed its check' });
      schemaVersion = check.pragma('user_version', { simple: true }) as number;
    } finally {
      check.close();
    }
    commitFile(tmp, file);
    return { file, bytes: fs.statSync(file).size, schemaVersion };
  } finally {
    for (const f of [tmp, `${tmp}-wal`, `${tmp}-shm`, `${tmp}-journal`]) fs.rmSync(f, { force: true });
  }
}

function recordedIds(file: string): { pii: string | null; sync: string | null } {
  // Not read-only: a read-only connection to a WAL-mode file leaves -wal/-shm files behind it,
  // while a read-write one that writes nothing removes them when it closes (as doctor's does).
  const db = new Database(file, { fileMustExist: true });
  try {
    const get = (k: string) => {
      const row = db.prepare('SELECT value FROM settings WHERE key = ?').get(k) as { value: string } | undefined;
      return row ? (JSON.parse(row.value) as string) : null;
    };
    return { pii: get('pii.keyId'), sync: get('sync.keyId') };
  } finally {
    db.close();
  }
}

/**
 * Check a backup file without changing anything: full integrity check, foreign keys, the audit
 * chain and the schema version (a newer one is refused); and that the key files beside `dbFile`,
 * if any, are the keys the backup was written with.
 */
export function checkBackup(src: string, dbFile: string, keyIds: KeyIds = {}): DoctorReport {
  const report = doctor(src);
  if (report.schemaVersion > report.supportedSchemaVersion)
    throw new AppError('conflict', 'errors.schemaTooNew', {
      found: report.schemaVersion,
      supported: report.supportedSchemaVersion,
    });
  if (!report.healthy)
    throw new AppError('invalid_input', 'errors.backupUnhealthy', {
      file: src,
      reason: [
        ...new Set([
          report.integrity,
          report.foreignKeys,
          report.auditChain,
          report.rows.problemCount > 0 ? `${report.rows.problemCount} row(s) differ from the audit log` : 'ok',
        ]),
      ]
        .filter((x) => x !== 'ok')
        .join('; ')
        .slice(0, 300),
    });
  const ids = recordedIds(src);
  // Keys the running app holds (unwrapped from safeStorage, so there may be no key file to read).
  if ((ids.pii && keyIds.pii && ids.pii !== keyIds.pii) || (ids.sync && keyIds.sync && ids.sync !== keyIds.sync))
    throw new AppError('invalid_input', 'errors.backupOtherKeysHeld');
  const piiFile = keyFileFor(dbFile);
  if (ids.pii && fs.existsSync(piiFile) && parseKeyText(fs.readFileSync(piiFile, 'utf8'), piiFile).keyId !== ids.pii)
    throw new AppError('invalid_input', 'errors.backupOtherKeys', { file: piiFile });
  const signFile = signingKeyFileFor(dbFile);
  if (
    ids.sync &&
    fs.existsSync(signFile) &&
    parseSigningKey(fs.readFileSync(signFile, 'utf8'), signFile).keyId !== ids.sync
  )
    throw new AppError('invalid_input', 'errors.backupOtherKeys', { file: signFile });
  return report;
}

/**
 * Replace `dbFile` with the backup `src` after `checkBackup` (`replaceWith`, `finish` run in the new
 * file first). The database must not be open in the app. The replaced file is kept beside it.
 */
export function restoreFrom(
  src: string,
  dbFile: string,
  now: Date,
  finish: RestoreFinish,
  keyIds: KeyIds = {},
): { keptAs: string | null; outboxContinuesAfter: number; report: DoctorReport } {
  const from = path.resolve(src);
  const to = path.resolve(dbFile);
  if (from === to) throw new AppError('invalid_input', 'errors.backupOverOwnFile');
  const report = checkBackup(from, to, keyIds);
  return { ...replaceWith(from, to, now, finish), report };
}

/**
 * What a restore writes into the new file before it takes the database's name: the outbox
 * continuation and the `backup.restored` audit entry (restore.ts `afterRestore`). Gets the restored
 * copy (open, migrated), the replaced file's outbox high water (null when it cannot be read) and the
 * name the replaced file is kept under; returns the number the outbox continues after.
 */
export type RestoreFinish = (db: Db, replacedHighWater: number | null, keptAs: string | null) => number;

/** Temporary files of a restore: `<db>.<pid>.restoring` (and its SQLite side files). */
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const restoringPattern = (to: string) =>
  new RegExp('^' + escapeRe(path.basename(to)) + '\\.(\\d+)\\.restoring(-wal|-shm|-journal)?$');

/** Copy `from` to `to` as a hard link where the file system allows, else as a durable copy. */
function keepCopy(from: string, to: string): void {
  try {
    fs.linkSync(from, to);
  } catch {
    const tmp = `${to}.${process.pid}.partial`;
    fs.copyFileSync(from, tmp);
    commitFile(tmp, to);
  }
}

/**
 * The file swap of a restore, for a backup already checked with `checkBackup`. At every instant a
 * whole database carries the database's name, the old one or the new one (a kill at any point
 * leaves one of them, never none, and never a new one without its outbox continuation):
 * 1. copy the backup to `<db>.<pid>.restoring`, open it (older backups are migrated here) and run
 *    `finish` in it: the outbox continuation past the replaced file's numbers and the audit entry;
 *    switch it to a rollback journal and close it, so it is one self-contained file; fsync;
 * 2. keep the old file as `<db>.before-restore-<time>` by a hard link (or a copy), not by renaming
 *    the live file away;
 * 3. rename the new file over the database's name (atomic on one file system) and fsync the folder.
 * Why this order: rename(2) replaces a name atomically, so readers and a restart see either file
 * whole, and the numbers a restore promises head office are inside the file that makes them true.
 * The database must not be open. Returns the kept file's path (null when there was none).
 */
export function replaceWith(
  src: string,
  dbFile: string,
  now: Date,
  finish: RestoreFinish,
): { keptAs: string | null; outboxContinuesAfter: number } {
  const from = path.resolve(src);
  const to = path.resolve(dbFile);
  const dir = path.dirname(to);
  // Restores killed earlier leave their temporary copies; the database was never without a file.
  removeOrphanTemps(dir, restoringPattern(to));
  const tmp = `${to}.${process.pid}.restoring`;
  const sideFiles = (f: string) => [f, `${f}-wal`, `${f}-shm`, `${f}-journal`];
  try {
    fs.copyFileSync(from, tmp);
    let replacedHighWater: number | null = null;
    let keptAs: string | null = null;
    if (fs.existsSync(to)) {
      // Fold the write-ahead log into the file first, so the kept copy is whole on its own, and read
      // how far its outbox went; a damaged file may refuse both: its log files are kept beside it.
      try {
        const cur = new Database(to, { fileMustExist: true });
        try {
          cur.pragma('wal_checkpoint(TRUNCATE)');
          replacedHighWater = outboxHighWater(cur);
        } finally {
          cur.close();
        }
      } catch {
        replacedHighWater = null;
      }
      const stamp = `${to}.before-restore-${now.toISOString().replace(/[:.]/g, '-')}`;
      keptAs = stamp;
      for (let i = 2; fs.existsSync(keptAs); i++) keptAs = `${stamp}-${i}`; // never over an earlier kept copy
    }
    // The backup it was copied from stays where it is: no second copy before its migrations.
    const db = openDatabase(tmp, { mustExist: true, backupBeforeMigration: false });
    let outboxContinuesAfter: number;
    try {
      outboxContinuesAfter = finish(db, replacedHighWater, keptAs);
      db.pragma('journal_mode = DELETE');
    } finally {
      db.close();
    }
    if (keptAs) {
      keepCopy(to, keptAs);
      makePrivate(keptAs); // the replaced data stays owner-only
      // A log left beside a damaged file must not be applied to the new one: it goes with the kept copy.
      for (const ext of ['-wal', '-shm'])
        if (fs.existsSync(to + ext)) {
          keepCopy(to + ext, keptAs + ext);
          makePrivate(keptAs + ext);
          fs.rmSync(to + ext, { force: true });
        }
    }
    commitFile(tmp, to);
    return { keptAs, outboxContinuesAfter };
  } finally {
    for (const f of sideFiles(tmp)) fs.rmSync(f, { force: true });
  }
}

/**
 * The app's daily backup: `callback-desk-<date>.db` (Asia/Shanghai date) in `dir` unless today's
 * exists; then only the newest `keep` daily files stay. Returns the file written, or null.
 */
export async function dailyBackup(db: Db, dir: string, now: Date, keep = BACKUPS_KEPT): Promise<string | null> {
  fs.mkdirSync(dir, { recursive: true });
  const name = dailyName(now);
  let written: string | null = null;
  if (!fs.existsSync(path.join(dir, name))) written = (await backupTo(db, path.join(dir, name))).file;
  rotate(dir, DAILY, keep);
  return written;
}

/** A backup made on request (设置 → 立即备份): `callback-desk-<date>-<hhmmss>.db`, newest `keep` kept. */
export async function manualBackup(db: Db, dir: string, now: Date, keep = BACKUPS_KEPT): Promise<BackupResult> {
  fs.mkdirSync(dir, { recursive: true });
  const r = await backupTo(db, path.join(dir, manualName(now)));
  rotate(dir, MANUAL, keep);
  return r;
}

/**
 * The backups in `dir`, newest first, `at` being when the file was written (its modification
 * time). Listing does not check them (a full check reads every page).
 */
export function listBackups(dir: string): BackupEntryView[] {
  if (!fs.existsSync(dir)) return [];
  const out: BackupEntryView[] = [];
  for (const name of fs.readdirSync(dir)) {
    const kind = DAILY.test(name) ? 'daily' : MANUAL.test(name) ? 'manual' : null;
    if (!kind) continue;
    const st = fs.statSync(path.join(dir, name));
    if (!st.isFile()) continue;
    out.push({ name, kind, at: st.mtime.toISOString(), bytes: st.size });
  }
  return out.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : a.name < b.name ? 1 : -1));
}

/** The path of backup `name` in `dir`; only a backup's own file name is accepted (no paths). */
export function backupFile(dir: string, name: string): string {
  if (!BACKUP_NAME.test(name)) throw new AppError('invalid_input', 'errors.invalidInput', { field: 'name' });
  const file = path.join(dir, name);
  if (!fs.existsSync(file)) throw new AppError('not_found', 'errors.backupMissing', { name });
  return file;
}

/** Backups in `dir` that pass `checkBackup` for `dbFile`, newest first (what a recovery may offer). */
export function usableBackups(dir: string, dbFile: string, keyIds: KeyIds = {}): string[] {
  const out: string[] = [];
  for (const b of listBackups(dir)) {
    try {
      checkBackup(path.join(dir, b.name), dbFile, keyIds);
      out.push(path.join(dir, b.name));
    } catch {
      /* damaged or foreign: not offered */
    }
  }
  return out;
}
