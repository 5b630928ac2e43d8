/** Guided calls on real database files: attempts and their limits, drafts, finalize, flags, amendments, audit. */
import { describe, expect, it } from 'vitest';
import type { UserView } from '../../shared/contract';
import type { DraftState } from '../../shared/domain/calls';
import { checklistOf } from '../../shared/scripts/schema';
import { verifyAuditChain } from '../../electron/core/audit/log';
import { initBranch } from '../../electron/core/branch';
import { findUser } from '../../electron/core/users/users';
import { discardDraft, recordAttempt, saveDraft, startCall } from '../../electron/core/calls/calls';
import { amendRecord, finalizeRecord, recordVersions, scriptParties } from '../../electron/core/records/records';
import { BUNDLED_SCRIPTS, publishScripts } from '../../electron/core/calls/scripts';
import { openCall } from '../../electron/core/calls/view';
import { loanFile } from '../../electron/core/loans/file';
import { revealPii } from '../../electron/core/pii/reveal';
import { openAppContext, type AppContext } from '../../electron/core/context';
import { demoSeed } from '../../electron/core/demo/seed';
import { assignTasks } from '../../electron/core/tasks/assign';
import { generateTasks } from '../../electron/core/tasks/generate';
import { listTasks } from '../../electron/core/tasks/queue';
import { stats } from '../../electron/core/stats';
import { AppError } from '../../shared/result';
import { addDays, shanghaiDate } from '../../shared/domain/workdays';
import { fullState } from '../callState';
import { tempDb, TestClock } from '../helpers';

const HOUR = 3600_000;

async function branch(): Promise<{ ctx: AppContext; clock: TestClock; file: string }> {
  const clock = new TestClock(Date.parse('2026-11-20T02:00:00Z')); // 10:00 in Shanghai
  const file = tempDb();
  const ctx = openAppContext(file, { clock: clock.now });
  await initBranch(ctx.db, { code: 'HZ1', name: '测试支行', admin: 'admin', password: 'admin-pass-1' }, clock.now());
  await demoSeed(ctx.db, ctx.pii(), { loans: 80, seed: 3, asOf: '2026-11-20', history: false }, clock.now());
  generateTasks(ctx.db, { asOf: '2026-11-20', now: clock.now(), actor: 'test' });
  return { ctx, clock, file };
}

function officer(ctx: AppContext, username = 'officer1'): UserView {
  const u = findUser(ctx.db, username)!;
  return { id: u.id, username: u.username, displayName: u.display_name, role: u.role } as UserView;
}

/** An open task of a type, preferring loans with a co-borrower or guarantor. */
function taskOf(ctx: AppContext, type: string, withParty = false): number {
  const row = ctx.db
    .prepare(
      `SELECT t.id FROM tasks t WHERE t.type = ? AND t.status = 'open'
         AND (? = 0 OR EXISTS (SELECT 1 FROM parties p WHERE p.loan_id = t.loan_id AND p.role != 'borrower'))
       ORDER BY t.id LIMIT 1`,
    )
    .get(type, withParty ? 1 : 0) as { id: number } | undefined;
  if (!row) throw new Error(`no open ${type} task`);
  return row.id;
}

function code(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    if (e instanceof AppError) return e.message;
    throw e;
  }
  throw new Error('expected an AppError');
}

