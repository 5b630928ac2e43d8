/**
 * Issue #16 items 5 and 6, as an insider would try them through the real dispatcher: a burst of
 * parallel guesses must not get more than the lockout's five checks (nor let the right password
 * through a lockout), scrypt runs stay capped, and an unknown name answers like a known one.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MAX_RUNNING, MAX_WAITING, scryptPeak } from '../../electron/core/auth/password';
import { addUser } from '../../electron/core/users/users';
import { initBranch } from '../../electron/core/branch';
import { openAppContext, type AppContext } from '../../electron/core/context';
import { createDispatcher, type Dispatch } from '../../electron/core/dispatch';
import type { Result } from '../../shared/result';
import { TestClock, tempDir } from '../helpers';

// scrypt and child processes are slow on a shared CI machine; these wait on them, not on a bound.
vi.setConfig({ testTimeout: 300_000, hookTimeout: 300_000 });

let dir: string;
let file: string;
let clock: TestClock;
let ctx: AppContext;
let dispatch: Dispatch;

beforeEach(async () => {
  dir = tempDir('cbd-insider-auth-');
  file = path.join(dir, 'branch.db');
  clock = new TestClock();
  ctx = openAppContext(file, { clock: clock.now });
  await initBranch(ctx.db, { code: 'HZ001', name: '测试支行', admin: 'admin', password: 'admin-pass-1' }, clock.now());
  await addUser(
    ctx.db,
    { username: 'wang', displayName: '王芳', role: 'officer', password: 'officer-pass' },
    'admin',
    clock.now(),
  );
  dispatch = createDispatcher(ctx, () => {});
});
afterEach(() => {
  ctx.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const code = (r: Result<unknown>) => (r.ok ? 'ok' : r.error.code);
const login = (username: string, password: string) => dispatch('auth.login', { username, password });

describe('parallel guesses against the lockout', () => {
  it('checks at most 5 of 100 parallel wrong passwords, and refuses the right one during the lockout', async () => {
    const guesses = Array.from({ length: 100 }, (_, i) => login('wang', `guess-${i}`));
    const right = login('wang', 'officer-pass');
    const answers = (await Promise.all(guesses)).map(code);
    // Only a checked password can answer anything but `locked`; at most 5 were checked.
    expect(answers.filter((c) => c !== 'locked').length).toBeLessThanOrEqual(5);
    expect(answers.filter((c) => c === 'ok')).toHaveLength(0);
    expect(await right).toMatchObject({ ok: false, error: { code: 'locked', message: 'errors.accountLocked' } });
    const failed = ctx.db.prepare("SELECT COUNT(*) FROM audit_log WHERE action = 'auth.login_failed'").pluck().get();
    expect(failed).toBeLessThanOrEqual(5);
    // Still locked, also after a restart; the right password works once the window has passed.
    ctx.close();
    ctx = openAppContext(file, { clock: clock.now });
    dispatch = createDispatcher(ctx, () => {});
    expect(await login('wang', 'officer-pass')).toMatchObject({ ok: false, error: { code: 'locked' } });
    clock.advance(15 * 60_000);
    expect(await login('wang', 'officer-pass')).toMatchObject({ ok: true });
  });

  it('holds for auth.unlock too: 100 parallel wrong unlocks check at most 5, then the session ends', async () => {
    expect(await login('wang', 'officer-pass')).toMatchObject({ ok: true });
    await dispatch('auth.lock', {});
    const guesses = Array.from({ length: 100 }, (_, i) => dispatch('auth.unlock', { password: `guess-${i}` }));
    const right = dispatch('auth.unlock', { password: 'officer-pass' });
    const answers = (await Promise.all(guesses)).map(code);
    expect(answers.filter((c) => c !== 'locked' && c !== 'unauthenticated').length).toBe(0);
    const unlockFailed = ctx.db
      .prepare("SELECT COUNT(*) FROM audit_log WHERE action = 'auth.unlock_failed'")
      .pluck()
      .get();
    expect(unlockFailed).toBeLessThanOrEqual(5);
    expect(code(await right)).not.toBe('ok');
    expect(await dispatch('auth.session', {})).toMatchObject({ ok: true, value: { user: null } });
    expect(await login('wang', 'officer-pass')).toMatchObject({ ok: false, error: { code: 'locked' } });
  });

  it('runs at most 2 scrypt checks at once and refuses guesses beyond the queue at once', async () => {
    scryptPeak(true);
    const names = Array.from({ length: 30 }, (_, i) => `nobody${i}`);
    const answers = await Promise.all(names.map((n) => login(n, 'guess')));
    expect(scryptPeak()).toBeLessThanOrEqual(MAX_RUNNING);
    expect(answers.filter((r) => code(r) === 'unauthenticated')).toHaveLength(MAX_RUNNING + MAX_WAITING);
    expect(answers.filter((r) => code(r) === 'unavailable')).toHaveLength(30 - MAX_RUNNING - MAX_WAITING);
    expect(answers.find((r) => code(r) === 'unavailable')).toEqual({
      ok: false,
      error: { code: 'unavailable', message: 'errors.signInBusy' },
    });
    // The app is not starved: the real user signs in right after the burst.
    expect(await login('wang', 'officer-pass')).toMatchObject({ ok: true });
  });
});

describe('user names cannot be enumerated', () => {
  it('gives an unknown name the same answers as a known name with wrong passwords', async () => {
    const sequence = async (name: string) => {
      const out: unknown[] = [];
      for (let i = 0; i < 7; i++) out.push(await login(name, `wrong-${i}`));
      return out;
    };
    const known = await sequence('wang');
    const unknown = await sequence('nobody');
    expect(known.slice(3, 5).map((r) => code(r as Result<unknown>))).toEqual(['unauthenticated', 'locked']);
    expect(unknown).toEqual(known);
    // And the same in parallel: no more than five checks for a name that does not exist.
    clock.advance(15 * 60_000);
    const burst = (await Promise.all(Array.from({ length: 50 }, (_, i) => login('ghost', `g${i}`)))).map(code);
    expect(burst.filter((c) => c !== 'locked').length).toBeLessThanOrEqual(5);
    expect(burst).toContain('locked');
  });

  it('takes about as long for an unknown name as for a wrong password (generous bounds)', async () => {
    const time = async (name: string) => {
      const t = performance.now();
      expect(await login(name, 'wrong')).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
      return performance.now() - t;
    };
    // First calls of the process included: the unknown name must not skip or add a scrypt run.
    const unknown = (await time('nobody')) + (await time('nobody2'));
    const known = (await time('wang')) + (await time('admin'));
    expect(unknown).toBeGreaterThan(known * 0.5);
    expect(unknown).toBeLessThan(known * 2);
  });

  it('keeps the lockout of an unknown name across a restart, as for a known one', async () => {
    for (let i = 0; i < 5; i++) await login('nobody', `wrong-${i}`);
    ctx.close();
    ctx = openAppContext(file, { clock: clock.now });
    dispatch = createDispatcher(ctx, () => {});
    expect(await login('nobody', 'anything')).toMatchObject({ ok: false, error: { code: 'locked' } });
    // Nothing the user typed is stored readable.
    const raw = fs.readFileSync(file).toString('latin1') + fs.readFileSync(`${file}-wal`).toString('latin1');
    expect(raw).not.toContain('wrong-4');
  });
});
