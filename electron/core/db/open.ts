/**
 * Opens a branch database: pragmas of DESIGN.md §5, newer-schema refusal, quick integrity check,
 * a backup of an existing file before it is migrated, migrations. Also the online backup.
 * Prepared statements are cached per connection by `stmt`.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { AppError } from '../../../shared/result';
import { backupBeforeMigration } from '../backup/beforeMigration';
import { systemClock, type Clock } from '../clock';
import { makePrivate, PRIVATE_FILE_MODE } from '../files';
import { ioErrorOf } from '../ioErrors';
import { assertNotNewer, migrate, schemaVersion } from './migrate';
import { m0007 } from './migrations/0007-mask-free-text';
import { MIGRATIONS } from './migrations/index';
import type { Migration } from './migrations/types';

const MASK_FREE_TEXT_VERSION = m0007.version;

export type Db = Database.Database;

export interface OpenOptions {
  /** Apply pending migrations (default true). */
  migrate?: boolean;
  /** Refuse to create a file that does not exist yet. */
  mustExist?: boolean;
  readonly?: boolean;
  /**
   * Back up an existing file (user_version above 0) before pending migrations run on it, into
   * `backups/` beside it (backup/beforeMigration.ts; default true). Off for a restore's copy,
   * which is made from a backup that stays.
   */
  backupBeforeMigration?: boolean;
  /** Names that backup (default: the system clock). */
  clock?: Clock;
  /** The migrations to apply, the last one's version being the latest (default: this build's; tests inject one). */
  migrations?: readonly Migration[];
}

export function quickCheck(db: Db): string {
  const rows = db.pragma('quick_check') as { quick_check: string }[];
  const msgs = rows.map((r) => r.quick_check);
  return msgs.length === 1 && msgs[0] === 'ok' ? 'ok' : msgs.join('; ');
}

/**
 * After old plaintext was masked in place: rewrite the file (VACUUM) so no page freed before
 * secure_delete was on still holds it, and empty the WAL that held the old page images.
 */
export function compactAfterMasking(db: Db): void {
  db.exec('VACUUM');
  db.pragma('wal_checkpoint(TRUNCATE)');
}

/**
 * A file a restore leaves beside the database (`<db>.<pid>.restoring`, `<db>.before-restore-<time>`),
 * or null. A missing database beside one means a restore went wrong (or someone moved the file):
 * the data is there to be put back, so a new empty database must not take its place.
 */
export function restoreLeftover(file: string): string | null {
  const base = path.basename(file);
  let names: string[];
  try {
    names = fs.readdirSync(path.dirname(path.resolve(file)));
  } catch {
    return null;
  }
  const mine = (n: string) =>
    n.startsWith(`${base}.`) && /^\.(\d+\.restoring|before-restore-[^/]+)$/.test(n.slice(base.length));
  return names.filter(mine).sort()[0] ?? null;
}

export function openDatabase(file: string, options: OpenOptions = {}): Db {
  const migrations = options.migrations ?? MIGRATIONS;
  const latest = migrations[migrations.length - 1]?.version ?? 0;
  const exists = fs.existsSync(file);
  if (!exists) {
    const left = restoreLeftover(file);
    if (left) throw new AppError('unavailable', 'errors.dbMissingRestoreLeft', { file, left });
  }
  if (!exists && (options.mustExist || options.readonly)) {
    throw new AppError('not_found', 'errors.dbMissing', { file });
  }
  if (!exists) fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  // Owner-only, also for a file made by an older version or with a wider umask. SQLite gives the
  // -wal and -shm files it creates the database file's mode, so they follow; existing ones are
  // narrowed below.
  if (exists && !options.readonly) makePrivate(file);
  let db: Db;
  try {
    db = new Database(file, { readonly: options.readonly ?? false, fileMustExist: exists });
  } catch (e) {
    throw (
      ioErrorOf(e, file) ??
      new AppError('unavailable', 'errors.dbUnreadable', { file, reason: String((e as Error).message) })
    );
  }
  try {
    db.pragma('busy_timeout = 5000');
    // Read-only checks first, so a refused file is left exactly as it was.
    // Reading the header fails fast on a file that is not a database at all.
    const integrity = quickCheck(db);
    if (integrity !== 'ok') {
      throw new AppError('internal', 'errors.dbCorrupt', { file, reason: integrity.slice(0, 200) });
    }
    assertNotNewer(db, latest);
    if (!options.readonly) {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = FULL');
      makePrivate(file);
      for (const ext of ['-wal', '-shm']) makePrivate(file + ext);
    }
    db.pragma('foreign_keys = ON');
    // Deleted and overwritten rows are zeroed on disk, not left in free pages where a copy of
    // the file would still show the plaintext a masked note replaced (SQLite's own mechanism;
    // costs a little write I/O, which a branch database can afford).
    if (!options.readonly) db.pragma('secure_delete = ON');
    // 64 MiB page cache: imports touch several random-keyed indexes; the 2 MiB default thrashes.
    db.pragma('cache_size = -65536');
    if (options.migrate !== false && !options.readonly) {
      // A file made by an older build is copied whole first: a migration that goes wrong in a way
      // no transaction undoes (a data change found wrong later) can then be undone from 备份.
      // A failed copy stops the opening here, before anything is migrated.
      const from = schemaVersion(db);
      if (from > 0 && from < latest && options.backupBeforeMigration !== false)
        backupBeforeMigration(db, file, from, (options.clock ?? systemClock)());
      const applied = migrate(db, latest, migrations);
      // 0007 masked old free text in place: no copy of the plaintext may stay behind in this file
      // (the backup taken above is the file as it was: docs/security.md, "What is left").
      if (applied.includes(MASK_FREE_TEXT_VERSION)) compactAfterMasking(db);
    }
    return db;
  } catch (e) {
    db.close();
    if (e instanceof AppError) throw e;
    const io = ioErrorOf(e, file); // locked by another program, read-only, full: said plainly
    if (io) throw io;
    throw new AppError('unavailable', 'errors.dbUnreadable', { file, reason: String((e as Error).message) });
  }
}

const cache = new WeakMap<Db, Map<string, Database.Statement>>();

/** A prepared statement cached on its connection. */
export function stmt<P extends unknown[] | object = unknown[], R = unknown>(
  db: Db,
  sql: string,
): Database.Statement<P, R> {
  let m = cache.get(db);
  if (!m) {
    m = new Map();
    cache.set(db, m);
  }
  let s = m.get(sql);
  if (!s) {
    s = db.prepare(sql);
    m.set(sql, s);
  }
  return s as unknown as Database.Statement<P, R>;
}

const backingUp = new WeakMap<Db, number>();

/** Online backup to `dest` while the database stays open for writers. */
export async function backupDatabase(db: Db, dest: string): Promise<void> {
  fs.mkdirSync(path.dirname(path.resolve(dest)), { recursive: true });
  // Created owner-only before SQLite writes to it (an empty file is an empty database to SQLite),
  // so even a backup killed half-way never leaves a readable copy of the data.
  if (!fs.existsSync(dest)) fs.closeSync(fs.openSync(dest, 'wx', PRIVATE_FILE_MODE));
  backingUp.set(db, (backingUp.get(db) ?? 0) + 1);
  try {
    await db.backup(dest);
  } finally {
    backingUp.set(db, backingUp.get(db)! - 1);
  }
}

/** Whether an online backup of `db` is being written (the connection must stay open meanwhile). */
export function backupRunning(db: Db): boolean {
  return (backingUp.get(db) ?? 0) > 0;
}
