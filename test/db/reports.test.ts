/** Weekly metrics, the dashboard, the rows behind a bar and the weekly export, on real database files. */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishScripts } from '../../electron/core/calls/scripts';
import { openAppContext, type AppContext } from '../../electron/core/context';
import { demoSeed } from '../../electron/core/demo/seed';
import { dashboard, reportDetails, weeklyMetrics } from '../../electron/core/reports/metrics';
import { writeWeeklyReport } from '../../electron/core/reports/weekly';
import { addWeeks } from '../../shared/domain/weeks';
import type { Metrics, WeeklyMetrics } from '../../shared/contract/reports';
import { isoWeekSchema, weeklyMetricsSchema } from '../../shared/contract/reports';
import { AppError } from '../../shared/result';
import { tempDb, tempDir, TestClock } from '../helpers';

const W = '2026-W47'; // Monday 2026-11-16 … Sunday 2026-11-22 (Asia/Shanghai)
const AFTER = new Date('2026-11-30T02:00:00Z'); // the week is over

/** A branch built row by row, so every number of the week is known. */
class Branch {
  ctx: AppContext;
  script: number;
  constructor() {
    this.ctx = openAppContext(tempDb());
    publishScripts(this.ctx.db, AFTER);
    this.script = this.ctx.db.prepare('SELECT id FROM scripts LIMIT 1').pluck().get() as number;
  }
  get db() {
    return this.ctx.db;
  }
  user(username: string, displayName = username): number {
    return Number(
      this.db
        .prepare(
          `INSERT INTO users (username, display_name, role, password_hash, created_at) VALUES (?, ?, 'officer', 'x', '2026-01-01T00:00:00.000Z')`,
        )
        .run(username, displayName).lastInsertRowid,
    );
  }
  loan(loanNo: string, borrower: string): number {
    const at = '2026-01-01T00:00:00.000Z';
    const id = Number(
      this.db
        .prepare(
          `INSERT INTO loans (loan_no, amount_cents, term_months, annual_rate, approval_date, property_address, created_at, updated_at)
           VALUES (?, 100000000, 360, 3.1, '2026-10-01', 'x', ?, ?)`,
        )
        .run(loanNo, at, at).lastInsertRowid,
    );
    this.db
      .prepare(
        `INSERT INTO parties (loan_id, role, name, id_number_enc, id_number_masked, id_number_hmac, created_at, updated_at)
         VALUES (?, 'borrower', ?, 'enc', '110105********1234', ?, ?, ?)`,
      )
      .run(id, borrower, `h${id}`, at, at);
    return id;
  }
  task(t: {
    loan: number;
    type?: string;
    windowStart?: string;
    due: string;
    assignee?: number | null;
    status?: string;
    created?: string;
    completedAt?: string | null;
    escalatedAt?: string | null;
  }): number {
    const created = t.created ?? '2026-11-01T00:00:00.000Z';
    return Number(
      this.db
        .prepare(
          `INSERT INTO tasks (loan_id, type, slot, window_start, due_by, status, assignee_id, created_at, updated_at, completed_at, escalated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          t.loan,
          t.type ?? 'post_approval',
          `s${Math.random()}`,
          t.windowStart ?? '2026-11-01',
          t.due,
          t.status ?? 'open',
          t.assignee ?? null,
          created,
          created,
          t.completedAt ?? null,
          t.escalatedAt ?? null,
        ).lastInsertRowid,
    );
  }
  attempt(task: number, officer: number, at: string, outcome: string, seconds: number | null): void {
    this.db
      .prepare(
        `INSERT INTO attempts (task_id, officer_id, script_id, started_at, ended_at, duration_s, call_date, outcome)
         VALUES (?, ?, ?, ?, ?, ?, '2026-11-16', ?)`,
      )
      .run(task, officer, this.script, at, at, seconds, outcome);
  }
  record(task: number, version: number, officer: number, at: string, mismatches: string[] = []): number {
    const id = Number(
      this.db
        .prepare(
          `INSERT INTO records (task_id, version, script_id, outcome, answers, reads, finalized_by, finalized_at)
           VALUES (?, ?, ?, ?, '{}', '{}', ?, ?)`,
        )
        .run(task, version, this.script, mismatches.length ? 'completed_with_discrepancy' : 'completed', officer, at)
        .lastInsertRowid,
    );
    const ins = this.db.prepare(
      `INSERT INTO record_items (record_id, key, pos, item, party_id, result, stated, note) VALUES (?, ?, ?, ?, NULL, ?, '', '')`,
    );
    ins.run(id, 'identity', 0, 'identity', 'match');
    mismatches.forEach((k, i) => ins.run(id, k, i + 1, k.split(':')[0], 'mismatch'));
    return id;
  }
}

/**
 * Week 2026-W47, two officers and the pool:
 *  T1 post_approval due Wed, o1, finalized Tue by o1 (on time), dials: no_answer 30 s, completed 300 s
 *  T2 post_disbursement due Fri, o2, finalized Sat by o2 (late), amended the next week with a mismatch;
 *     one dial without a duration
 *  T3 post_approval due Sun, pool, still open → window closed, overdue
 *  T4 repayment_reminder due Thu, o1, escalated Thu after an invalid_number dial (20 s)
 *  T5 event due Sat, cancelled → counts nowhere
 *  T6 post_approval due the week before, o2, finalized Mon 09:00 by o2 with a mismatch (late);
 *     a wrong_person dial by o1 on the Sunday before (outside the week) and one by o2 (600 s)
 *  T7 post_approval due next week, o1, a callback_requested dial in the week (120 s)
 */
function scenario(): { b: Branch; o1: number; o2: number } {
  const b = new Branch();
  const o1 = b.user('o1', '王芳');
  const o2 = b.user('o2', '李娜');
  const L = (n: number) => b.loan(`DK${n}`, n === 3 ? '欧阳娜娜' : '张三丰');
  const t1 = b.task({
    loan: L(1),
    due: '2026-11-18',
    assignee: o1,
    status: 'completed',
    completedAt: '2026-11-17T02:00:00.000Z',
  });
  b.attempt(t1, o1, '2026-11-16T02:00:00.000Z', 'no_answer', 30);
  b.attempt(t1, o1, '2026-11-17T02:00:00.000Z', 'completed', 300);
  b.record(t1, 1, o1, '2026-11-17T02:00:00.000Z');
  const t2 = b.task({
    loan: L(2),
    type: 'post_disbursement',
    due: '2026-11-20',
    assignee: o2,
    status: 'completed',
    completedAt: '2026-11-21T03:00:00.000Z',
  });
  b.attempt(t2, o2, '2026-11-21T03:00:00.000Z', 'completed', null);
  b.record(t2, 1, o2, '2026-11-21T03:00:00.000Z');
  b.record(t2, 2, o2, '2026-11-25T03:00:00.000Z', ['income']);
  b.task({ loan: L(3), due: '2026-11-22', assignee: null, created: '2026-11-10T00:00:00.000Z' });
  const t4 = b.task({
    loan: L(4),
    type: 'repayment_reminder',
    due: '2026-11-19',
    assignee: o1,
    status: 'escalated',
    escalatedAt: '2026-11-19T05:00:00.000Z',
  });
  b.attempt(t4, o1, '2026-11-19T05:00:00.000Z', 'invalid_number', 20);
  b.task({ loan: L(5), type: 'event', due: '2026-11-21', assignee: o1, status: 'cancelled' });
  const t6 = b.task({
    loan: L(6),
    due: '2026-11-12',
    assignee: o2,
    status: 'completed',
    completedAt: '2026-11-16T01:00:00.000Z',
  });
  b.attempt(t6, o1, '2026-11-15T15:00:00.000Z', 'wrong_person', 40); // Sunday 23:00 in Shanghai: the week before
  b.attempt(t6, o2, '2026-11-16T01:00:00.000Z', 'completed_with_discrepancy', 600);
  b.record(t6, 1, o2, '2026-11-16T01:00:00.000Z', ['down_payment', 'co_borrower:7']);
  const t7 = b.task({ loan: L(7), due: '2026-11-25', assignee: o1, status: 'in_progress' });
  b.attempt(t7, o1, '2026-11-20T06:00:00.000Z', 'callback_requested', 120);
  return { b, o1, o2 };
}

const r = (numerator: number, denominator: number) => ({
  numerator,
  denominator,
  rate: denominator ? numerator / denominator : null,
});

/** Count fields of a slice that add up across officers (records, attempts, tasks by assignee). */
function additive(m: Metrics) {
  return {
    completed: m.completion.numerator,
    windowClosed: m.completion.denominator,
    onTime: m.onTime.numerator,
    records: m.attemptsPerCompletion.records,
    attempts: m.attemptsPerCompletion.attempts,
    discrepancies: m.discrepancy.numerator,
    overdue: m.overdue,
    escalations: m.escalations,
  };
}
function sum(ms: Metrics[]) {
  const out = additive(ms[0]!);
  for (const k of Object.keys(out) as (keyof typeof out)[]) out[k] = ms.reduce((s, m) => s + additive(m)[k], 0);
  return out;
}

describe('weekly metrics on a hand-built week', () => {
  let s: ReturnType<typeof scenario>;
  let m: WeeklyMetrics;
  beforeAll(() => {
    s = scenario();
    m = weeklyMetrics(s.b.db, W, AFTER);
  });
  afterAll(() => s.b.ctx.close());

  it('gives the exact branch numbers of the domain definitions', () => {
    expect(weeklyMetricsSchema.parse(m)).toEqual(m);
    expect(m).toMatchObject({ week: W, from: '2026-11-16', to: '2026-11-22' });
    expect(m.branch).toEqual({
      completion: r(3, 4), // T1 T2 T6 finalized / T1 T2 T3 T4 closed (T5 cancelled)
      onTime: r(1, 3), // only T1 on or before its due date
      rightParty: r(4, 5), // T1 T2 T6 T7 reached the borrower / T1 T2 T4 T6 T7 called
      attemptsPerCompletion: { attempts: 6, records: 3, value: 2 },
      discrepancy: r(2, 3), // T2 through its amendment, T6
      overdue: 1, // T3
      escalations: 1, // T4
      averageHandleSeconds: (30 + 300 + 20 + 600 + 120) / 5,
    });
  });

  it('attributes records to who finalized them, tasks to their assignee, and keeps the pool apart', () => {
    expect(m.byOfficer.map((o) => [o.officer, o.displayName])).toEqual([
      ['o1', '王芳'],
      ['o2', '李娜'],
      [null, null],
    ]);
    const [o1, o2, pool] = m.byOfficer.map((o) => o.metrics);
    expect(o1).toEqual({
      completion: r(1, 2),
      onTime: r(1, 1),
      rightParty: r(2, 3),
      attemptsPerCompletion: { attempts: 4, records: 1, value: 4 },
      discrepancy: r(0, 1),
      overdue: 0,
      escalations: 1,
      averageHandleSeconds: (30 + 300 + 20 + 120) / 4,
    });
    // o2 finalized two records against one window of their own: a rate above 100 % is allowed.
    expect(o2!.completion).toEqual(r(2, 1));
    expect(o2).toMatchObject({ onTime: r(0, 2), rightParty: r(2, 2), discrepancy: r(2, 2), averageHandleSeconds: 600 });
    expect(pool).toEqual({
      completion: r(0, 1),
      onTime: r(0, 0),
      rightParty: r(0, 0),
      attemptsPerCompletion: { attempts: 0, records: 0, value: null },
      discrepancy: r(0, 0),
      overdue: 1,
      escalations: 0,
      averageHandleSeconds: null,
    });
    expect(sum(m.byOfficer.map((o) => o.metrics))).toEqual(additive(m.branch));
  });

  it('slices by task type, every type listed', () => {
    const by = Object.fromEntries(m.byType.map((x) => [x.type, x.metrics]));
    expect(Object.keys(by)).toHaveLength(6);
    expect(by.post_approval!.completion).toEqual(r(2, 2)); // T1 T6 / T1 T3
    expect(by.post_approval!.overdue).toBe(1);
    expect(by.post_disbursement!.discrepancy).toEqual(r(1, 1));
    expect(by.repayment_reminder).toMatchObject({ completion: r(0, 1), escalations: 1, rightParty: r(0, 1) });
    expect(by.event!.completion).toEqual(r(0, 0)); // the cancelled task is nowhere
    expect(sum(m.byType.map((x) => x.metrics))).toEqual(additive(m.branch));
  });

  it('counts overdue at the end of the week, or now for the week in progress', () => {
    // Saturday noon: T3 (due Sunday) is not late yet, nothing else is open past its window.
    expect(weeklyMetrics(s.b.db, W, new Date('2026-11-21T04:00:00Z')).branch.overdue).toBe(0);
    // The week after: T3 still open (now 8 days past due), T7 due Wednesday 25th still open.
    const next = weeklyMetrics(s.b.db, addWeeks(W, 1), AFTER).branch;
    expect(next.overdue).toBe(2);
    expect(next.discrepancy).toEqual(r(0, 0)); // the amendment is not a new record
    // Completing T3 on the Monday after does not change the week's own figure.
    s.b.db
      .prepare(
        `UPDATE tasks SET status = 'completed', completed_at = '2026-11-23T03:00:00.000Z' WHERE due_by = '2026-11-22'`,
      )
      .run();
    expect(weeklyMetrics(s.b.db, W, AFTER).branch.overdue).toBe(1);
    expect(weeklyMetrics(s.b.db, addWeeks(W, 1), AFTER).branch.overdue).toBe(1);
  });

  it('refuses a week that does not exist', () => {
    expect(() => weeklyMetrics(s.b.db, '2025-W53', AFTER)).toThrow(AppError);
  });
});

describe('week boundaries (Asia/Shanghai)', () => {
  it('counts a record on time only within its window: not before the window opens, nor after it closes', () => {
    const b = new Branch();
    const o = b.user('o1', '王芳');
    const window = { windowStart: '2026-11-18', due: '2026-11-20', assignee: o, status: 'completed' };
    const at = [
      '2026-11-17T02:00:00.000Z',
      '2026-11-18T02:00:00.000Z',
      '2026-11-20T15:30:00.000Z',
      '2026-11-21T02:00:00.000Z',
    ];
    // Tue (early), Wed (the first day), Fri 23:30 Shanghai (the last day), Sat (late)
    at.forEach((when, i) =>
      b.record(b.task({ loan: b.loan(`DK${i}`, '张三丰'), ...window, completedAt: when }), 1, o, when),
    );
    expect(weeklyMetrics(b.db, W, AFTER).branch.onTime).toEqual(r(2, 4));
    b.ctx.close();
  });

  it('puts Sunday 23:30 in its week and Monday 00:10 in the next', () => {
    const b = new Branch();
    const o = b.user('o1');
    const sunday = b.task({ loan: b.loan('A', '李四'), due: '2026-11-22', assignee: o, status: 'completed' });
    const monday = b.task({ loan: b.loan('B', '王五'), due: '2026-11-22', assignee: o, status: 'completed' });
    b.record(sunday, 1, o, '2026-11-22T15:30:00.000Z'); // Sunday 23:30 in Shanghai
    b.attempt(sunday, o, '2026-11-22T15:30:00.000Z', 'completed', 60);
    b.record(monday, 1, o, '2026-11-22T16:10:00.000Z'); // Monday 00:10
    b.attempt(monday, o, '2026-11-22T16:10:00.000Z', 'completed', 60);
    const w47 = weeklyMetrics(b.db, W, AFTER).branch;
    const w48 = weeklyMetrics(b.db, '2026-W48', AFTER).branch;
    expect(w47.completion).toEqual(r(1, 2));
    expect(w47.onTime).toEqual(r(1, 1));
    expect(w47.attemptsPerCompletion.attempts).toBe(1);
    expect(w48.completion).toEqual(r(1, 0));
    expect(w48.onTime).toEqual(r(0, 1)); // finalized the day after its due date
    expect(w48.attemptsPerCompletion.attempts).toBe(1);
    expect(reportDetails(b.db, { week: W }).rows.map((x) => x.loanNo)).toEqual(['A']);
    expect(reportDetails(b.db, { week: '2026-W48' }).rows.map((x) => x.loanNo)).toEqual(['B']);
    const trend = dashboard(b.db, '2026-W48', AFTER).trend;
    expect(trend.slice(-2).map((x) => x.completion.numerator)).toEqual([1, 1]);
    b.ctx.close();
  });
});

describe('the rows behind a bar', () => {
  it('lists the records first finalized in the week, masked, with the current version’s mismatches', () => {
    const { b } = scenario();
    const all = reportDetails(b.db, { week: W });
    expect(all.total).toBe(3);
    expect(all.rows.map((x) => [x.loanNo, x.borrowerName, x.officer, x.officerName, x.outcome, x.mismatches])).toEqual([
      ['DK6', '张**', 'o2', '李娜', 'completed_with_discrepancy', ['down_payment', 'co_borrower:7']],
      ['DK1', '张**', 'o1', '王芳', 'completed', []],
      ['DK2', '张**', 'o2', '李娜', 'completed_with_discrepancy', ['income']], // amended later
    ]);
    expect(reportDetails(b.db, { week: W, officer: 'o2' }).total).toBe(2);
    expect(reportDetails(b.db, { week: W, officer: null })).toEqual({ rows: [], total: 0 }); // the pool finalizes nothing
    expect(reportDetails(b.db, { week: W, type: 'post_approval' }).rows.map((x) => x.loanNo)).toEqual(['DK6', 'DK1']);
    expect(reportDetails(b.db, { week: W, discrepancyOnly: true }).total).toBe(2);
    const page = reportDetails(b.db, { week: W }, 1, 1);
    expect(page).toMatchObject({ total: 3, rows: [{ loanNo: 'DK1' }] });
    b.ctx.close();
  });
});

describe('the weekly export', () => {
  it('writes the XLSX with escaped text and the same numbers, and never leaves a partial file', async () => {
    const { b, o1 } = scenario();
    b.db.prepare(`UPDATE users SET display_name = '=HYPERLINK("http://evil","x")' WHERE id = ?`).run(o1);
    b.db.prepare(`UPDATE parties SET name = '=cmd' WHERE loan_id = (SELECT id FROM loans WHERE loan_no = 'DK1')`).run();
    b.db.prepare(`UPDATE loans SET loan_no = '+DK6' WHERE loan_no = 'DK6'`).run();
    const dir = tempDir();
    const out = path.join(dir, 'week.xlsx');
    const res = await writeWeeklyReport(b.db, { week: W, format: 'xlsx', language: 'zh-CN', out }, AFTER);
    expect(res).toMatchObject({ file: out, records: 3 });
    expect(res.metrics).toEqual(weeklyMetrics(b.db, W, AFTER));
    expect(fs.readdirSync(dir)).toEqual(['week.xlsx']);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['概览', '按回访员', '按回访类型', '风险标记', '明细']);
    const details = wb.getWorksheet('明细')!;
    expect(details.getRow(2).values).toEqual([
      undefined,
      "'+DK6",
      '张**',
      '李娜',
      'o2',
      '审批后回访',
      '核实异常',
      '首付款来源、共同借款人/担保人意愿',
      '2026-11-16 09:00',
    ]);
    expect(details.getRow(3).getCell(2).value).toBe("'=***");
    expect(details.getRow(3).getCell(3).value).toBe(`'=HYPERLINK("http://evil","x")`);
    const officers = wb.getWorksheet('按回访员')!;
    expect(officers.getRow(2).getCell(2).value).toBe(`'=HYPERLINK("http://evil","x")`);
    expect(officers.getRow(2).getCell(5).numFmt).toBe('0.0%');
    expect((wb.getWorksheet('概览')!.getRow(2).values as unknown[]).slice(1, 5)).toEqual(['完成率', 0.75, 3, 4]);
    expect(wb.getWorksheet('概览')!.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });

    // A failure while writing (the final name is a folder) leaves nothing behind but that folder.
    const blocked = path.join(dir, 'blocked.xlsx');
    fs.mkdirSync(blocked);
    const err = await writeWeeklyReport(b.db, { week: W, format: 'xlsx', language: 'en', out: blocked }, AFTER).catch(
      (e: unknown) => e,
    );
    expect(err).toMatchObject({ code: 'unavailable', message: 'reports.weekly.writeFailed' });
    expect(fs.readdirSync(dir).sort()).toEqual(['blocked.xlsx', 'week.xlsx']);
    await expect(
      writeWeeklyReport(b.db, { week: W, format: 'csv', language: 'en', out: path.join(dir, 'no/such/x.csv') }, AFTER),
    ).rejects.toMatchObject({ code: 'not_found', message: 'errors.outFolderMissing' });
    b.ctx.close();
  });

