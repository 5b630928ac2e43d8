/**
 * Queue benchmark: 100k loans with 1M historical attempts (about 400k past repayment-reminder
 * tasks, completed after one to four dials, plus a few dials on tasks still open); task
 * generation time on that file, and the first page (50 rows) of the 今日 tab as the app asks for
 * it (urgency-sorted page with joins) against a floor measured in the same run: a bare indexed
 * `SELECT … LIMIT 50` of the same page. Target ratio ≤ 3.
 *
 * The history is written with raw prepared statements in one transaction (the services would
 * take hours for a million dials); it has the shape the services leave: tasks completed with
 * their attempt count, attempts pinned to a published script and an officer.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { addUser } from '../../electron/core/users/users';
import { currentScript, publishScripts } from '../../electron/core/calls/scripts';
import { openAppContext, type AppContext } from '../../electron/core/context';
import { Rng } from '../../electron/core/demo/random';
import { generateTasks } from '../../electron/core/tasks/generate';
import { listTasks, tabCounts } from '../../electron/core/tasks/queue';
import { addDays } from '../../shared/domain/workdays';
import type { BenchResult } from './import';

export const AS_OF = '2026-11-23';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function timeIt(fn: () => void, runs = 101): number {
  fn(); // warm the statement cache and the page cache
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    times.push(performance.now() - t);
  }
  return median(times);
}

const OUTCOME_MIX = ['no_answer', 'busy', 'powered_off', 'wrong_person', 'callback_requested'] as const;

/** About `target` past attempts: completed reminder tasks 35+ days back, and dials on open tasks. */
async function addHistory(ctx: AppContext, rng: Rng, loans: number, target: number): Promise<number> {
  const now = new Date();
  publishScripts(ctx.db, now);
  const script = currentScript(ctx.db, 'repayment_reminder', now).id;
  const officers: number[] = [];
  for (const u of ['officer1', 'officer2', 'officer3'])
    officers.push(
      (await addUser(ctx.db, { username: u, displayName: u, role: 'officer', password: 'bench-pass-1' }, null, now)).id,
    );
  const insTask = ctx.db.prepare(
    `INSERT INTO tasks (loan_id, type, slot, window_start, due_by, status, assignee_id, attempts, created_at, updated_at, completed_at)
     VALUES (?, 'repayment_reminder', ?, ?, ?, 'completed', ?, ?, ?, ?, ?)`,
  );
  const insAttempt = ctx.db.prepare(
    `INSERT INTO attempts (task_id, officer_id, script_id, started_at, ended_at, duration_s, call_date, outcome)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const dial = (taskId: number, officer: number, day: string, k: number, last: boolean) => {
    const start = Date.parse(`${day}T01:30:00Z`) + k * 3 * 3600_000 + rng.int(0, 3000) * 1000;
    const seconds = last ? rng.int(120, 600) : rng.int(5, 60);
    insAttempt.run(
      taskId,
      officer,
      script,
      new Date(start).toISOString(),
      new Date(start + seconds * 1000).toISOString(),
      seconds,
      day,
      last ? 'completed' : OUTCOME_MIX[rng.int(0, OUTCOME_MIX.length - 1)]!,
    );
  };
  let made = 0;
  ctx.db.transaction(() => {
    // Open tasks: up to two dials each on about a fifth of them.
    const open = ctx.db.prepare(`SELECT id FROM tasks WHERE status = 'open' AND window_start <= ?`).pluck().all(AS_OF);
    const bump = ctx.db.prepare(`UPDATE tasks SET status = 'in_progress', attempts = ?, assignee_id = ? WHERE id = ?`);
    for (const id of open as number[]) {
      if (!rng.chance(0.2)) continue;
      const n = rng.int(1, 2);
      const officer = officers[rng.int(0, 2)]!;
      for (let k = 0; k < n; k++) dial(id, officer, AS_OF, k, false);
      bump.run(n, officer, id);
      made += n;
    }
    // Past months: one reminder task per loan and month, completed after one to four dials.
    for (let month = 0; made < target; month++)
      for (let loan = 1; loan <= loans && made < target; loan++) {
        const due = addDays(AS_OF, -35 - month * 30 - rng.int(0, 27));
        const n = rng.int(1, 4);
        const officer = officers[rng.int(0, 2)]!;
        const at = `${due}T08:00:00.000Z`;
        const id = Number(
          insTask.run(loan, `due:${due}:${month}`, addDays(due, -3), due, officer, n, at, at, at).lastInsertRowid,
        );
        for (let k = 0; k < n; k++) dial(id, officer, addDays(due, -3 + Math.min(k, 3)), k % 3, k === n - 1);
        made += n;
      }
  })();
  return made;
}

/** `loans` loans with one borrower each, approved over the 150 days before AS_OF (raw inserts, one transaction). */
export function insertLoans(ctx: AppContext, rng: Rng, loans: number): void {
  const at = new Date().toISOString();
  const insLoan = ctx.db.prepare(
    `INSERT INTO loans (loan_no, amount_cents, term_months, annual_rate, repayment_day, approval_date, disbursement_date, property_address, created_at, updated_at)
     VALUES (?, 100000000, 360, 3.1, ?, ?, ?, 'x', ?, ?)`,
  );
  const insParty = ctx.db.prepare(
    `INSERT INTO parties (loan_id, role, name, id_number_enc, id_number_masked, id_number_hmac, phone_masked, phone_last4_hmac, created_at, updated_at)
     VALUES (?, 'borrower', ?, 'x', 'x', ?, ?, ?, ?, ?)`,
  );
  ctx.db.transaction(() => {
    for (let i = 0; i < loans; i++) {
      const approval = addDays(AS_OF, -rng.int(0, 150));
      const disb = addDays(approval, rng.int(7, 25));
      const id = Number(
        insLoan.run(`Q${i}`, rng.int(1, 28), approval, disb <= AS_OF ? disb : null, at, at).lastInsertRowid,
      );
      insParty.run(id, `张${i % 97}`, `h${i}`, `138****${String(i % 10000).padStart(4, '0')}`, `l${i % 10000}`, at, at);
    }
  })();
}

export async function benchQueue(loans = 100_000, attempts = 1_000_000): Promise<BenchResult> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cbd-bench-queue-'));
  try {
    const ctx = openAppContext(path.join(dir, 'queue.db'));
    const rng = new Rng(7);
    insertLoans(ctx, rng, loans);
    const t0 = performance.now();
    const gen = generateTasks(ctx.db, { asOf: AS_OF, now: new Date(), actor: 'bench' });
    const generationSeconds = (performance.now() - t0) / 1000;
    const t1 = performance.now();
    const historical = await addHistory(ctx, rng, loans, attempts);
    const t2 = performance.now();
    // What every app start does on this file: generation again, with the history in place.
    const regen = generateTasks(ctx.db, { asOf: AS_OF, now: new Date(), actor: 'bench' });
    const regenerationSeconds = (performance.now() - t2) / 1000;

    // Floor: the same page as one bare prepared SELECT … LIMIT 50 (same joins and index, no app code).
    const floorSql = ctx.db.prepare(
      `SELECT t.id, l.loan_no, t.type, t.window_start, t.due_by, t.status, u.username, t.attempts, t.warnings, p.name, p.phone_masked
       FROM tasks t JOIN loans l ON l.id = t.loan_id JOIN parties p ON p.loan_id = t.loan_id AND p.role = 'borrower'
       LEFT JOIN users u ON u.id = t.assignee_id
       WHERE t.active = 1 AND t.window_start <= ? AND t.due_by >= ? ORDER BY t.due_by, t.window_start, t.id LIMIT 50`,
    );
    const floorMs = timeIt(() => floorSql.all(AS_OF, AS_OF));
    const bareSql = ctx.db.prepare(
      `SELECT id FROM tasks WHERE active = 1 AND window_start <= ? AND due_by >= ? ORDER BY due_by, window_start LIMIT 50`,
    );
    const bareMs = timeIt(() => bareSql.all(AS_OF, AS_OF));
    const pageMs = timeIt(() => listTasks(ctx.db, null, { asOf: AS_OF, tab: 'today', limit: 50, withTotal: false }));
    const pageWithTotalMs = timeIt(() => listTasks(ctx.db, null, { asOf: AS_OF, tab: 'today', limit: 50 }));
    const countsMs = timeIt(() => tabCounts(ctx.db, null, { asOf: AS_OF }), 5);
    const today = listTasks(ctx.db, null, { asOf: AS_OF, tab: 'today', limit: 1 }).total;
    const tasks = ctx.db.prepare('SELECT count(*) FROM tasks').pluck().get() as number;
    ctx.close();
    return {
      name: 'queue',
      loans,
      tasks,
      historicalAttempts: historical,
      historySetupSeconds: Math.round((t2 - t1) / 10) / 100,
      todayTasks: today,
      generationSeconds: Math.round(generationSeconds * 100) / 100,
      generated: gen,
      startupGenerationSeconds: Math.round(regenerationSeconds * 100) / 100,
      startupGenerated: regen,
      firstPageMs: Math.round(pageMs * 1000) / 1000,
      floorMs: Math.round(floorMs * 1000) / 1000,
      ratio: Math.round((pageMs / floorMs) * 100) / 100,
      target: '≤ 3',
      singleTableFloorMs: Math.round(bareMs * 1000) / 1000,
      firstPageWithTotalMs: Math.round(pageWithTotalMs * 100) / 100,
      allTabCountsMs: Math.round(countsMs * 100) / 100,
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
