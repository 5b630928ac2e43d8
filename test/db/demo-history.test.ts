/** demo-seed's call history on real database files: made through the call services, realistic, deterministic. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../electron/core/audit/log';
import { shanghaiDate } from '../../electron/core/clock';
import { openAppContext, type AppContext } from '../../electron/core/context';
import { demoSeed, type SeedResult } from '../../electron/core/demo/seed';
import { setSetting } from '../../electron/core/settings/store';
import { DEFAULT_CALL_RULES } from '../../shared/domain/calls';
import { addDays, toDate } from '../../shared/domain/workdays';
import { TestClock, tempDb } from '../helpers';

const AS_OF = '2026-11-20';
const FIRST = addDays(AS_OF, -56);

async function seeded(loans: number, seed: number): Promise<{ ctx: AppContext; result: SeedResult }> {
  const clock = new TestClock();
  const ctx = openAppContext(tempDb(), { clock: clock.now });
  const result = await demoSeed(ctx.db, ctx.pii(), { loans, seed, asOf: AS_OF }, clock.now());
  return { ctx, result };
}

/** ISO week (Monday–Sunday) of a YYYY-MM-DD date, as `YYYY-Www`. */
function isoWeek(date: string): string {
  const d = toDate(date);
  const day = (d.getUTCDay() + 6) % 7; // Monday 0
  const thursday = new Date(d.getTime() + (3 - day) * 86_400_000);
  const jan1 = Date.UTC(thursday.getUTCFullYear(), 0, 1);
  const week = 1 + Math.floor((thursday.getTime() - jan1) / (7 * 86_400_000));
  return `${thursday.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

const all = <T>(ctx: AppContext, sql: string, ...params: unknown[]) => ctx.db.prepare(sql).all(...params) as T[];
const one = <T>(ctx: AppContext, sql: string, ...params: unknown[]) => ctx.db.prepare(sql).get(...params) as T;

let a: Awaited<ReturnType<typeof seeded>>;
beforeAll(async () => {
  a = await seeded(300, 3);
}, 60_000);
afterAll(() => a?.ctx.close());

describe('demo-seed call history', () => {
  it('reports what it added, and the database holds exactly that', () => {
    const h = a.result.history!;
    expect(h.skipped).toBe(0); // every planned call was accepted by the services
    expect(h.records).toBeGreaterThan(200);
    expect(h.attempts).toBeGreaterThan(h.records);
    expect(one(a.ctx, 'SELECT count(*) AS n FROM attempts')).toEqual({ n: h.attempts });
    expect(one(a.ctx, 'SELECT count(*) AS n FROM records')).toEqual({ n: h.records });
    expect(one(a.ctx, "SELECT count(*) AS n FROM tasks WHERE status = 'escalated'")).toEqual({ n: h.escalated });
    expect(one(a.ctx, "SELECT count(*) AS n FROM flags WHERE status = 'open'")).toEqual({ n: h.flags });
  });

  it('spreads finalized records over the last eight weeks, about one in ten with a discrepancy', () => {
    const recs = all<{ finalized_at: string; outcome: string; mismatches: number }>(
      a.ctx,
      `SELECT r.finalized_at, r.outcome,
              (SELECT count(*) FROM record_items i WHERE i.record_id = r.id AND i.result = 'mismatch') AS mismatches
         FROM records r`,
    );
    const days = recs.map((r) => shanghaiDate(new Date(r.finalized_at)));
    for (const d of days) expect(d >= FIRST && d < AS_OF, d).toBe(true);
    expect(new Set(days.map(isoWeek)).size).toBeGreaterThanOrEqual(6);
    const discrepant = recs.filter((r) => r.mismatches > 0);
    for (const r of recs) expect(r.outcome).toBe(r.mismatches > 0 ? 'completed_with_discrepancy' : 'completed');
    expect(discrepant.length / recs.length).toBeGreaterThan(0.05);
    expect(discrepant.length / recs.length).toBeLessThan(0.2);
    expect(Math.max(...discrepant.map((r) => r.mismatches))).toBeLessThanOrEqual(2);
    // Every line that is not a match says why.
    expect(
      one(a.ctx, "SELECT count(*) AS n FROM record_items WHERE result IN ('mismatch', 'unverifiable') AND note = ''"),
    ).toEqual({ n: 0 });
  });

  it('has escalations of every kind, open risk flags, and work still open at as-of', () => {
    const reasons = all<{ escalation_reason: string }>(
      a.ctx,
      "SELECT DISTINCT escalation_reason FROM tasks WHERE status = 'escalated'",
    ).map((r) => r.escalation_reason);
    expect(reasons.sort()).toEqual(['exhausted', 'invalid_number', 'refused']);
    const codes = all<{ code: string }>(a.ctx, "SELECT DISTINCT code FROM flags WHERE status = 'open'").map(
      (r) => r.code,
    );
    expect(codes).toContain('mismatch');
    expect(codes).toContain('refused');
    expect(codes.filter((c) => c !== 'mismatch' && c !== 'refused').length).toBeGreaterThan(0); // answer flags
    // Callbacks booked for the days after as-of, and unanswered calls to retry: with 李娜 and 刘洋.
    const open = all<{ username: string; booked_at: string | null; due_by: string }>(
      a.ctx,
      `SELECT u.username, t.booked_at, t.due_by FROM tasks t JOIN users u ON u.id = t.assignee_id
        WHERE t.status IN ('open', 'in_progress')`,
    );
    expect(open.length).toBeGreaterThan(0);
    expect(open.some((t) => t.booked_at !== null && shanghaiDate(new Date(t.booked_at)) >= AS_OF)).toBe(true);
    expect(open.some((t) => t.booked_at === null)).toBe(true);
    for (const t of open) expect(['officer2', 'officer3']).toContain(t.username);
    // Every officer has worked.
    const workers = all<{ username: string }>(
      a.ctx,
      'SELECT DISTINCT u.username FROM attempts x JOIN users u ON u.id = x.officer_id ORDER BY 1',
    );
    expect(workers.map((w) => w.username)).toEqual(['officer1', 'officer2', 'officer3']);
  });

  it('leaves today’s and later windows, and the branch pool, to the queue', () => {
    expect(
      one(a.ctx, 'SELECT count(*) AS n FROM attempts x JOIN tasks t ON t.id = x.task_id WHERE t.due_by >= ?', AS_OF),
    ).toEqual({ n: 0 });
    const pool = one<{ n: number }>(
      a.ctx,
      "SELECT count(*) AS n FROM tasks WHERE status = 'open' AND assignee_id IS NULL AND window_start <= ? AND due_by >= ?",
      AS_OF,
      AS_OF,
    );
    expect(pool.n).toBeGreaterThan(20);
  });

  it('follows the call rules: calling hours, at most 3 attempts on at least 2 days, before as-of', () => {
    const attempts = all<{ task_id: number; call_date: string; outside_hours: number; started_at: string }>(
      a.ctx,
      'SELECT task_id, call_date, outside_hours, started_at FROM attempts',
    );
    const byTask = new Map<number, string[]>();
    for (const x of attempts) {
      expect(x.outside_hours).toBe(0);
      expect(x.call_date >= FIRST && x.call_date < AS_OF).toBe(true);
      byTask.set(x.task_id, [...(byTask.get(x.task_id) ?? []), x.call_date]);
    }
    for (const dates of byTask.values()) {
      expect(dates.length).toBeLessThanOrEqual(3);
      if (dates.length === 3) expect(new Set(dates).size).toBeGreaterThanOrEqual(2);
    }
  });

  it('gives every record its completing attempt and keeps the audit chain intact', () => {
    const orphans = one(
      a.ctx,
      `SELECT count(*) AS n FROM records r LEFT JOIN attempts x ON x.id = r.attempt_id
        WHERE x.id IS NULL OR x.task_id != r.task_id OR x.outcome != r.outcome OR x.officer_id != r.finalized_by
           OR x.ended_at != r.finalized_at`,
    );
    expect(orphans).toEqual({ n: 0 });
    expect(one(a.ctx, 'SELECT count(*) AS n FROM drafts')).toEqual({ n: 0 });
    // Each service wrote its audit entry.
    const actions = Object.fromEntries(
      all<{ action: string; n: number }>(a.ctx, 'SELECT action, count(*) AS n FROM audit_log GROUP BY action').map(
        (r) => [r.action, r.n],
      ),
    );
    expect(actions['calls.attempt']).toBe(a.result.history!.attempts);
    expect(actions['records.finalize']).toBe(a.result.history!.records);
    expect(actions['tasks.escalate']).toBe(a.result.history!.escalated);
    expect(actions['records.flag_created']).toBe(a.result.history!.flags);
    expect(actions['tasks.assign']).toBeGreaterThan(0);
    expect(verifyAuditChain(a.ctx.db)).toEqual({ ok: true, entries: expect.any(Number) });
  });

  it('adds nothing when run again, and gives the same history for the same seed in a fresh file', async () => {
    const before = one(a.ctx, 'SELECT (SELECT count(*) FROM attempts) AS a, (SELECT count(*) FROM audit_log) AS l');
    const again = await demoSeed(a.ctx.db, a.ctx.pii(), { loans: 300, seed: 3, asOf: AS_OF }, new Date());
    expect(again).toMatchObject({
      loansCreated: 0,
      history: { attempts: 0, records: 0, escalated: 0, flags: 0 },
    });
    expect(one(a.ctx, 'SELECT (SELECT count(*) FROM attempts) AS a, (SELECT count(*) FROM audit_log) AS l')).toEqual({
      ...(before as object),
      l: (before as { l: number }).l + 1, // the demo.seed entry itself
    });

    const b = await seeded(300, 3);
    expect(b.result.history).toEqual(a.result.history);
    const trail = (c: AppContext) =>
      all(c, 'SELECT task_id, officer_id, started_at, ended_at, outcome, note, booked_at FROM attempts ORDER BY id');
    expect(trail(b.ctx)).toEqual(trail(a.ctx));
    b.ctx.close();
  }, 60_000);

  it('follows the branch’s own attempt rules when they differ from the defaults', async () => {
    const clock = new TestClock();
    const ctx = openAppContext(tempDb(), { clock: clock.now });
    setSetting(ctx.db, 'callRules', { ...DEFAULT_CALL_RULES, maxAttempts: 2, minDistinctDays: 2 }, clock.now());
    const r = await demoSeed(ctx.db, ctx.pii(), { loans: 80, seed: 5, asOf: AS_OF }, clock.now());
    expect(r.history).toMatchObject({ skipped: 0, records: expect.any(Number) });
    expect(r.history!.records).toBeGreaterThan(30);
    const perTask = all<{ n: number; days: number }>(
      ctx,
      'SELECT count(*) AS n, count(DISTINCT call_date) AS days FROM attempts GROUP BY task_id',
    );
    for (const t of perTask) {
      expect(t.n).toBeLessThanOrEqual(2);
      if (t.n === 2) expect(t.days).toBe(2);
    }
    ctx.close();
  }, 60_000);
});
