import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from '../../electron/core/auth/password';
import { addUser } from '../../electron/core/users/users';
import { initBranch } from '../../electron/core/branch';
import { openAppContext, type AppContext } from '../../electron/core/context';
import { createDispatcher, type Dispatch } from '../../electron/core/dispatch';
import { setSetting } from '../../electron/core/settings/store';
import { TestClock, tempDb } from '../helpers';

let clock: TestClock;
let ctx: AppContext;
let dispatch: Dispatch;

beforeEach(async () => {
  clock = new TestClock();
  ctx = openAppContext(tempDb(), { clock: clock.now });
  await initBranch(ctx.db, { code: 'HZ001', name: '测试支行', admin: 'admin', password: 'admin-pass-1' }, clock.now());
  await addUser(
    ctx.db,
    { username: 'wang', displayName: '王芳', role: 'officer', password: 'officer-pass' },
    'admin',
    clock.now(),
  );
  await addUser(
    ctx.db,
    { username: 'chen', displayName: '陈静', role: 'manager', password: 'manager-pass' },
    'admin',
    clock.now(),
  );
  dispatch = createDispatcher(ctx, () => {});
});
afterEach(() => ctx.close());

const actions = () => ctx.db.prepare('SELECT action FROM audit_log ORDER BY seq').pluck().all() as string[];

describe('password hashing', () => {
  it('uses scrypt N=2^17 r=8 p=1 with a random salt and verifies only the right password', async () => {
    const a = await hashPassword('correct horse');
    const b = await hashPassword('correct horse');
    expect(a).toMatch(/^scrypt\$131072\$8\$1\$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword('correct horse', a)).toBe(true);
    expect(await verifyPassword('correct horsf', a)).toBe(false);
    expect(await verifyPassword('x', 'garbage')).toBe(false);
  });
});

describe('login', () => {
  it('signs in with the right password and audits it', async () => {
    const r = await dispatch('auth.login', { username: 'wang', password: 'officer-pass' });
    expect(r).toMatchObject({ ok: true, value: { user: { username: 'wang', role: 'officer' }, locked: false } });
    expect(actions()).toContain('auth.login');
  });

  it('gives the same answer for an unknown user and a wrong password', async () => {
    const a = await dispatch('auth.login', { username: 'nobody', password: 'x' });
    const b = await dispatch('auth.login', { username: 'wang', password: 'x' });
    expect(a).toEqual({ ok: false, error: { code: 'unauthenticated', message: 'errors.invalidCredentials' } });
    expect(b).toEqual(a);
    expect(actions().filter((x) => x === 'auth.login_failed')).toHaveLength(2);
  });

  it('locks the account for 15 minutes after 5 wrong passwords, then lets the user in', async () => {
    for (let i = 0; i < 4; i++) {
      expect(await dispatch('auth.login', { username: 'wang', password: `bad${i}` })).toMatchObject({
        ok: false,
        error: { code: 'unauthenticated' },
      });
    }
    expect(await dispatch('auth.login', { username: 'wang', password: 'bad4' })).toMatchObject({
      ok: false,
      error: { code: 'locked', message: 'errors.accountLocked', params: { minutes: 15 } },
    });
    expect(actions()).toContain('auth.lockout');
    clock.advance(14 * 60_000);
    expect(await dispatch('auth.login', { username: 'wang', password: 'officer-pass' })).toMatchObject({
      ok: false,
      error: { code: 'locked', params: { minutes: 1 } },
    });
    clock.advance(60_000);
    expect(await dispatch('auth.login', { username: 'wang', password: 'officer-pass' })).toMatchObject({ ok: true });
    // The counter starts again from zero after a good login.
    expect(ctx.db.prepare("SELECT failed_logins FROM users WHERE username = 'wang'").pluck().get()).toBe(0);
  });

  it('honours the lockout settings', async () => {
    setSetting(ctx.db, 'maxFailedLogins', 2, clock.now());
    await dispatch('auth.login', { username: 'wang', password: 'bad' });
    expect(await dispatch('auth.login', { username: 'wang', password: 'bad' })).toMatchObject({
      ok: false,
      error: { code: 'locked' },
    });
  });
});

describe('roles and the session on every channel', () => {
  it('refuses role-bound channels without a session', async () => {
    expect(await dispatch('loans.list', {})).toEqual({
      ok: false,
      error: { code: 'unauthenticated', message: 'errors.notSignedIn' },
    });
  });

  it('refuses a manager channel to an officer and allows it to a manager and an admin', async () => {
    await dispatch('auth.login', { username: 'wang', password: 'officer-pass' });
    expect(await dispatch('users.list', {})).toEqual({
      ok: false,
      error: { code: 'forbidden', message: 'errors.forbidden' },
    });
    expect(await dispatch('loans.list', {})).toMatchObject({ ok: true });
    await dispatch('auth.logout', {});
    await dispatch('auth.login', { username: 'chen', password: 'manager-pass' });
    expect(await dispatch('users.list', {})).toMatchObject({
      ok: true,
      value: expect.arrayContaining([expect.objectContaining({ username: 'wang' })]),
    });
    await dispatch('auth.logout', {});
    await dispatch('auth.login', { username: 'admin', password: 'admin-pass-1' });
    expect(await dispatch('users.list', {})).toMatchObject({ ok: true });
  });

  it('rejects bad input with a typed error and writes nothing', async () => {
    const before = actions().length;
    expect(await dispatch('auth.login', { username: 'wang' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    expect(await dispatch('auth.login', 'not an object')).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    expect(await dispatch('auth.login', { username: 'wang', password: 'x'.repeat(10_000) })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    expect(await dispatch('no.such.channel', {})).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(actions().length).toBe(before);
  });

  it('locks after the idle limit; the same user unlocks with the password', async () => {
    await dispatch('auth.login', { username: 'wang', password: 'officer-pass' });
    clock.advance(9 * 60_000);
    expect(await dispatch('loans.list', {})).toMatchObject({ ok: true });
    clock.advance(10 * 60_000);
    expect(await dispatch('loans.list', {})).toEqual({
      ok: false,
      error: { code: 'locked', message: 'errors.sessionLocked' },
    });
    expect((await dispatch('auth.session', {})) as { value: { locked: boolean } }).toMatchObject({
      value: { locked: true },
    });
    expect(await dispatch('auth.unlock', { password: 'wrong' })).toMatchObject({
      ok: false,
      error: { code: 'unauthenticated' },
    });
    expect(await dispatch('auth.unlock', { password: 'officer-pass' })).toMatchObject({
      ok: true,
      value: { locked: false },
    });
    expect(await dispatch('loans.list', {})).toMatchObject({ ok: true });
    expect(actions()).toEqual(
      expect.arrayContaining(['auth.session_locked', 'auth.unlock_failed', 'auth.session_unlocked']),
    );
  });

  it('ends the session when unlock attempts lock the account', async () => {
    await dispatch('auth.login', { username: 'wang', password: 'officer-pass' });
    await dispatch('auth.lock', {});
    for (let i = 0; i < 4; i++) await dispatch('auth.unlock', { password: `bad${i}` });
    expect(await dispatch('auth.unlock', { password: 'bad4' })).toMatchObject({ ok: false, error: { code: 'locked' } });
    expect(await dispatch('auth.session', {})).toMatchObject({ ok: true, value: { user: null } });
  });
});