  it('writes the CSV in English: BOM, header, escaped cells', async () => {
    const { b, o1 } = scenario();
    b.db.prepare(`UPDATE users SET display_name = '@SUM(1)' WHERE id = ?`).run(o1);
    const out = path.join(tempDir(), 'week.csv');
    const res = await writeWeeklyReport(b.db, { week: W, format: 'csv', language: 'en', out }, AFTER);
    expect(res.records).toBe(3);
    const buf = fs.readFileSync(out);
    expect([...buf.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = buf.subarray(3).toString('utf8').trim().split('\r\n');
    expect(lines[0]).toBe(
      'Loan no.,Borrower,Officer,Officer username,Callback type,Outcome,Mismatched items,Finalized at',
    );
    expect(lines).toHaveLength(4);
    expect(lines[2]).toBe("DK1,张**,'@SUM(1),o1,Post-approval,Verified,,2026-11-17 10:00");
    b.ctx.close();
  });

  it('quotes a cell holding a lone line break, so no formula after it starts a row', async () => {
    const { b, o1 } = scenario();
    b.db.prepare(`UPDATE users SET display_name = ? WHERE id = ?`).run(`王芳\n=cmd|' /C calc'!A0`, o1);
    const out = path.join(tempDir(), 'week.csv');
    await writeWeeklyReport(b.db, { week: W, format: 'csv', language: 'en', out }, AFTER);
    // Read as a spreadsheet program does: quoted cells may span lines; rows end at CRLF or LF.
    const rows = parse(fs.readFileSync(out), { bom: true, record_delimiter: ['\r\n', '\n', '\r'] }) as string[][];
    expect(rows).toHaveLength(4);
    expect(new Set(rows.map((r) => r.length))).toEqual(new Set([8]));
    expect(rows[2]![2]).toBe(`王芳\n=cmd|' /C calc'!A0`);
    expect(rows.flat().filter((c) => /^[=+@]/.test(c))).toEqual([]);
    b.ctx.close();
  });

  it('a failure before the first write leaves no temporary file; one left by a killed export is removed', async () => {
    const { b } = scenario();
    const dir = tempDir();
    const dead = spawnSync(process.execPath, ['-e', '0']).pid!;
    const orphan = path.join(dir, `.week.csv.${dead}-0badc0de.part`);
    fs.writeFileSync(orphan, 'half a report');
    b.db.exec('ALTER TABLE parties RENAME TO parties_gone');
    const err = await writeWeeklyReport(
      b.db,
      { week: W, format: 'csv', language: 'en', out: path.join(dir, 'week.csv') },
      AFTER,
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    await new Promise((r) => setTimeout(r, 50)); // an open still in flight would land by now
    expect(fs.readdirSync(dir)).toEqual([]);
    b.ctx.close();
  });

  it('refuses a week that has not begun, and years before 1000', () => {
    const { b } = scenario();
    expect(() => weeklyMetrics(b.db, '2026-W50', AFTER)).toThrow('errors.weekInFuture');
    expect(() => weeklyMetrics(b.db, '2026-W49', AFTER)).not.toThrow(); // begun that Monday
    expect(isoWeekSchema.safeParse('0999-W10').success).toBe(false);
    expect(isoWeekSchema.safeParse('2026-W53').success).toBe(true);
    b.ctx.close();
  });
});

describe('on a demo branch with eight weeks of history', () => {
  const AS_OF = '2026-11-20';
  let ctx: AppContext;
  let now: Date;
  beforeAll(async () => {
    const clock = new TestClock(Date.parse('2026-11-20T02:00:00Z'));
    now = clock.now();
    ctx = openAppContext(tempDb(), { clock: clock.now });
    await demoSeed(ctx.db, ctx.pii(), { loans: 200, seed: 5, asOf: AS_OF, history: true }, now);
  }, 120_000);
  afterAll(() => ctx?.close());

  it('officers (and the pool) add up to the branch, and so do task types, every week', () => {
    const d = dashboard(ctx.db, undefined, now);
    expect(d.thisWeek.week).toBe('2026-W47');
    let records = 0;
    for (const { week } of d.trend) {
      const m = weeklyMetrics(ctx.db, week, now);
      records += m.branch.attemptsPerCompletion.records;
      expect(sum(m.byOfficer.map((o) => o.metrics)), week).toEqual(additive(m.branch));
      expect(sum(m.byType.map((x) => x.metrics)), week).toEqual(additive(m.branch));
      // Right-party counts tasks: they add up over types (a task has one type), not necessarily over officers.
      expect(m.byType.reduce((s, x) => s + x.metrics.rightParty.denominator, 0)).toBe(m.branch.rightParty.denominator);
      // The trend and the rows behind the bars agree with the week's metrics.
      const tr = d.trend.find((x) => x.week === week)!;
      expect(tr.completion).toEqual(m.branch.completion);
      expect(tr.discrepancy).toEqual(m.branch.discrepancy);
      expect(reportDetails(ctx.db, { week }).total).toBe(m.branch.completion.numerator);
      expect(reportDetails(ctx.db, { week, discrepancyOnly: true }).total).toBe(m.branch.discrepancy.numerator);
      for (const o of m.byOfficer.filter((x) => x.officer))
        expect(reportDetails(ctx.db, { week, officer: o.officer }).total).toBe(o.metrics.completion.numerator);
    }
    expect(records).toBeGreaterThan(100);
    expect(d.lastWeek).toEqual(weeklyMetrics(ctx.db, '2026-W46', now));
    const open = ctx.db
      .prepare(`SELECT count(*) FROM tasks WHERE status IN ('open', 'in_progress') AND due_by < ?`)
      .pluck()
      .get(AS_OF) as number;
    expect(d.overdueByAge.reduce((s, x) => s + x.count, 0)).toBe(open);
  });

  it('exports a past week with the same numbers as the dashboard', async () => {
    const out = path.join(tempDir(), 'w46.xlsx');
    const res = await writeWeeklyReport(ctx.db, { week: '2026-W46', format: 'xlsx', language: 'en', out }, now);
    expect(res.metrics).toEqual(dashboard(ctx.db, '2026-W46', now).thisWeek);
    expect(res.records).toBe(res.metrics.branch.completion.numerator);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      'Overview',
      'By officer',
      'By callback type',
      'Risk flags',
      'Details',
    ]);
    expect(wb.getWorksheet('Details')!.rowCount).toBe(res.records + 1);
  });
});
