/**
 * Issue #17 "Migrations": opening a file made by an older build backs it up first (backups/ beside
 * it, like 立即备份's, owner-only); a failed migration leaves the old version and the backup; a
 * fresh file, an up-to-date one and a restore's copy take none; the leftover sweep keeps it.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { backupDirFor, listBackups, replaceWith } from '../../electron/core/backup/store';
import { migrate, schemaVersion } from '../../electron/core/db/migrate';
import { MIGRATIONS, SCHEMA_VERSION } from '../../electron/core/db/migrations/index';
import type { Migration } from '../../electron/core/db/migrations/types';
import { openDatabase } from '../../electron/core/db/open';
import { sweepLeftovers } from '../../electron/core/leftovers';
import { AppError } from '../../shared/result';
import { tempDb, tempDir, TestClock } from '../helpers';

/** 2026-11-20 10:00:00 in Shanghai. */
const clock = new TestClock(Date.parse('2026-11-20T02:00:00Z'));

/** A file as an older build left it: migrated to `version`, with a user and a setting in it. */
function oldFile(version: number, file = tempDb()): string {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  migrate(db, version);
  db.prepare(
    "INSERT INTO users (username, display_name, role, password_hash, created_at) VALUES ('wang', '王', 'officer', 'x', '2026-01-01')",
  ).run();
  db.prepare("INSERT INTO settings (key, value, updated_at) VALUES ('k', '\"old\"', '2026-01-01')").run();
  db.close();
  return file;
}

const backupsOf = (file: string) => {
  const dir = backupDirFor(file);
  return fs.existsSync(dir) ? fs.readdirSync(dir).sort() : [];
};

const modeOf = (file: string) => fs.statSync(file).mode & 0o777;

