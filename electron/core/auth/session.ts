/**
 * The login session of the one app window (or of one harness process): login with lockout after
 * repeated failures, logout, manual and idle lock, unlock with the same user's password.
 * Logins, failures, lockouts and locks go to the audit log.
 */
import type { SessionView, UserView } from '../../../shared/contract';
import { AppError } from '../../../shared/result';
import { appendAudit } from '../audit';
import { getBranch } from '../branch';
import type { Clock } from '../clock';
import { stmt, type Db } from '../db/open';
import { getSetting } from '../settings';
import { dummyHash, verifyPassword } from './password';
import { findUser, getUser, toUserView, type UserRow } from './users';

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
    const row = findUser(this.db, username);
    if (!row) {
      await verifyPassword(password, await dummyHash());
      this.audit(null, 'auth.login_failed', { username, reason: 'unknown_user' });
      throw new AppError('unauthenticated', 'errors.invalidCredentials');
    }
    this.assertNotLockedOut(row);
    const good = await verifyPassword(password, row.password_hash);
    if (!good) this.recordFailure(row, 'auth.login_failed');
    const now = this.clock();
    this.db.transaction(() => {
      stmt(this.db, 'UPDATE users SET failed_logins = 0, locked_until = NULL, last_login_at = ? WHERE id = ?').run(
        now.toISOString(),
        row.id,
      );
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
    const row = getUser(this.db, this.user.id);
    if (!row || !row.active) {
      this.user = null;
      this.locked = false;
      throw new AppError('unauthenticated', 'errors.notSignedIn');
    }
    try {
      this.assertNotLockedOut(row);
    } catch (e) {
      this.user = null;
      this.locked = false;
      throw e;
    }
    if (!(await verifyPassword(password, row.password_hash))) this.wrongPassword(row, 'auth.unlock_failed');
    stmt(this.db, 'UPDATE users SET failed_logins = 0 WHERE id = ?').run(row.id);
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
    const row = this.user ? getUser(this.db, this.user.id) : undefined;
    if (!row || !row.active) {
      this.user = null;
      this.locked = false;
      throw new AppError('unauthenticated', 'errors.notSignedIn');
    }
    if (await verifyPassword(password, row.password_hash)) {
      stmt(this.db, 'UPDATE users SET failed_logins = 0 WHERE id = ? AND failed_logins <> 0').run(row.id);
      return;
    }
    this.wrongPassword(row, 'auth.confirm_failed');
  }

  /** The signed-in user typed a wrong password: counted; a lockout also signs them out. */
  private wrongPassword(row: UserRow, action: string): never {
    try {
      this.recordFailure(row, action);
    } catch (e) {
      if (e instanceof AppError && e.code === 'locked') {
        this.user = null;
        this.locked = false;
      }
      throw e;
    }
  }

  private assertNotLockedOut(row: UserRow): void {
    const now = this.clock();
    if (row.locked_until && row.locked_until > now.toISOString()) {
      this.audit(row.username, 'auth.login_refused_locked', {});
      throw new AppError('locked', 'errors.accountLocked', {
        minutes: Math.max(1, Math.ceil((Date.parse(row.locked_until) - now.getTime()) / 60_000)),
      });
    }
  }

  /** Count a wrong password; lock the account when the limit is reached. Always throws. */
  private recordFailure(row: UserRow, action: string): never {
    const now = this.clock();
    const max = getSetting(this.db, 'maxFailedLogins');
    const lockMinutes = getSetting(this.db, 'lockoutMinutes');
    const lockedOut = this.db.transaction(() => {
      const r = stmt<[number], { failed_logins: number }>(
        this.db,
        'UPDATE users SET failed_logins = failed_logins + 1 WHERE id = ? RETURNING failed_logins',
      ).get(row.id)!;
      appendAudit(
        this.db,
        {
          actor: row.username,
          action,
          entity: 'user',
          entityId: String(row.id),
          details: { failures: r.failed_logins },
        },
        now,
      );
      if (r.failed_logins >= max) {
        const until = new Date(now.getTime() + lockMinutes * 60_000).toISOString();
        stmt(this.db, 'UPDATE users SET failed_logins = 0, locked_until = ? WHERE id = ?').run(until, row.id);
        appendAudit(
          this.db,
          { actor: row.username, action: 'auth.lockout', entity: 'user', entityId: String(row.id), details: { until } },
          now,
        );
        return true;
      }
      return false;
    })();
    if (lockedOut) throw new AppError('locked', 'errors.accountLocked', { minutes: lockMinutes });
    throw new AppError('unauthenticated', 'errors.invalidCredentials');
  }

  private audit(actor: string | null, action: string, details: Record<string, unknown>): void {
    const now = this.clock();
    this.db.transaction(() => appendAudit(this.db, { actor, action, details }, now))();
  }
}
