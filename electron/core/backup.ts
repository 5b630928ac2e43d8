/**
 * Backups of the branch database: `backup --out <file>` through SQLite's online backup API
 * (the app keeps working meanwhile), written under a temporary name and checked before it gets
 * its final name; `restore <file>` that refuses a file failing the full integrity check, a file
 * from a newer schema, or a file whose recorded keys differ from the key files beside the
 * database, and keeps the replaced database as `<db>.before-restore-<time>`; and the app's daily
 * rotating backup (one file a day, the newest `keep` kept).
 * Key files are not copied into backups (keys and data are kept apart); back them up separately.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { AppError } from '../../shared/result';
import { shanghaiDate } from './clock';
import { doctor, type DoctorReport } from './doctor';
import { checkOutFolder } from './files';
import { backupDatabase, type Db } from './db/open';
import { keyFileFor, parseKeyText } from './pii';
import { parseSigningKey, signingKeyFileFor } from './sync/keys';

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
    const fd = fs.openSync(tmp, 'r');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, file);
    return { file, bytes: fs.statSync(file).size, schemaVersion };
  } finally {
    for (const f of [tmp, `${tmp}-wal`, `${tmp}-shm`, `${tmp}-journal`]) fs.rmSync(f, { force: true });
  }
}

function recordedIds(file: string): { pii: string | null; sync: string | null } {
  const db = new Database(file, { readonly: true, fileMustExist: true });
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
export function checkBackup(src: string, dbFile: string): DoctorReport {
  const report = doctor(src);
  if (report.schemaVersion > report.supportedSchemaVersion)
    throw new AppError('conflict', 'errors.schemaTooNew', {
      found: report.schemaVersion,
      supported: report.supportedSchemaVersion,
    });
  if (!report.healthy)
    throw new AppError('invalid_input', 'errors.backupUnhealthy', {
      file: src,
      reason: [...new Set([report.integrity, report.foreignKeys, report.auditChain])]
        .filter((x) => x !== 'ok')
        .join('; ')
        .slice(0, 300),
    });
  const ids = recordedIds(src);
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
 * Replace `dbFile` with the backup `src` after `checkBackup`. The database must not be open in
 * the app. The replaced file is kept beside it; returns its name (null when there was none).
 */
export function restoreFrom(src: string, dbFile: string, now: Date): { keptAs: string | null; report: DoctorReport } {
  const from = path.resolve(src);
  const to = path.resolve(dbFile);
  if (from === to) throw new AppError('invalid_input', 'errors.backupOverOwnFile');
  const report = checkBackup(from, to);
  const tmp = `${to}.${process.pid}.restoring`;
  fs.copyFileSync(from, tmp);
  const fd = fs.openSync(tmp, 'r');
  fs.fsyncSync(fd);
  fs.closeSync(fd);
  let keptAs: string | null = null;
  if (fs.existsSync(to)) {
    // Fold the write-ahead log into the file first, so the kept copy is whole on its own; a
    // damaged file may refuse, and then its log files are kept beside it instead.
    try {
      const cur = new Database(to, { fileMustExist: true });
      try {
        cur.pragma('wal_checkpoint(TRUNCATE)');
      } finally {
        cur.close();
      }
    } catch {
      /* kept as it is, with its -wal and -shm */
    }
    keptAs = `${to}.before-restore-${now.toISOString().replace(/[:.]/g, '-')}`;
    fs.renameSync(to, keptAs);
    for (const ext of ['-wal', '-shm']) if (fs.existsSync(to + ext)) fs.renameSync(to + ext, keptAs + ext);
  }
  fs.renameSync(tmp, to);
  return { keptAs, report };
}

const DAILY = /^callback-desk-(\d{4}-\d{2}-\d{2})\.db$/;

/**
 * The app's daily backup: `callback-desk-<date>.db` (Asia/Shanghai date) in `dir` unless today's
 * exists; then only the newest `keep` daily files stay. Returns the file written, or null.
 */
export async function dailyBackup(db: Db, dir: string, now: Date, keep = 14): Promise<string | null> {
  fs.mkdirSync(dir, { recursive: true });
  const name = `callback-desk-${shanghaiDate(now)}.db`;
  let written: string | null = null;
  if (!fs.existsSync(path.join(dir, name))) written = (await backupTo(db, path.join(dir, name))).file;
  const daily = fs
    .readdirSync(dir)
    .filter((n) => DAILY.test(n))
    .sort()
    .reverse();
  for (const old of daily.slice(keep)) fs.rmSync(path.join(dir, old), { force: true });
  return written;
}

/** Daily backups in `dir` that pass `checkBackup` for `dbFile`, newest first (what a recovery may offer). */
export function usableBackups(dir: string, dbFile: string): string[] {
  if (!fs.existsSync(dir)) return [];
  const out: string[] = [];
  for (const name of fs
    .readdirSync(dir)
    .filter((n) => DAILY.test(n))
    .sort()
    .reverse()) {
    try {
      checkBackup(path.join(dir, name), dbFile);
      out.push(path.join(dir, name));
    } catch {
      /* damaged or foreign: not offered */
    }
  }
  return out;
}
