/**
 * Report benchmark: the weekly export (XLSX, streamed) for a week with 50k finalized records,
 * against a floor measured in the same run on the same file: the same 明细 rows read with one
 * SELECT and written as plain CSV through an fs write stream. Each run is a fresh child process
 * (test/bench/report-child.ts, test/bench/child.ts) so its peak memory (maxRSS) belongs to that run alone.
 *
 * The week is written with raw prepared statements in one transaction, in the shape the services
 * leave: tasks completed by their record, one to three dials each, about one record in ten with a
 * mismatch (and a flag), a few amended, some tasks still open past their window.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { publishScripts } from '../../electron/core/calls/scripts';
import { openAppContext } from '../../electron/core/context';
import { Rng } from '../../electron/core/demo/random';
import { weekInstants } from '../../shared/domain/weeks';
import { addDays } from '../../shared/domain/workdays';
import { runChild } from './child';
import type { BenchResult } from './import';

const WEEK = '2026-W47'; // Monday 2026-11-16 … Sunday 2026-11-22
const NOW = '2026-11-30T02:00:00.000Z';
const TYPES = ['post_approval', 'post_disbursement', 'repayment_reminder', 'collateral_revaluation'] as const;
const ITEMS = ['identity', 'application_willingness', 'employer', 'income', 'property', 'loan_terms', 'down_payment'];
const SURNAMES = ['张', '王', '李', '赵', '刘', '陈', '杨', '黄', '欧阳', '周'];

function build(file: string, records: number): { setupSeconds: number; attempts: number; flags: number } {
  const t0 = performance.now();
  const ctx = openAppContext(file);
  const db = ctx.db;
  const rng = new Rng(11);
  const at = '2026-10-01T00:00:00.000Z';
  publishScripts(db, new Date(at));
  const script = db.prepare('SELECT id FROM scripts LIMIT 1').pluck().get() as number;
  const start = Date.parse(weekInstants(WEEK)!.start);
  let attempts = 0;
  let flags = 0;
  db.transaction(() => {
    db.prepare(`INSERT INTO branch (id, code, name, created_at) VALUES (1, 'BENCH', '基准测试支行', ?)`).run(at);
    const insUser = db.prepare(
      `INSERT INTO users (username, display_name, role, password_hash, created_at) VALUES (?, ?, 'officer', 'x', ?)`,
    );
    const officers = Array.from({ length: 12 }, (_, i) =>
      Number(insUser.run(`officer${i + 1}`, `回访员${i + 1}`, at).lastInsertRowid),
    );
    const insLoan = db.prepare(
      `INSERT INTO loans (loan_no, amount_cents, term_months, annual_rate, approval_date, property_address, created_at, updated_at)
       VALUES (?, 100000000, 360, 3.1, '2026-10-01', 'x', ?, ?)`,
    );
    const insParty = db.prepare(
      `INSERT INTO parties (loan_id, role, name, id_number_enc, id_number_masked, id_number_hmac, created_at, updated_at)
       VALUES (?, 'borrower', ?, 'enc', '110105********1234', ?, ?, ?)`,
    );
    const insTask = db.prepare(
      `INSERT INTO tasks (loan_id, type, slot, window_start, due_by, status, assignee_id, attempts, created_at, updated_at, completed_at)
       VALUES (?, ?, 'bench', ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const insAttempt = db.prepare(
      `INSERT INTO attempts (task_id, officer_id, script_id, started_at, ended_at, duration_s, call_date, outcome)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const insRecord = db.prepare(
      `INSERT INTO records (task_id, version, script_id, attempt_id, outcome, answers, reads, reason, finalized_by, finalized_at)
       VALUES (?, ?, ?, ?, ?, '{}', '{}', ?, ?, ?)`,
    );
    const insItem = db.prepare(
      `INSERT INTO record_items (record_id, key, pos, item, result, stated, note) VALUES (?, ?, ?, ?, ?, '与档案一致', '')`,
    );
    const insFlag = db.prepare(
      `INSERT INTO flags (loan_id, task_id, record_id, code, item, severity, created_by, created_at)
       VALUES (?, ?, ?, 'mismatch', ?, 'high', ?, ?)`,
    );
    const items = (recordId: number, mismatch: string | null) =>
      ITEMS.forEach((k, pos) => insItem.run(recordId, k, pos, k, k === mismatch ? 'mismatch' : 'match'));
    const open = Math.round(records / 10);
    for (let i = 0; i < records + open; i++) {
      const loan = Number(insLoan.run(`BK${String(i).padStart(8, '0')}`, at, at).lastInsertRowid);
      insParty.run(loan, `${rng.pick(SURNAMES)}${'明华'.slice(0, rng.int(1, 2))}`, `h${i}`, at, at);
      const officer = officers[rng.int(0, officers.length - 1)]!;
      const type = TYPES[i % TYPES.length]!;
      const done = start + rng.int(0, 7 * 24 * 3600 - 1) * 1000;
      // Mostly finalized within the window; some late, some well ahead of a window closing next week.
      const due = addDays(new Date(done + 8 * 3600_000).toISOString().slice(0, 10), rng.int(-1, 4));
      if (i >= records) {
        // Still open: some past their window at the end of the week.
        insTask.run(loan, type, addDays(due, -8), due, 'open', rng.chance(0.3) ? null : officer, 0, at, at, null);
        continue;
      }
      const doneAt = new Date(done).toISOString();
      const dials = rng.int(1, 3);
      const task = Number(
        insTask.run(loan, type, addDays(due, -8), due, 'completed', officer, dials, at, at, doneAt).lastInsertRowid,
      );
      let attemptId = 0;
      for (let k = dials - 1; k >= 0; k--) {
        const s = done - k * 3 * 3600_000;
        const last = k === 0;
        attemptId = Number(
          insAttempt.run(
            task,
            officer,
            script,
            new Date(s).toISOString(),
            new Date(s + 60_000).toISOString(),
            last ? rng.int(120, 600) : rng.int(5, 60),
            new Date(s + 8 * 3600_000).toISOString().slice(0, 10),
            last ? 'completed' : 'no_answer',
          ).lastInsertRowid,
        );
        attempts++;
      }
      const mismatch = rng.chance(0.1) ? ITEMS[rng.int(1, ITEMS.length - 1)]! : null;
      const outcome = mismatch ? 'completed_with_discrepancy' : 'completed';
      const rec = Number(insRecord.run(task, 1, script, attemptId, outcome, null, officer, doneAt).lastInsertRowid);
      items(rec, mismatch);
      if (mismatch) {
        insFlag.run(loan, task, rec, mismatch, officer, doneAt);
        flags++;
      }
      if (rng.chance(0.02)) {
        const v2 = Number(
          insRecord.run(task, 2, script, null, 'completed_with_discrepancy', '更正', officer, NOW).lastInsertRowid,
        );
        items(v2, 'income');
      }
    }
  })();
  ctx.close();
  return { setupSeconds: Math.round((performance.now() - t0) / 100) / 10, attempts, flags };
}

const run = (mode: 'xlsx' | 'csv' | 'floor', db: string, out: string) =>
  runChild<{ rows: number; bytes: number }>('report-child.ts', [mode, db, out, WEEK, NOW]);

export async function benchReport(records = 50_000): Promise<BenchResult> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cbd-bench-report-'));
  try {
    const db = path.join(dir, 'report.db');
    const setup = build(db, records);
    run('floor', db, path.join(dir, 'warm.csv')); // warm the page cache
    const floor = run('floor', db, path.join(dir, 'floor.csv'));
    const xlsx = run('xlsx', db, path.join(dir, 'weekly.xlsx'));
    const csv = run('csv', db, path.join(dir, 'weekly.csv'));
    if (xlsx.rows !== floor.rows || csv.rows !== floor.rows)
      throw new Error(`row counts differ: floor ${floor.rows}, xlsx ${xlsx.rows}, csv ${csv.rows}`);
    return {
      name: 'report',
      week: WEEK,
      rows: xlsx.rows,
      attempts: setup.attempts,
      flags: setup.flags,
      setupSeconds: setup.setupSeconds,
      xlsxMs: xlsx.ms,
      floorMs: floor.ms,
      ratio: Math.round((xlsx.ms / floor.ms) * 100) / 100,
      // CPU time is steadier than wall time on a shared machine; both are measured in the same run.
      xlsxCpuMs: xlsx.cpuMs,
      floorCpuMs: floor.cpuMs,
      cpuRatio: Math.round((xlsx.cpuMs / floor.cpuMs) * 100) / 100,
      csvMs: csv.ms,
      csvRatio: Math.round((csv.ms / floor.ms) * 100) / 100,
      xlsxBytes: xlsx.bytes,
      peakRssMb: xlsx.peakRssMb,
      rssAtStartMb: xlsx.baseRssMb,
      exportRssGrowthMb: Math.round((xlsx.sampledPeakRssMb - xlsx.baseRssMb) * 10) / 10,
      floorPeakRssMb: floor.peakRssMb,
      csvPeakRssMb: csv.peakRssMb,
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
