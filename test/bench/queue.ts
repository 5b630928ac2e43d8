/**
 * Queue benchmark: 100k loans; task generation time, and the first page (50 rows) of the 今日 tab
 * as the app asks for it (count + urgency-sorted page with joins) against a floor measured in the
 * same run: a bare indexed `SELECT … LIMIT 50` on the same file. Target ratio ≤ 3.
 * (Historical attempts arrive with the guided-calls issue; this file has none yet.)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { openAppContext } from '../../electron/core/context';
import { Rng } from '../../electron/core/demo/random';
import { generateTasks } from '../../electron/core/schedule/generate';
import { listTasks, tabCounts } from '../../electron/core/schedule/queue';
import { addDays } from '../../shared/domain/workdays';
import type { BenchResult } from './import';

const AS_OF = '2026-11-23';

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

export async function benchQueue(loans = 100_000): Promise<BenchResult> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cbd-bench-queue-'));
  try {
    const ctx = openAppContext(path.join(dir, 'queue.db'));
    const rng = new Rng(7);
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
        insParty.run(
          id,
          `张${i % 97}`,
          `h${i}`,
          `138****${String(i % 10000).padStart(4, '0')}`,
          `l${i % 10000}`,
          at,
          at,
        );
      }
    })();
    const t0 = performance.now();
    const gen = generateTasks(ctx.db, { asOf: AS_OF, now: new Date(), actor: 'bench' });
    const generationSeconds = (performance.now() - t0) / 1000;

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
      todayTasks: today,
      generationSeconds: Math.round(generationSeconds * 100) / 100,
      generated: gen,
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
