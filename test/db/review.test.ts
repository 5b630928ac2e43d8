/** The review desk on real database files: queue, decisions and the tasks they create, comments, sampling. */
import { describe, expect, it } from 'vitest';
import { initBranch } from '../../electron/core/branch';
import { verifyAuditChain } from '../../electron/core/audit/log';
import { openAppContext, type AppContext } from '../../electron/core/context';
import { DEMO_PASSWORD, demoSeed } from '../../electron/core/demo/seed';
import { createDispatcher } from '../../electron/core/dispatch';
import { addWeeks, isoWeekOf } from '../../shared/domain/weeks';
import { tempDb, TestClock } from '../helpers';

const AS_OF = '2026-11-20';

async function branch(): Promise<{ ctx: AppContext; clock: TestClock }> {
  const clock = new TestClock(Date.parse('2026-11-20T02:00:00Z')); // 10:00 in Shanghai
  const ctx = openAppContext(tempDb(), { clock: clock.now });
  await initBranch(ctx.db, { code: 'HZ1', name: '测试支行', admin: 'admin', password: 'admin-pass-1' }, clock.now());
  await demoSeed(ctx.db, ctx.pii(), { loans: 150, seed: 5, asOf: AS_OF }, clock.now());
  return { ctx, clock };
}

async function as(ctx: AppContext, username: string) {
  const d = createDispatcher(ctx, (m) => console.error(m));
  const r = await d('auth.login', { username, password: username === 'admin' ? 'admin-pass-1' : DEMO_PASSWORD });
  expect(r).toMatchObject({ ok: true });
  return d;
}

type Ok<T> = { ok: true; value: T };
const value = <T>(r: unknown): T => {
  expect(r).toMatchObject({ ok: true });
  return (r as Ok<T>).value;
};
const outbox = (ctx: AppContext) =>
  ctx.db.prepare('SELECT seq, entity, op, entity_id, data FROM outbox ORDER BY seq').all() as {
    seq: number;
    entity: string;
    op: string;
    entity_id: string;
    data: string;
  }[];