describe('guided calls', () => {
  it('finalizes a full call with one mismatch: record, flag from the answer, task completed', async () => {
    const { ctx, clock } = await branch();
    const me = officer(ctx);
    const taskId = taskOf(ctx, 'post_approval', true);
    const draft = startCall(ctx.db, taskId, me, clock.now());
    const view = openCall(ctx.db, taskId, me, clock.now());
    expect(view.task.status).toBe('in_progress');
    expect(view.task.mine).toBe(true);
    const script = view.script!.definition;
    const parties = scriptParties(ctx.db, view.loan.id);
    expect(parties.length).toBeGreaterThan(0);
    const keys = checklistOf(script, parties).map((l) => l.key);
    expect(keys).toContain(`co_borrower:${parties[0]!.id}`);

    // Incomplete: refused, nothing written.
    const partial = fullState(script, keys.slice(1), clock.now().toISOString());
    expect(code(() => finalizeRecord(ctx.db, taskId, me, partial, clock.now()))).toBe('errors.itemUnanswered');
    const noNote = fullState(script, keys, clock.now().toISOString(), {
      down_payment: { result: 'mismatch', stated: '向朋友借的', note: '' },
    });
    expect(code(() => finalizeRecord(ctx.db, taskId, me, noNote, clock.now()))).toBe('errors.itemNoteRequired');
    const unread = { ...fullState(script, keys, clock.now().toISOString()), reads: {} };
    expect(code(() => finalizeRecord(ctx.db, taskId, me, unread, clock.now()))).toBe('errors.readMissing');
    expect(stats(ctx.db).attempts).toBe(0);

    clock.advance(7 * 60_000);
    const state = fullState(script, keys, clock.now().toISOString(), {
      down_payment: { result: 'mismatch', stated: '首付向网贷平台借款', note: '借款人称首付 30 万来自消费贷' },
    });
    state.answers = { down_payment: 'borrowed' };
    const r = finalizeRecord(ctx.db, taskId, me, state, clock.now());
    expect(r.outcome).toBe('completed_with_discrepancy');
    expect(r.flags).toBe(1);
    const flag = ctx.db.prepare('SELECT code, item, severity, status, record_id FROM flags').get();
    expect(flag).toEqual({
      code: 'down_payment_loan',
      item: 'down_payment',
      severity: 'high',
      status: 'open',
      record_id: r.recordId,
    });
    const task = ctx.db.prepare('SELECT status, completed_at, attempts FROM tasks WHERE id = ?').get(taskId) as Record<
      string,
      unknown
    >;
    expect(task).toMatchObject({ status: 'completed', attempts: 1 });
    const attempt = ctx.db.prepare('SELECT outcome, duration_s, script_id FROM attempts WHERE task_id = ?').get(taskId);
    expect(attempt).toEqual({ outcome: 'completed_with_discrepancy', duration_s: 420, script_id: draft.scriptId });
    expect(ctx.db.prepare('SELECT count(*) AS n FROM drafts').get()).toEqual({ n: 0 });
    // Immutable.
    expect(() => ctx.db.prepare("UPDATE records SET outcome = 'completed'").run()).toThrow(/immutable/);
    expect(() => ctx.db.prepare('DELETE FROM record_items').run()).toThrow(/immutable/);
    // The loan page shows it all.
    const file = loanFile(ctx.db, view.loan.loanNo, me);
    expect(file.flags).toHaveLength(1);
    expect(file.records[0]!.versions[0]!.items.find((i) => i.key === 'down_payment')!.onFile[0]!.field).toBe(
      'downPayment',
    );
    expect(stats(ctx.db)).toMatchObject({ attempts: 1, records: 1, flags: 1 });
    expect(verifyAuditChain(ctx.db).ok).toBe(true);
    const actions = ctx.db.prepare('SELECT action FROM audit_log ORDER BY seq DESC LIMIT 3').all();
    expect(actions.map((a) => (a as { action: string }).action)).toEqual([
      'records.finalize',
      'records.flag_created',
      'calls.attempt',
    ]);
  });

  it('a task moved to another officer mid-call: the first can no longer save or finalize, the second can start', async () => {
    const { ctx, clock } = await branch();
    const first = officer(ctx, 'officer1');
    const second = officer(ctx, 'officer2');
    const taskId = ctx.db
      .prepare("SELECT id FROM tasks WHERE status = 'open' AND assignee_id IS NULL ORDER BY id LIMIT 1")
      .pluck()
      .get() as number;
    startCall(ctx.db, taskId, first, clock.now());
    const complete = (who: UserView) => {
      const view = openCall(ctx.db, taskId, who, clock.now());
      const script = view.script!.definition;
      const keys = checklistOf(script, scriptParties(ctx.db, view.loan.id)).map((l) => l.key);
      return fullState(script, keys, clock.now().toISOString());
    };
    const state = complete(first);
    assignTasks(ctx.db, [taskId], 'officer2', 'manager1', clock.now());
    expect(code(() => saveDraft(ctx.db, taskId, first, state, clock.now()))).toBe('errors.taskNotYours');
    expect(code(() => finalizeRecord(ctx.db, taskId, first, state, clock.now()))).toBe('errors.taskNotYours');
    expect(ctx.db.prepare('SELECT status FROM tasks WHERE id = ?').pluck().get(taskId)).toBe('open');
    const dropped = ctx.db
      .prepare("SELECT actor, details FROM audit_log WHERE action = 'calls.draft_dropped' AND entity_id = ?")
      .get(String(taskId)) as { actor: string; details: string };
    expect(dropped.actor).toBe('manager1');
    expect(JSON.parse(dropped.details)).toMatchObject({ userId: first.id });
    startCall(ctx.db, taskId, second, clock.now());
    expect(finalizeRecord(ctx.db, taskId, second, complete(second), clock.now())).toMatchObject({
      outcome: 'completed',
    });
    expect(stats(ctx.db)).toMatchObject({ records: 1 });
  });

  it('shows ID and phone numbers typed into an attempt note masked on every screen', async () => {
    const { ctx, clock } = await branch();
    const me = officer(ctx);
    const taskId = taskOf(ctx, 'post_approval');
    startCall(ctx.db, taskId, me, clock.now());
    const note = '借款人改用 139-1234-5678，身份证 110105194912310021';
    recordAttempt(ctx.db, taskId, me, { outcome: 'busy', note }, clock.now());
    const masked = '借款人改用 139****5678，身份证 110105********0021';
    expect(openCall(ctx.db, taskId, me, clock.now()).attempts.map((a) => a.note)).toEqual([masked]);
    const loanNo = ctx.db
      .prepare('SELECT l.loan_no FROM loans l JOIN tasks t ON t.loan_id = l.id WHERE t.id = ?')
      .pluck()
      .get(taskId) as string;
    expect(loanFile(ctx.db, loanNo, me).attempts.map((a) => a.note)).toContain(masked);
    expect(JSON.stringify(loanFile(ctx.db, loanNo, me))).not.toContain('13912345678');
  });

  it('allows at most 3 attempts on at least 2 days; the third no-answer escalates', async () => {
    const { ctx, clock } = await branch();
    const me = officer(ctx);
    const taskId = taskOf(ctx, 'post_approval');
    // Domain §3: no answer → +4 h, another day after the 2nd.
    const retries: (string | null)[] = [];
    for (let i = 0; i < 2; i++) {
      startCall(ctx.db, taskId, me, clock.now());
      const r = recordAttempt(ctx.db, taskId, me, { outcome: 'no_answer' }, clock.now());
      expect(r.status).toBe('in_progress');
      retries.push(r.retryAfter);
      if (i === 0) expect(r.retryAfter).toBe(new Date(clock.now().getTime() + 4 * HOUR).toISOString());
      clock.advance(HOUR);
    }
    const tomorrow = addDays(shanghaiDate(clock.now()), 1);
    expect(retries[1]).toBe(new Date(`${tomorrow}T09:00:00+08:00`).toISOString());
    expect(openCall(ctx.db, taskId, me, clock.now()).check).toMatchObject({ allowed: false, block: 'another_day' });
    expect(code(() => startCall(ctx.db, taskId, me, clock.now()))).toBe('errors.attemptAnotherDay');
    expect(stats(ctx.db).attempts).toBe(2);
    clock.advance(22 * HOUR); // next morning
    startCall(ctx.db, taskId, me, clock.now());
    const third = recordAttempt(ctx.db, taskId, me, { outcome: 'no_answer' }, clock.now());
    expect(third.status).toBe('escalated');
    expect(ctx.db.prepare('SELECT escalation_reason FROM tasks WHERE id = ?').get(taskId)).toEqual({
      escalation_reason: 'exhausted',
    });
    expect(code(() => startCall(ctx.db, taskId, me, clock.now()))).toBe('errors.taskClosed');
  });

  it('applies call rules changed in settings from the next attempt; bad rules and non-admins change nothing', async () => {
    const { createDispatcher } = await import('../../electron/core/dispatch');
    const { DEMO_PASSWORD } = await import('../../electron/core/demo/seed');
    const { DEFAULT_CALL_RULES } = await import('../../shared/domain/calls');
    const { ctx, clock } = await branch();
    const d = createDispatcher(ctx, () => {});
    const rules = structuredClone(DEFAULT_CALL_RULES);
    rules.maxAttempts = 2;
    rules.minDistinctDays = 1;
    rules.outcomes.no_answer.retry = { kind: 'minutes', minutes: 30 };

    await d('auth.login', { username: 'manager1', password: DEMO_PASSWORD });
    expect(await d('settings.callRules', {})).toEqual({ ok: true, value: DEFAULT_CALL_RULES });
    expect(await d('settings.setCallRules', { rules })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    await d('auth.logout', {});
    await d('auth.login', { username: 'admin', password: 'admin-pass-1' });
    const refused = [
      { ...rules, minDistinctDays: 3 },
      {
        ...rules,
        callingHours: [
          { from: '09:00', to: '12:00' },
          { from: '11:00', to: '13:00' },
        ],
      },
      { ...rules, callingHours: [{ from: '9:00', to: '12:00' }] },
      { ...rules, outcomes: { ...rules.outcomes, completed: { ...rules.outcomes.completed, escalate: true } } },
      {
        ...rules,
        outcomes: { ...rules.outcomes, refused: { ...rules.outcomes.refused, retry: { kind: 'next_day' } } },
      },
    ];
    for (const bad of refused)
      expect(await d('settings.setCallRules', { rules: bad })).toMatchObject({
        ok: false,
        error: { code: 'invalid_input' },
      });
    expect(await d('settings.callRules', {})).toEqual({ ok: true, value: DEFAULT_CALL_RULES });
    expect(await d('settings.setCallRules', { rules })).toEqual({ ok: true, value: rules });
    const audit = ctx.db.prepare("SELECT actor FROM audit_log WHERE action = 'settings.call_rules'").all();
    expect(audit).toEqual([{ actor: 'admin' }]);

    const me = officer(ctx);
    const taskId = taskOf(ctx, 'post_approval');
    startCall(ctx.db, taskId, me, clock.now());
    const first = recordAttempt(ctx.db, taskId, me, { outcome: 'no_answer' }, clock.now());
    expect(first.retryAfter).toBe(new Date(clock.now().getTime() + 30 * 60_000).toISOString());
    clock.advance(HOUR);
    startCall(ctx.db, taskId, me, clock.now()); // same day: allowed with one distinct day
    expect(recordAttempt(ctx.db, taskId, me, { outcome: 'no_answer' }, clock.now()).status).toBe('escalated');
    expect(verifyAuditChain(ctx.db).ok).toBe(true);
    ctx.close();
  });

  it('books a callback, escalates refusals with a flag, and keeps officers to their own tasks', async () => {
    const { ctx, clock } = await branch();
    const me = officer(ctx);
    const [a, b] = ctx.db
      .prepare("SELECT id FROM tasks WHERE status = 'open' AND type = 'post_approval' ORDER BY id LIMIT 2")
      .all()
      .map((r) => (r as { id: number }).id);
    startCall(ctx.db, a!, me, clock.now());
    expect(code(() => recordAttempt(ctx.db, a!, me, { outcome: 'callback_requested' }, clock.now()))).toBe(
      'errors.bookedAtRequired',
    );
    const booked = new Date(clock.now().getTime() + 26 * HOUR).toISOString();
    recordAttempt(ctx.db, a!, me, { outcome: 'callback_requested', bookedAt: booked }, clock.now());
    const bookedTab = listTasks(ctx.db, null, { asOf: '2026-11-20', tab: 'booked', assignee: 'mine', me: me.id });
    expect(bookedTab.rows.map((r) => [r.taskId, r.bookedAt])).toEqual([[a, booked]]);

    startCall(ctx.db, b!, me, clock.now());
    const other = officer(ctx, 'officer2');
    expect(code(() => startCall(ctx.db, b!, other, clock.now()))).toBe('errors.taskNotYours');
    const r = recordAttempt(ctx.db, b!, me, { outcome: 'refused', note: '称不需要回访' }, clock.now());
    expect(r.status).toBe('escalated');
    expect(ctx.db.prepare('SELECT code, severity FROM flags WHERE task_id = ?').get(b)).toEqual({
      code: 'refused',
      severity: 'high',
    });
  });

  it('keeps the draft across a closed and reopened database, and discarding reopens the task', async () => {
    const { ctx, clock, file } = await branch();
    const me = officer(ctx);
    const taskId = taskOf(ctx, 'post_disbursement');
    startCall(ctx.db, taskId, me, clock.now());
    const state: DraftState = {
      stepId: 'use_of_funds',
      history: ['greeting', 'recording_notice', 'identity'],
      answers: { identity: 'confirmed' },
      reads: { greeting: clock.now().toISOString() },
      items: { identity: { result: 'match', stated: '本人', note: '' } },
      outcome: null,
      bookedAt: null,
      note: '',
    };
    saveDraft(ctx.db, taskId, me, state, clock.now());
    ctx.close();
    const again = openAppContext(file, { clock: clock.now });
    const view = openCall(again.db, taskId, me, clock.now());
    expect(view.draft?.state).toEqual(state);
    // Not officer2's task (taskNotYours), or a pool task whose call officer1 holds (draftOtherUser).
    expect(['errors.taskNotYours', 'errors.draftOtherUser']).toContain(
      code(() => saveDraft(again.db, taskId, officer(again, 'officer2'), state, clock.now())),
    );
    discardDraft(again.db, taskId, me, clock.now());
    expect(again.db.prepare('SELECT status, attempts FROM tasks WHERE id = ?').get(taskId)).toEqual({
      status: 'open',
      attempts: 0,
    });
    again.close();
  });

  it('amends a record as a new version with a reason and shows the differences', async () => {
    const { ctx, clock } = await branch();
    const me = officer(ctx);
    const taskId = taskOf(ctx, 'post_approval');
    startCall(ctx.db, taskId, me, clock.now());
    const view = openCall(ctx.db, taskId, me, clock.now());
    const keys = checklistOf(view.script!.definition, scriptParties(ctx.db, view.loan.id)).map((l) => l.key);
    finalizeRecord(
      ctx.db,
      taskId,
      me,
      fullState(view.script!.definition, keys, clock.now().toISOString()),
      clock.now(),
    );
    const change = { employer: { result: 'mismatch' as const, stated: '已离职', note: '借款人称上月已离职' } };
    expect(
      code(() => amendRecord(ctx.db, taskId, me, { items: change, reason: '  ', expectedVersion: 1 }, clock.now())),
    ).toBe('errors.amendReasonRequired');
    const same = { employer: { result: 'match' as const, stated: '与档案一致', note: '' } };
    expect(
      code(() => amendRecord(ctx.db, taskId, me, { items: same, reason: '无变化', expectedVersion: 1 }, clock.now())),
    ).toBe('errors.amendNoChange');
    const r = amendRecord(
      ctx.db,
      taskId,
      me,
      { items: change, reason: '复听录音后更正', expectedVersion: 1 },
      clock.now(),
    );
    expect(r).toMatchObject({ version: 2, outcome: 'completed_with_discrepancy' });
    expect(
      code(() => amendRecord(ctx.db, taskId, me, { items: change, reason: '再次', expectedVersion: 1 }, clock.now())),
    ).toBe('errors.recordChanged');
    const versions = recordVersions(ctx.db, taskId);
    expect(versions.map((v) => [v.version, v.outcome, v.reason])).toEqual([
      [1, 'completed', null],
      [2, 'completed_with_discrepancy', '复听录音后更正'],
    ]);
    expect(versions[1]!.changes).toEqual([
      { key: 'employer', field: 'result', from: 'match', to: 'mismatch' },
      { key: 'employer', field: 'stated', from: '与档案一致', to: '已离职' },
      { key: 'employer', field: 'note', from: '', to: '借款人称上月已离职' },
    ]);
    expect(versions[0]!.items.find((i) => i.key === 'employer')!.result).toBe('match');
    expect(ctx.db.prepare("SELECT count(*) AS n FROM flags WHERE item = 'employer'").get()).toEqual({ n: 1 });
  });

  it('reveals a full phone number only with a reason, audited without the number', async () => {
    const { ctx, clock } = await branch();
    const party = ctx.db
      .prepare(
        `SELECT p.id, p.phone_masked, p.loan_id, l.loan_no FROM parties p JOIN loans l ON l.id = p.loan_id
          WHERE p.role = 'borrower' AND EXISTS (SELECT 1 FROM tasks t WHERE t.loan_id = p.loan_id AND t.status = 'open')
          LIMIT 1`,
      )
      .get() as { id: number; phone_masked: string; loan_id: number; loan_no: string };
    const phone = revealPii(
      ctx.db,
      ctx.pii(),
      { partyId: party.id, field: 'phone', reason: '拨打电话' },
      officer(ctx),
      clock.now(),
    );
    expect(phone).toMatch(/^1[3-9]\d{9}$/);
    expect(phone.slice(-4)).toBe(party.phone_masked.slice(-4));
    const audit = ctx.db.prepare("SELECT details FROM audit_log WHERE action = 'pii.reveal'").get() as {
      details: string;
    };
    expect(JSON.parse(audit.details)).toMatchObject({ field: 'phone', reason: '拨打电话' });
    expect(audit.details).not.toContain(phone);

    // Once every task of the loan belongs to a colleague, the officer no longer sees it; a manager does.
    ctx.db
      .prepare("UPDATE tasks SET assignee_id = (SELECT id FROM users WHERE username = 'officer2') WHERE loan_id = ?")
      .run(party.loan_id);
    const reveal = () =>
      revealPii(
        ctx.db,
        ctx.pii(),
        { partyId: party.id, field: 'phone', reason: '拨打电话' },
        officer(ctx),
        clock.now(),
      );
    expect(code(reveal)).toBe('errors.loanNotYours');
    expect(code(() => loanFile(ctx.db, party.loan_no, officer(ctx)))).toBe('errors.loanNotYours');
    expect(loanFile(ctx.db, party.loan_no, officer(ctx, 'manager1')).loan.loanNo).toBe(party.loan_no);
    expect(loanFile(ctx.db, party.loan_no, officer(ctx, 'officer2')).loan.loanNo).toBe(party.loan_no);
  });

  it('publishes each script version once and refuses changed content under a published version', async () => {
    const { ctx, clock } = await branch();
    publishScripts(ctx.db, clock.now());
    expect(publishScripts(ctx.db, clock.now())).toBe(0);
    const changed = structuredClone(BUNDLED_SCRIPTS['event.json']) as { title: { 'zh-CN': string } };
    changed.title['zh-CN'] = '改过的标题';
    expect(code(() => publishScripts(ctx.db, clock.now(), { 'event.json': changed }))).toBe(
      'errors.scriptVersionChanged',
    );
    (changed as unknown as { version: number }).version = 2;
    expect(publishScripts(ctx.db, clock.now(), { 'event.json': changed })).toBe(1);
    expect(() => ctx.db.prepare("UPDATE scripts SET definition = '{}'").run()).toThrow(/immutable/);
  });
});
