/**
 * Rules that no other test would miss if removed (issue #16, "Tests that would catch a removed
 * rule"): the dispatcher's output validation and the amend ownership check. Real database files
 * in a temp folder, calls through the real dispatcher as a signed-in user.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { initBranch } from '../../electron/core/branch';
import { startCall } from '../../electron/core/calls/calls';
import { finalizeRecord, recordVersions, scriptParties } from '../../electron/core/records/records';
import { openCall } from '../../electron/core/calls/view';
import { openAppContext, type AppContext } from '../../electron/core/context';
import { DEMO_PASSWORD, demoSeed } from '../../electron/core/demo/seed';
import { createDispatcher, type Dispatch } from '../../electron/core/dispatch';
import { findUser } from '../../electron/core/users/users';
import { handlers } from '../../electron/core/handlers';
import { generateTasks } from '../../electron/core/tasks/generate';
import type { ChannelOutput, UserView } from '../../shared/contract';
import { checklistOf } from '../../shared/scripts/schema';
import { fullState } from '../callState';
import { tempDb, TestClock } from '../helpers';

const opened: { ctx: AppContext; dir: string }[] = [];
afterEach(() => {
  for (const { ctx, dir } of opened.splice(0)) {
    ctx.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

async function branch(seed: boolean): Promise<{ ctx: AppContext; clock: TestClock }> {
  const clock = new TestClock(Date.parse('2026-11-20T02:00:00Z'));
  const file = tempDb();
  const ctx = openAppContext(file, { clock: clock.now });
  opened.push({ ctx, dir: path.dirname(file) });
  await initBranch(ctx.db, { code: 'HZ1', name: '测试支行', admin: 'admin', password: 'admin-pass-1' }, clock.now());
  if (seed) {
    await demoSeed(ctx.db, ctx.pii(), { loans: 40, seed: 3, asOf: '2026-11-20', history: false }, clock.now());
    generateTasks(ctx.db, { asOf: '2026-11-20', now: clock.now(), actor: 'test' });
  }
  return { ctx, clock };
}

async function signedIn(ctx: AppContext, username: string, logged: string[] = []): Promise<Dispatch> {
  const d = createDispatcher(ctx, (m) => logged.push(m));
  const r = await d('auth.login', { username, password: username === 'admin' ? 'admin-pass-1' : DEMO_PASSWORD });
  expect(r).toMatchObject({ ok: true });
  return d;
}

describe('the dispatcher checks every answer against the contract', () => {
  type SessionHandler = (typeof handlers)['auth.session'];
  const real: SessionHandler = handlers['auth.session'];
  afterEach(() => {
    handlers['auth.session'] = real;
  });
  const wrap = (change: (v: Record<string, unknown>) => unknown) => {
    handlers['auth.session'] = ((i, c, a) => change({ ...(real(i, c, a) as object) })) as SessionHandler;
  };

  it('answers internal, and leaks nothing, when a handler adds a field the contract does not name', async () => {
    const { ctx } = await branch(false);
    const logged: string[] = [];
    const d = await signedIn(ctx, 'admin', logged);
    expect(await d('auth.session', {})).toMatchObject({ ok: true, value: { user: { username: 'admin' } } });

    wrap((v) => ({ ...v, passwordHash: 'scrypt$SECRET-HASH' }));
    const top = await d('auth.session', {});
    expect(top).toEqual({ ok: false, error: { code: 'internal', message: 'errors.internal' } });
    expect(JSON.stringify(top)).not.toContain('SECRET');

    // Deeper down too: a plaintext phone beside the user's view.
    wrap((v) => ({ ...v, user: { ...(v.user as object), phone: '13812345678' } }));
    const nested = await d('auth.session', {});
    expect(nested).toEqual({ ok: false, error: { code: 'internal', message: 'errors.internal' } });
    expect(JSON.stringify(nested)).not.toContain('13812345678');
    // The log names the field, never its value.
    expect(logged.join('\n')).toContain('user.phone');
    expect(logged.join('\n')).not.toMatch(/13812345678|SECRET/);
  });

  it('answers internal when a handler returns a field of the wrong type or misses one', async () => {
    const { ctx } = await branch(false);
    const d = await signedIn(ctx, 'admin');
    wrap((v) => ({ ...v, locked: 'no' }));
    expect(await d('auth.session', {})).toEqual({ ok: false, error: { code: 'internal', message: 'errors.internal' } });
    wrap((v) => {
      delete v.idleLockMinutes;
      return v;
    });
    expect(await d('auth.session', {})).toEqual({ ok: false, error: { code: 'internal', message: 'errors.internal' } });
    wrap(() => 'a string');
    expect(await d('auth.session', {})).toEqual({ ok: false, error: { code: 'internal', message: 'errors.internal' } });
  });
});

/** A branch where officer1 has finalized the first open post-approval task's record (version 1). */
async function recordByOfficer1() {
  const { ctx, clock } = await branch(true);
  const u = findUser(ctx.db, 'officer1')!;
  const officer1 = { id: u.id, username: u.username, displayName: u.display_name, role: u.role } as UserView;
  const taskId = ctx.db
    .prepare("SELECT id FROM tasks WHERE type = 'post_approval' AND status = 'open' ORDER BY id LIMIT 1")
    .pluck()
    .get() as number;
  startCall(ctx.db, taskId, officer1, clock.now());
  const view = openCall(ctx.db, taskId, officer1, clock.now());
  const keys = checklistOf(view.script!.definition, scriptParties(ctx.db, view.loan.id)).map((l) => l.key);
  const state = fullState(view.script!.definition, keys, clock.now().toISOString());
  finalizeRecord(ctx.db, taskId, officer1, state, clock.now());
  return { ctx, taskId, officer1, loanNo: view.loan.loanNo };
}