describe('review queue and decisions', () => {
  it('lists open flags and escalated tasks oldest first; officers cannot see it', async () => {
    const { ctx } = await branch();
    const officer = await as(ctx, 'officer1');
    expect(await officer('review.queue', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const d = await as(ctx, 'manager1');
    const q = value<{
      rows: { kind: string; createdAt: string; borrowerName: string; ageDays: number }[];
      total: number;
      flags: number;
      tasks: number;
    }>(await d('review.queue', {}));
    const openFlags = ctx.db.prepare("SELECT count(*) FROM flags WHERE status = 'open'").pluck().get() as number;
    expect(q.flags).toBe(openFlags);
    expect(q.flags).toBeGreaterThan(5);
    expect(q.tasks).toBeGreaterThan(0);
    expect(q.total).toBe(q.flags + q.tasks);
    const times = q.rows.map((r) => r.createdAt);
    expect([...times].sort()).toEqual(times);
    // Names are masked; ages are whole days.
    for (const r of q.rows) {
      expect(r.borrowerName).toMatch(/^\p{Script=Han}\*+$/u);
      expect(Number.isInteger(r.ageDays)).toBe(true);
    }
    // A refused call escalates the task and raises a flag: it is reviewed once, through the flag.
    const refusedTasks = ctx.db
      .prepare(
        "SELECT t.id FROM tasks t JOIN flags f ON f.task_id = t.id AND f.status = 'open' WHERE t.status = 'escalated'",
      )
      .pluck()
      .all() as number[];
    const listedTasks = new Set(
      q.rows.filter((r) => r.kind === 'task').map((r) => (r as unknown as { id: number }).id),
    );
    for (const id of refusedTasks) expect(listedTasks.has(id)).toBe(false);
    const onlyTasks = value<{ rows: { kind: string }[] }>(await d('review.queue', { kind: 'task' }));
    expect(onlyTasks.rows.every((r) => r.kind === 'task')).toBe(true);
    ctx.close();
  });

  it('a field visit creates a pool event task; a recall goes to the officer; decisions are final, comments append', async () => {
    const { ctx } = await branch();
    const d = await as(ctx, 'manager1');
    const flag = ctx.db
      .prepare(
        "SELECT f.id, l.loan_no FROM flags f JOIN loans l ON l.id = f.loan_id WHERE f.status = 'open' AND f.code = 'mismatch' ORDER BY f.id LIMIT 1",
      )
      .get() as { id: number; loan_no: string };
    const detail = value<{
      record: { items: { result: string | null; onFile: unknown[] }[] } | null;
      decision: unknown;
    }>(await d('review.detail', { kind: 'flag', id: flag.id }));
    expect(detail.decision).toBeNull();
    expect(detail.record!.items.some((i) => i.result === 'mismatch')).toBe(true);
    const before = outbox(ctx).length;

    expect(await d('review.decide', { kind: 'flag', id: flag.id, decision: 'field_visit', comment: '' })).toMatchObject(
      {
        ok: false,
        error: { code: 'invalid_input' },
      },
    );
    const r = value<{ reviewId: number; createdTaskId: number }>(
      await d('review.decide', {
        kind: 'flag',
        id: flag.id,
        decision: 'field_visit',
        comment: '房产坐落与档案不符，请上门核实',
      }),
    );
    const task = ctx.db
      .prepare('SELECT type, status, assignee_id, reason, loan_id FROM tasks WHERE id = ?')
      .get(r.createdTaskId) as {
      type: string;
      status: string;
      assignee_id: number | null;
      reason: string;
    };
    expect(task).toMatchObject({ type: 'event', status: 'open', assignee_id: null });
    expect(JSON.parse(task.reason)).toEqual({ kind: 'field_visit', text: '房产坐落与档案不符，请上门核实' });
    expect(ctx.db.prepare('SELECT status FROM flags WHERE id = ?').pluck().get(flag.id)).toBe('field_visit');
    // The event task is in the queue's 今日 tab of the pool.
    const pool = value<{ rows: { taskId: number }[] }>(
      await d('tasks.queue', { tab: 'today', assignee: 'pool', limit: 500 }),
    );
    expect(pool.rows.map((x) => x.taskId)).toContain(r.createdTaskId);
    // Head office gets the new task, then the decision that refers to it, without ID or phone numbers.
    const added = outbox(ctx).slice(before);
    expect(added.map((e) => [e.entity, e.op])).toEqual([
      ['task', 'create'],
      ['review', 'create'],
    ]);
    expect(JSON.parse(added[0]!.data)).toMatchObject({ loanNo: flag.loan_no, type: 'event', status: 'open' });
    expect(JSON.parse(added[1]!.data)).toMatchObject({
      loanNo: flag.loan_no,
      decision: 'field_visit',
      decidedBy: 'manager1',
    });
    expect(added.map((e) => e.data).join()).not.toMatch(/\d{17}[\dX]|1[3-9]\d{9}/);

    expect(
      await d('review.decide', { kind: 'flag', id: flag.id, decision: 'false_alarm', comment: '再次处理' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'conflict' },
    });
    value(await d('review.comment', { kind: 'flag', id: flag.id, text: '已联系客户经理' }));
    const after = value<{ comments: { text: string; by: string }[]; decision: { decision: string } }>(
      await d('review.detail', { kind: 'flag', id: flag.id }),
    );
    expect(after.comments).toEqual([expect.objectContaining({ text: '已联系客户经理', by: '陈静' })]);
    expect(after.decision.decision).toBe('field_visit');
    expect(() => ctx.db.prepare("UPDATE reviews SET decision = 'false_alarm'").run()).toThrow(/append-only/);
    expect(() => ctx.db.prepare('DELETE FROM review_comments').run()).toThrow(/append-only/);

    // An escalated task (no open flag of its own) sent back for a recall: the officer gets a new task.
    const esc = ctx.db
      .prepare(
        `SELECT t.id, t.assignee_id FROM tasks t WHERE t.status = 'escalated' AND t.reviewed_at IS NULL
           AND NOT EXISTS (SELECT 1 FROM flags f WHERE f.task_id = t.id AND f.status = 'open') ORDER BY t.id LIMIT 1`,
      )
      .get() as { id: number; assignee_id: number };
    const recall = value<{ createdTaskId: number }>(
      await d('review.decide', { kind: 'task', id: esc.id, decision: 'needs_recall', comment: '换时段再联系本人' }),
    );
    expect(ctx.db.prepare('SELECT assignee_id FROM tasks WHERE id = ?').pluck().get(recall.createdTaskId)).toBe(
      esc.assignee_id,
    );
    const q = value<{ rows: { kind: string; id: number }[] }>(await d('review.queue', { kind: 'task', limit: 500 }));
    expect(q.rows.some((x) => x.id === esc.id)).toBe(false);
    const audit = ctx.db
      .prepare("SELECT action FROM audit_log WHERE action LIKE 'review.%' ORDER BY seq")
      .pluck()
      .all();
    expect(audit).toEqual(['review.decide', 'review.comment', 'review.decide']);
    expect(verifyAuditChain(ctx.db).ok).toBe(true);
    ctx.close();
  });
});

describe('quality sampling', () => {
  it('draws each officer’s share once, scores once, and a fail creates rework for the officer', async () => {
    const { ctx } = await branch();
    const d = await as(ctx, 'manager1');
    const week = addWeeks(isoWeekOf(AS_OF), -2);
    const empty = value<{ officers: { records: number; sampled: number }[]; rows: unknown[]; rate: number }>(
      await d('samples.view', { week }),
    );
    expect(empty.rate).toBe(0.05);
    expect(empty.rows).toEqual([]);
    expect(empty.officers.length).toBeGreaterThan(0);
    const drawn = value<{ drawn: number }>(await d('samples.draw', { week }));
    const want = empty.officers.reduce((s, o) => s + Math.max(1, Math.ceil(o.records * 0.05)), 0);
    expect(drawn.drawn).toBe(want);
    expect(value<{ drawn: number }>(await d('samples.draw', { week })).drawn).toBe(0);
    const view = value<{
      officers: { sampled: number }[];
      rows: { sampleId: number; officer: string; result: string | null }[];
    }>(await d('samples.view', { week }));
    expect(view.rows).toHaveLength(want);
    expect(view.officers.every((o) => o.sampled >= 1)).toBe(true);

    const [first, second] = view.rows;
    const card = { identityVerified: true, readsDone: false, notesAdequate: true };
    expect(await d('samples.score', { sampleId: first!.sampleId, result: 'fail', scorecard: card })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    expect(await d('samples.score', { sampleId: first!.sampleId, result: 'pass', scorecard: card })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    const failed = value<{ reworkTaskId: number }>(
      await d('samples.score', {
        sampleId: first!.sampleId,
        result: 'fail',
        scorecard: card,
        comment: '未朗读防诈骗提示',
      }),
    );
    const rework = ctx.db
      .prepare('SELECT t.type, t.reason, u.username FROM tasks t JOIN users u ON u.id = t.assignee_id WHERE t.id = ?')
      .get(failed.reworkTaskId) as { type: string; reason: string; username: string };
    expect(rework).toMatchObject({ type: 'event', username: first!.officer });
    expect(JSON.parse(rework.reason).kind).toBe('rework');
    expect(
      await d('samples.score', { sampleId: first!.sampleId, result: 'pass', scorecard: { ...card, readsDone: true } }),
    ).toMatchObject({ ok: false, error: { code: 'conflict' } });
    if (second)
      expect(
        value<{ reworkTaskId: null }>(
          await d('samples.score', {
            sampleId: second.sampleId,
            result: 'pass',
            scorecard: { identityVerified: true, readsDone: true, notesAdequate: true },
          }),
        ).reworkTaskId,
      ).toBeNull();
    expect(await d('samples.view', { week: '2025-W53' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    expect(outbox(ctx).filter((e) => e.entity === 'sample').length).toBe(want + (second ? 2 : 1));
    ctx.close();
  });
});
