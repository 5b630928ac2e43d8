import fs from 'node:fs';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../electron/core/db/migrate';
import { MIGRATIONS, SCHEMA_VERSION } from '../../electron/core/db/migrations/index';
import type { Migration } from '../../electron/core/db/migrations/types';
import { backupDatabase, openDatabase } from '../../electron/core/db/open';
import { AppError } from '../../shared/result';
import { tempDb } from '../helpers';

describe('opening a database', () => {
  it('creates the schema at the latest version with the pragmas of DESIGN §5', () => {
    const db = openDatabase(tempDb());
    expect(schemaVersion(db)).toBe(SCHEMA_VERSION);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all();
    expect(tables).toEqual(expect.arrayContaining(['branch', 'users', 'loans', 'parties', 'settings', 'audit_log']));
    db.close();
  });

  it('refuses a file written by a newer version, and leaves it untouched', () => {
    const file = tempDb();
    const raw = new Database(file);
    raw.pragma(`user_version = ${SCHEMA_VERSION + 5}`);
    raw.close();
    const before = fs.readFileSync(file);
    let err: unknown;
    try {
      openDatabase(file);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).message).toBe('errors.schemaTooNew');
    expect((err as AppError).params).toEqual({ found: SCHEMA_VERSION + 5, supported: SCHEMA_VERSION });
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });

  it('refuses a file that is not a database with a clear error', () => {
    const file = tempDb();
    fs.writeFileSync(file, Buffer.alloc(8192, 0x5a));
    expect(() => openDatabase(file)).toThrow(AppError);
  });

  it('reports a damaged file instead of opening it', () => {
    const file = tempDb();
    const db = openDatabase(file);
    db.exec('CREATE TABLE filler (x TEXT)');
    const ins = db.prepare('INSERT INTO filler VALUES (?)');
    db.transaction(() => {
      for (let i = 0; i < 2000; i++) ins.run('x'.repeat(200));
    })();
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    const fd = fs.openSync(file, 'r+');
    fs.writeSync(fd, Buffer.alloc(4096 * 3, 0xff), 0, 4096 * 3, 4096 * 4);
    fs.closeSync(fd);
    expect(() => openDatabase(file)).toThrow(/errors\.db(Corrupt|Unreadable)/);
  });
});

describe('migrations', () => {
  it('apply all pending steps in one transaction: a failing step leaves the file as it was', () => {
    const file = tempDb();
    openDatabase(file).close();
    const db = new Database(file);
    const bad: Migration = {
      version: SCHEMA_VERSION + 1,
      name: 'broken',
      up(d) {
        d.exec('CREATE TABLE half_done (x)');
        throw new Error('boom');
      },
    };
    expect(() => migrate(db, bad.version, [...MIGRATIONS, bad])).toThrow('boom');
    expect(schemaVersion(db)).toBe(SCHEMA_VERSION);
    expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'half_done'").pluck().get()).toBe(0);
    db.close();
  });

  it('move data: migrate to N-1, seed, migrate to N, assert (pattern for every data migration)', () => {
    const db = new Database(tempDb());
    const addColumn: Migration = {
      version: SCHEMA_VERSION + 1,
      name: 'users-upper',
      up(d) {
        d.exec('ALTER TABLE users ADD COLUMN username_upper TEXT');
        d.exec('UPDATE users SET username_upper = upper(username)');
      },
    };
    const all = [...MIGRATIONS, addColumn];
    migrate(db, SCHEMA_VERSION, all);
    db.prepare(
      "INSERT INTO users (username, display_name, role, password_hash, created_at) VALUES ('wang', '王', 'officer', 'x', '2026-01-01')",
    ).run();
    expect(migrate(db, addColumn.version, all)).toEqual([addColumn.version]);
    expect(db.prepare('SELECT username_upper FROM users').pluck().get()).toBe('WANG');
    expect(migrate(db, addColumn.version, all)).toEqual([]);
    db.close();
  });
});

describe('online backup', () => {
  it('copies a live database to a file that opens with the same rows', async () => {
    const db = openDatabase(tempDb());
    db.prepare("INSERT INTO settings (key, value, updated_at) VALUES ('k', '1', 'now')").run();
    const dest = tempDb();
    await backupDatabase(db, dest);
    db.close();
    const copy = openDatabase(dest);
    expect(copy.prepare("SELECT value FROM settings WHERE key = 'k'").pluck().get()).toBe('1');
    copy.close();
  });
});