describe('only the officer who finalized a record, or a manager, may amend it', () => {
  it('refuses another officer with errors.recordNotYours and changes nothing', async () => {
    const { ctx, taskId } = await recordByOfficer1();
    const amend = {
      taskId,
      expectedVersion: 1,
      items: { employer: { result: 'mismatch', stated: '已离职', note: '借款人称上月已离职' } },
      reason: '复听录音后更正',
    };
    const auditBefore = ctx.db.prepare('SELECT max(seq) FROM audit_log').pluck().get() as number;

    const other = await signedIn(ctx, 'officer2');
    expect(await other('records.amend', amend)).toEqual({
      ok: false,
      error: { code: 'forbidden', message: 'errors.recordNotYours' },
    });
    expect(recordVersions(ctx.db, taskId).map((v) => v.version)).toEqual([1]);
    // Nothing but officer2's sign-in was audited: no amendment entry.
    const actions = ctx.db.prepare('SELECT action FROM audit_log WHERE seq > ?').pluck().all(auditBefore) as string[];
    expect(actions.length).toBeGreaterThan(0);
    expect(actions.filter((a) => a.startsWith('record'))).toEqual([]);

    // The officer who finalized it may; so may a manager (a second version on top).
    const owner = await signedIn(ctx, 'officer1');
    expect(await owner('records.amend', amend)).toMatchObject({ ok: true, value: { version: 2 } });
    const manager = await signedIn(ctx, 'manager1');
    expect(
      await manager('records.amend', {
        ...amend,
        expectedVersion: 2,
        items: { employer: { result: 'match', stated: '与档案一致', note: '' } },
        reason: '负责人复核后更正',
      }),
    ).toMatchObject({ ok: true, value: { version: 3 } });
  });

  it('the loan file says who may amend by the same rule, by user and not by display name', async () => {
    const { ctx, taskId, officer1, loanNo } = await recordByOfficer1();
    // officer2 bears officer1's display name and may see the loan (a task of it is theirs).
    const o2 = findUser(ctx.db, 'officer2')!;
    ctx.db.prepare('UPDATE users SET display_name = ? WHERE id = ?').run(officer1.displayName, o2.id);
    ctx.db.prepare('UPDATE tasks SET assignee_id = ? WHERE id = ?').run(o2.id, taskId);
    const mayAmendAs = async (username: string) => {
      const d = await signedIn(ctx, username);
      const r = await d('loans.file', { loanNo });
      if (!r.ok) throw new Error(r.error.message);
      const file = r.value as ChannelOutput<'loans.file'>;
      return file.records.find((x) => x.taskId === taskId)!.mayAmend;
    };
    expect(await mayAmendAs('officer1')).toBe(true);
    expect(await mayAmendAs('officer2')).toBe(false);
    expect(await mayAmendAs('manager1')).toBe(true);
  });
});
