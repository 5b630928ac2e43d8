/** Migration 0008 (login_throttle): a lockout held in `users` before the upgrade still holds after it. */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { throttleKey } from '../../electron/core/auth/throttleKey';
import { migrate } from '../../electron/core/db/migrate';
import { MIGRATIONS, SCHEMA_VERSION } from '../../electron/core/db/migrations/index';
import { tempDir } from '../helpers';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe('migration 0008 login-throttle', () => {
  it('moves active lockouts and failure counts from users into login_throttle, by name hash', () => {
    const dir = tempDir('cbd-insider-auth-mig-');
    dirs.push(dir);
    const db = new Database(path.join(dir, 'branch.db'));
    const before = MIGRATIONS[MIGRATIONS.findIndex((m) => m.name === 'login-throttle') - 1]!.version;
    migrate(db, before);
    const until = new Date(Date.now() + 10 * 60_000).toISOString();
    const ins = db.prepare(
      `INSERT INTO users (username, display_name, role, password_hash, created_at, failed_logins, locked_until)
       VALUES (?, ?, 'officer', 'scrypt$x', '2026-11-20T00:00:00Z', ?, ?)`,
    );
    ins.run('wang', '王芳', 0, until);
    ins.run('li', '李雷', 3, null);
    ins.run('zhao', '赵敏', 0, null);
    migrate(db, SCHEMA_VERSION);
    const rows = db.prepare('SELECT name_hash, attempts, locked_until FROM login_throttle ORDER BY attempts').all();
    expect(rows).toEqual([
      { name_hash: throttleKey('wang'), attempts: 0, locked_until: until },
      { name_hash: throttleKey('li'), attempts: 3, locked_until: null },
    ]);
    expect(db.prepare('SELECT SUM(failed_logins) FROM users').pluck().get()).toBe(0);
    db.close();
  });
});
