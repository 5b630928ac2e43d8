/**
 * Sign-in attempt counters keyed by a hash of the typed user name, for known and unknown names
 * alike (so a lockout says nothing about whether a name exists), kept in the database so a
 * restart neither forgets a lockout nor tells names apart. Active lockouts held in `users` move
 * here; `users.failed_logins` / `locked_until` are no longer used.
 */
import { throttleKey } from '../../auth/throttleKey';
import type { Migration } from './types';

export const m0008: Migration = {
  version: 8,
  name: 'login-throttle',
  up(db) {
    db.exec(`
      CREATE TABLE login_throttle (
        name_hash TEXT PRIMARY KEY,
        attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
        locked_until TEXT,
        last_at TEXT NOT NULL
      ) WITHOUT ROWID;
    `);
    const users = db
      .prepare(
        'SELECT username, failed_logins, locked_until FROM users WHERE failed_logins > 0 OR locked_until IS NOT NULL',
      )
      .all() as { username: string; failed_logins: number; locked_until: string | null }[];
    const ins = db.prepare(
      'INSERT INTO login_throttle (name_hash, attempts, locked_until, last_at) VALUES (?, ?, ?, ?)',
    );
    const now = new Date().toISOString();
    for (const u of users) ins.run(throttleKey(u.username), u.failed_logins, u.locked_until, now);
    db.exec('UPDATE users SET failed_logins = 0, locked_until = NULL');
  },
};
