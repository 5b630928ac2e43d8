/**
 * The login session of the one app window (or of one harness process): login with lockout after
 * repeated failures (see throttle.ts), logout, manual and idle lock, unlock with the same user's
 * password.
 * Logins, failures, lockouts and locks go to the audit log.
 */
import type { SessionView, UserView } from '../../../shared/contract';
import { AppError } from '../../../shared/result';
import { appendAudit } from '../audit/log';
import { getBranch } from '../branch';
import type { Clock } from '../clock';
import { stmt, type Db } from '../db/open';
import { getSetting } from '../settings/store';
import { DUMMY_HASH, verifierBusy, verifyPassword } from './password';
import { attemptsOf, failAttempt, reserveAttempt, succeedAttempt } from './throttle';
import { findUser, getUser, toUserView, type UserRow } from '../users/users';

export class Session {
  private user: UserView | null = null;
  private locked = false;
  private lastActivity = 0;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  get current(): UserView | null {
    return this.user;
  }

  get isLocked(): boolean {
    return this.locked;
  }

  view(): SessionView {
    return {
      user: this.user,
      locked: this.locked,
      idleLockMinutes: getSetting(this.db, 'idleLockMinutes'),
      branch: getBranch(this.db),
    };
  }

  /** Record activity; lock first if the idle limit has passed since the last call. */
  touch(): void {
    if (!this.user || this.locked) return;
    const now = this.clock().getTime();
    const limit = getSetting(this.db, 'idleLockMinutes') * 60_000;
    if (now - this.lastActivity >= limit) {
      this.lock('idle');
      return;
    }
    this.lastActivity = now;
  }

  async login(username: string, password: string): Promise<SessionView> {
    const found = findUser(this.db, username);
    await this.checkPassword(found, username, password, 'auth.login_failed');
    // Re-read: the account may have been changed or deactivated while the password was checked.
    const row = found && getUser(this.db, found.id);
    if (!row || !row.active) throw new AppError('unauthenticated', 'errors.invalidCredentials');
    const now = this.clock();
    this.db.transaction(() => {
      stmt(this.db, 'UPDATE users SET last_login_at = ? WHERE id = ?').run(now.toISOString(), row.id);
      appendAudit(
        this.db,
        { actor: row.username, action: 'auth.login', entity: 'user', entityId: String(row.id) },
        now,
      );
    })();
    this.user = toUserView(row);
    this.locked = false;
    this.lastActivity = now.getTime();
    return this.view();
  }

  logout(): SessionView {
    if (this.user) this.audit(this.user.username, 'auth.logout', {});
    this.user = null;
    this.locked = false;
    return this.view();
  }

  lock(reason: 'manual' | 'idle'): SessionView {
    if (this.user && !this.locked) {
      this.locked = true;
      this.audit(this.user.username, 'auth.session_locked', { reason });
    }
    return this.view();
  }

  async unlock(password: string): Promise<SessionView> {
    if (!this.user) throw new AppError('unauthenticated', 'errors.notSignedIn');
    if (!this.locked) return this.view();
    const row = this.signedInRow();
    await this.checkSignedIn(row, password, 'auth.unlock_failed');
    if (!this.locked) return this.view();
    this.audit(row.username, 'auth.session_unlocked', {});
    this.locked = false;
    this.lastActivity = this.clock().getTime();
    return this.view();
  }

  /**
   * Ask the signed-in user for their password again before a drastic step (a restore). A wrong
   * password counts toward the lockout like a failed unlock; a lockout signs the user out.
   */
  async confirmPassword(password: string): Promise<void> {
    await this.checkSignedIn(this.signedInRow(), password, 'auth.confirm_failed');
  }

  /** The signed-in user's account row; signs out (and refuses) when it is gone or deactivated. */
  private signedInRow(): UserRow {
    const row = this.user ? getUser(this.db, this.user.id) : undefined;
    if (!row || !row.active) {
      this.user = null;
      this.locked = false;
      throw new AppError('unauthenticated', 'errors.notSignedIn');
    }
    return row;
  }

  /** The signed-in user typed their password: a lockout (now or already) signs them out. */
  private async checkSignedIn(row: UserRow, password: string, failAction: string): Promise<void> {
    try {
      await this.checkPassword(row, row.username, password, failAction);
    } catch (e) {
      if (e instanceof AppError && e.code === 'locked' && this.user?.id === row.id) {
        this.user = null;
        this.locked = false;
      }
      throw e;
    }
    // Signed out (or another user signed in) while the password was being checked.
    if (this.user?.id !== row.id) throw new AppError('unauthenticated', 'errors.notSignedIn');
  }

  /**
   * Check `password` for the typed name (`row` when the name exists, else a dummy of the same
   * cost), through the lockout: the attempt is reserved before scrypt runs, and a lockout refuses
   * even the right password. Known and unknown names take the same steps, answers and time.
   * Returns when the password is right; throws `unauthenticated`, `locked` or `unavailable`.
   */
  private async checkPassword(row: UserRow | undefined, username: string, password: string, failAction: string) {
    // Never queue more checks than the gate holds: a burst is refused at once, not served late.
    if (verifierBusy()) throw new AppError('unavailable', 'errors.signInBusy');
    const slot = reserveAttempt(this.db, this.clock, username);
    if (!slot.ok) {
      this.audit(row?.username ?? null, 'auth.login_refused_locked', row ? {} : { reason: 'unknown_user' });
      throw new AppError('locked', 'errors.accountLocked', { minutes: slot.minutes });
    }
    const good = await verifyPassword(password, row ? row.password_hash : DUMMY_HASH);
    if (good && row) {
      succeedAttempt(this.db, this.clock, slot.key);
      return;
    }
    const now = this.clock();
    const lockMinutes = getSetting(this.db, 'lockoutMinutes');
    const until = this.db.transaction(() => {
      appendAudit(
        this.db,
        row
          ? {
              actor: row.username,
              action: failAction,
              entity: 'user',
              entityId: String(row.id),
              details: { failures: attemptsOf(this.db, slot.key) },
            }
          : { actor: null, action: failAction, details: { username, reason: 'unknown_user' } },
        now,
      );
      return failAttempt(this.db, this.clock, slot.key, (lockedUntil) =>
        appendAudit(
          this.db,
          row
            ? {
                actor: row.username,
                action: 'auth.lockout',
                entity: 'user',
                entityId: String(row.id),
                details: { until: lockedUntil },
              }
            : { actor: null, action: 'auth.lockout', details: { until: lockedUntil, reason: 'unknown_user' } },
          now,
        ),
      );
    })();
    if (until)
      throw new AppError('locked', 'errors.accountLocked', {
        minutes: Math.min(lockMinutes, Math.max(1, Math.ceil((Date.parse(until) - now.getTime()) / 60_000))),
      });
    throw new AppError('unauthenticated', 'errors.invalidCredentials');
  }

  private audit(actor: string | null, action: string, details: Record<string, unknown>): void {
    const now = this.clock();
    this.db.transaction(() => appendAudit(this.db, { actor, action, details }, now))();
  }
}
