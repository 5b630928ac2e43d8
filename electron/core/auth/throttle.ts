/**
 * The sign-in lockout: a counter per typed user name (known or not, see throttleKey) in
 * `login_throttle`. A password check first *reserves* an attempt — synchronously, in one
 * IMMEDIATE transaction, before any scrypt work — so however many guesses arrive at once, at most
 * `maxFailedLogins` are ever verified per lockout window; the rest are refused as `locked`
 * without a check. A good password ends the count, unless the name was locked meanwhile: then it
 * is refused too. The counter of a name with no failure for 24 hours is forgotten (for every name
 * alike, like a directory's "reset lockout counter after").
 * Why reserve in the database rather than in memory: the app, the harness and the CLI may share
 * one file, and a restart must not hand out five fresh guesses.
 */
import { AppError } from '../../../shared/result';
import type { Clock } from '../clock';
import { stmt, type Db } from '../db/open';
import { getSetting } from '../settings/store';
import { throttleKey } from './throttleKey';

const FORGET_MS = 24 * 3600_000;

interface Row {
  attempts: number;
  locked_until: string | null;
}

export type Reservation = { ok: true; key: string } | { ok: false; minutes: number; until: string | null };

function lockedMinutes(until: string, now: Date): number {
  return Math.max(1, Math.ceil((Date.parse(until) - now.getTime()) / 60_000));
}

function read(db: Db, key: string): Row | undefined {
  return stmt<[string], Row>(db, 'SELECT attempts, locked_until FROM login_throttle WHERE name_hash = ?').get(key);
}

/** Take one attempt for `username`, or say it is locked (for how many minutes). */
export function reserveAttempt(db: Db, clock: Clock, username: string): Reservation {
  const now = clock();
  const iso = now.toISOString();
  const key = throttleKey(username);
  const max = getSetting(db, 'maxFailedLogins');
  return db
    .transaction((): Reservation => {
      stmt(db, 'DELETE FROM login_throttle WHERE last_at < ? AND (locked_until IS NULL OR locked_until <= ?)').run(
        new Date(now.getTime() - FORGET_MS).toISOString(),
        iso,
      );
      const row = read(db, key);
      if (row?.locked_until && row.locked_until > iso)
        return { ok: false, minutes: lockedMinutes(row.locked_until, now), until: row.locked_until };
      const attempts = row && !row.locked_until ? row.attempts : 0;
      // Every slot is taken by a check still running: refuse, as the lockout it may end in.
      if (attempts >= max) return { ok: false, minutes: getSetting(db, 'lockoutMinutes'), until: null };
      stmt(
        db,
        `INSERT INTO login_throttle (name_hash, attempts, locked_until, last_at) VALUES (?, ?, NULL, ?)
         ON CONFLICT (name_hash) DO UPDATE SET attempts = excluded.attempts, locked_until = NULL, last_at = excluded.last_at`,
      ).run(key, attempts + 1, iso);
      return { ok: true, key };
    })
    .immediate();
}

/**
 * The reserved check failed. Returns the lockout's end when this failure (or one that ran beside
 * it) locked the name, else null. `onLockout` runs in the same transaction (for the audit entry).
 */
export function failAttempt(db: Db, clock: Clock, key: string, onLockout: (until: string) => void): string | null {
  const now = clock();
  const iso = now.toISOString();
  const max = getSetting(db, 'maxFailedLogins');
  const lockMinutes = getSetting(db, 'lockoutMinutes');
  return db
    .transaction((): string | null => {
      const row = read(db, key);
      if (row?.locked_until && row.locked_until > iso) return row.locked_until;
      // The reservation is the failure's count; it was forgotten only if a good password ended it.
      if (!row || row.attempts < max) {
        stmt(db, 'UPDATE login_throttle SET last_at = ? WHERE name_hash = ?').run(iso, key);
        return null;
      }
      const until = new Date(now.getTime() + lockMinutes * 60_000).toISOString();
      stmt(db, 'UPDATE login_throttle SET attempts = 0, locked_until = ?, last_at = ? WHERE name_hash = ?').run(
        until,
        iso,
        key,
      );
      onLockout(until);
      return until;
    })
    .immediate();
}

/** The reserved check succeeded: the count ends, unless the name was locked while it ran. */
export function succeedAttempt(db: Db, clock: Clock, key: string): void {
  const now = clock();
  db.transaction(() => {
    const row = read(db, key);
    if (row?.locked_until && row.locked_until > now.toISOString())
      throw new AppError('locked', 'errors.accountLocked', { minutes: lockedMinutes(row.locked_until, now) });
    stmt(db, 'DELETE FROM login_throttle WHERE name_hash = ?').run(key);
  }).immediate();
}

/** How many failures the name has now (for audit details). */
export function attemptsOf(db: Db, key: string): number {
  return read(db, key)?.attempts ?? 0;
}