describe('a backup before a migration', () => {
  it.each([1, SCHEMA_VERSION - 1])('is taken when a file at version %i is opened, and holds that version', (v) => {
    const file = oldFile(v);
    const db = openDatabase(file, { clock: clock.now });
    expect(schemaVersion(db)).toBe(SCHEMA_VERSION);
    db.close();

    expect(backupsOf(file)).toEqual(['callback-desk-2026-11-20-100000.db']);
    const backup = path.join(backupDirFor(file), 'callback-desk-2026-11-20-100000.db');
    if (process.platform !== 'win32') expect(modeOf(backup)).toBe(0o600);
    // Listed in 备份 like a backup made there, so it can be described and restored.
    expect(listBackups(backupDirFor(file))).toEqual([
      expect.objectContaining({ name: 'callback-desk-2026-11-20-100000.db', kind: 'manual' }),
    ]);
    const copy = new Database(backup, { fileMustExist: true });
    try {
      expect(schemaVersion(copy)).toBe(v);
      expect(copy.pragma('journal_mode', { simple: true })).toBe('delete');
      expect(copy.pragma('quick_check', { simple: true })).toBe('ok');
      expect(copy.prepare("SELECT display_name FROM users WHERE username = 'wang'").pluck().get()).toBe('王');
      expect(copy.prepare("SELECT value FROM settings WHERE key = 'k'").pluck().get()).toBe('"old"');
    } finally {
      copy.close();
    }
    // One self-contained file: no temporary copy, no -wal/-shm beside it.
    expect(backupsOf(file)).toEqual(['callback-desk-2026-11-20-100000.db']);

    // Opened again (now up to date): no second backup.
    openDatabase(file, { clock: clock.now }).close();
    expect(backupsOf(file)).toHaveLength(1);
  });

  it('is not taken for a fresh file or one already at the latest version', () => {
    const fresh = tempDb();
    openDatabase(fresh, { clock: clock.now }).close();
    expect(fs.existsSync(backupDirFor(fresh))).toBe(false);
    openDatabase(fresh, { clock: clock.now }).close();
    expect(fs.existsSync(backupDirFor(fresh))).toBe(false);
  });

  it('is not taken when migrations are not applied, or the file is opened read-only', () => {
    const file = oldFile(SCHEMA_VERSION - 1);
    openDatabase(file, { clock: clock.now, migrate: false }).close();
    openDatabase(file, { clock: clock.now, readonly: true }).close();
    expect(backupsOf(file)).toEqual([]);
  });

  it('stays, with the old version in the file, when a migration fails', () => {
    const file = oldFile(SCHEMA_VERSION);
    const bad: Migration = {
      version: SCHEMA_VERSION + 10,
      name: 'broken',
      up(d) {
        d.exec('CREATE TABLE half_done (x)');
        throw new Error('boom');
      },
    };
    let err: unknown;
    try {
      openDatabase(file, { clock: clock.now, migrations: [...MIGRATIONS, bad] }).close();
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).message).toBe('errors.dbUnreadable');
    expect((err as AppError).params).toMatchObject({ reason: 'boom' });

    const db = new Database(file, { fileMustExist: true });
    try {
      expect(schemaVersion(db)).toBe(SCHEMA_VERSION);
      expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'half_done'").pluck().get()).toBe(0);
    } finally {
      db.close();
    }
    expect(backupsOf(file)).toEqual(['callback-desk-2026-11-20-100000.db']);
    const copy = new Database(path.join(backupDirFor(file), backupsOf(file)[0]!), { fileMustExist: true });
    try {
      expect(schemaVersion(copy)).toBe(SCHEMA_VERSION);
      expect(copy.prepare("SELECT count(*) FROM users WHERE username = 'wang'").pluck().get()).toBe(1);
    } finally {
      copy.close();
    }
  });

  it('stops the opening, with nothing migrated, when the copy cannot be made', () => {
    const file = oldFile(SCHEMA_VERSION - 1);
    fs.writeFileSync(backupDirFor(file), 'a file where the backup folder should be');
    expect(() => openDatabase(file, { clock: clock.now })).toThrow(AppError);
    const db = new Database(file, { fileMustExist: true });
    try {
      expect(schemaVersion(db)).toBe(SCHEMA_VERSION - 1);
    } finally {
      db.close();
    }
    expect(fs.readdirSync(path.dirname(file)).sort()).toEqual(['backups', 'branch.db']);
  });

  it('never takes the name of another backup made in the same second', () => {
    const dir = tempDir();
    const a = oldFile(SCHEMA_VERSION - 1, path.join(dir, 'a.db'));
    const b = oldFile(SCHEMA_VERSION - 1, path.join(dir, 'b.db'));
    openDatabase(a, { clock: clock.now }).close();
    openDatabase(b, { clock: clock.now }).close();
    expect(backupsOf(a)).toEqual(['callback-desk-2026-11-20-100000.db', 'callback-desk-2026-11-20-100001.db']);
  });

  it('is kept by the leftover sweep, which removes only the temporary copies of ended processes', () => {
    const file = oldFile(SCHEMA_VERSION - 1);
    openDatabase(file, { clock: clock.now }).close();
    const dir = backupDirFor(file);
    // A copy a killed process was writing (its process id is not running).
    const dead = path.join(dir, '.callback-desk-2026-11-20-100001.db.999999999.partial');
    fs.writeFileSync(dead, 'half a copy');
    sweepLeftovers(file, dir, tempDir());
    expect(backupsOf(file)).toEqual(['callback-desk-2026-11-20-100000.db']);
  });

  it('is not taken of a restore’s copy: the backup it restores stays as it was', () => {
    const dbFile = oldFile(SCHEMA_VERSION);
    openDatabase(dbFile).close();
    const src = oldFile(SCHEMA_VERSION - 1, path.join(tempDir(), 'old-backup.db'));
    replaceWith(src, dbFile, clock.now(), () => 0);
    const db = openDatabase(dbFile, { mustExist: true, clock: clock.now });
    expect(schemaVersion(db)).toBe(SCHEMA_VERSION);
    db.close();
    expect(backupsOf(dbFile)).toEqual([]);
    expect(backupsOf(src)).toEqual([]);
  });
});
