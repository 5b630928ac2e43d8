/** Task generation and the calendar on real database files. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { initBranch } from '../../electron/core/branch';
import { openAppContext } from '../../electron/core/context';
import { analyseImport, disposeAnalysis, fileSource } from '../../electron/core/imports/analyse';
import { commitImport } from '../../electron/core/imports/commit';
import { importLimits } from '../../electron/core/imports/limits';
import {
  calendarStatus,
  importCalendar,
  loadCalendar,
  parseCalendarFile,
  seedCalendar,
} from '../../electron/core/calendar/calendar';
import { generateTasks } from '../../electron/core/tasks/generate';
import { listTasks, tabCounts } from '../../electron/core/tasks/queue';
import { nthWorkingDayAfter } from '../../shared/domain/workdays';
import { sampleRows, toCsv } from '../fixtures/import/generate';
import { tempDb, tempDir } from '../helpers';

const NOW = new Date('2026-11-23T02:00:00Z');

async function withLoans(rows: ReturnType<typeof sampleRows>) {
  const ctx = openAppContext(tempDb(), { clock: () => NOW });
  await initBranch(ctx.db, { code: 'HZ1', name: '测试支行', admin: 'admin', password: 'admin-pass-1' }, NOW);
  await importRows(ctx, rows);
  return ctx;
}

async function importRows(ctx: ReturnType<typeof openAppContext>, rows: ReturnType<typeof sampleRows>) {
  const file = path.join(tempDir(), 'loans.csv');
  fs.writeFileSync(file, toCsv(rows));
  const a = await analyseImport(ctx.db, ctx.pii(), {
    fileName: 'loans.csv',
    source: fileSource(file),
    limits: importLimits(ctx.db),
    today: '2026-11-23',
  });
  if (a.errors.length || a.fileErrors.length) throw new Error(JSON.stringify([...a.fileErrors, ...a.errors]));
  commitImport(ctx.db, ctx.pii(), a, { skipInvalid: false, actor: 'test', now: NOW });
  disposeAnalysis(a);
}

function loan(loanNo: string, approval: string, disbursement = '', repaymentDay = '') {
  const r = sampleRows(1)[0]!;
  return {
    ...r,
    loan_no: loanNo,
    approval_date: approval,
    disbursement_date: disbursement,
    repayment_day: repaymentDay,
  };
}

const tasksOf = (ctx: ReturnType<typeof openAppContext>) =>
  ctx.db
    .prepare(
      'SELECT l.loan_no, t.type, t.slot, t.window_start, t.due_by, t.status, t.warnings FROM tasks t JOIN loans l ON l.id = t.loan_id ORDER BY t.id',
    )
    .all() as {
    loan_no: string;
    type: string;
    slot: string;
    window_start: string;
    due_by: string;
    status: string;
    warnings: string;
  }[];

describe('calendar', () => {
  it('is seeded from chinese-days once, 2004–2026', () => {
    const ctx = openAppContext(tempDb());
    expect(seedCalendar(ctx.db, NOW)).toBe(23);
    expect(seedCalendar(ctx.db, NOW)).toBe(0);
    const cal = loadCalendar(ctx.db);
    expect(cal.days.get('2026-10-10')).toBe('workday');
    expect(cal.days.get('2026-02-17')).toBe('holiday');
    expect(calendarStatus(ctx.db).years).toHaveLength(23);
    ctx.close();
  });

  it('imports a later year from CSV, replacing it whole, and validates the file by row', () => {
    const ctx = openAppContext(tempDb());
    seedCalendar(ctx.db, NOW);
    const dir = tempDir();
    const good = path.join(dir, '2027.csv');
    fs.writeFileSync(
      good,
      'date,kind,name\n2027-01-01,holiday,元旦\n2027-02-06,holiday,春节\n2027-02-07,workday,春节\n',
    );
    const parsed = parseCalendarFile(good);
    expect(parsed.issues).toEqual([]);
    expect(importCalendar(ctx.db, parsed.rows, 'admin', NOW)).toEqual({ years: [2027], days: 3 });
    expect(loadCalendar(ctx.db).days.get('2027-02-07')).toBe('workday');
    const bad = path.join(dir, 'bad.json');
    fs.writeFileSync(
      bad,
      JSON.stringify([
        { date: '2027-02-30', kind: 'holiday' },
        { date: '2027-03-01', kind: 'vacation' },
      ]),
    );
    expect(parseCalendarFile(bad).issues).toEqual([
      { row: 1, column: 'date', code: 'date_format' },
      { row: 2, column: 'kind', code: 'calendar_kind' },
    ]);
    ctx.close();
  });

  it('a notice that also lists days of the year before changes only those days, not that whole year', () => {
    const ctx = openAppContext(tempDb());
    seedCalendar(ctx.db, NOW);
    const count2026 = () =>
      ctx.db.prepare("SELECT count(*) FROM calendar_days WHERE date LIKE '2026-%'").pluck().get() as number;
    const before = count2026();
    expect(nthWorkingDayAfter(loadCalendar(ctx.db), '2026-09-30', 1).date).toBe('2026-10-08');
    // Like the 2019 notice, which also set 2018-12-29 上班 and 2018-12-30/31 off.
    const rows = [
      { date: '2026-12-31', kind: 'holiday' as const, name: '元旦' },
      { date: '2027-01-01', kind: 'holiday' as const, name: '元旦' },
      ...['02-06', '02-07', '02-08', '02-09', '02-10', '02-11', '02-12'].map((d) => ({
        date: `2027-${d}`,
        kind: 'holiday' as const,
        name: '春节',
      })),
    ];
    expect(importCalendar(ctx.db, rows, 'admin', NOW)).toEqual({ years: [2027], days: 9 });
    const cal = loadCalendar(ctx.db);
    expect(count2026()).toBe(before + 1);
    expect(cal.days.get('2026-12-31')).toBe('holiday');
    expect(cal.days.get('2026-10-10')).toBe('workday');
    expect(nthWorkingDayAfter(cal, '2026-09-30', 1).date).toBe('2026-10-08');
    expect(calendarStatus(ctx.db).years).toContain(2026);
    const source = ctx.db.prepare('SELECT source FROM calendar_years WHERE year = 2026').pluck().get();
    expect(source).toBe('chinese-days');
    ctx.close();
  });
});

describe('tasks generate', () => {
  it('creates each task once: a second run creates nothing', async () => {
    const ctx = await withLoans([loan('A1', '2026-11-18'), loan('A2', '2026-10-01', '2026-10-20', '15')]);
    const first = generateTasks(ctx.db, { asOf: '2026-11-23', now: NOW, actor: 't' });
    expect(first.created).toBeGreaterThan(0);
    const second = generateTasks(ctx.db, { asOf: '2026-11-23', now: NOW, actor: 't' });
    expect(second).toEqual({ created: 0, updated: 0, unchanged: first.created + first.unchanged });
    expect(tasksOf(ctx).filter((t) => t.loan_no === 'A1')).toEqual([
      {
        loan_no: 'A1',
        type: 'post_approval',
        slot: 'approval',
        window_start: '2026-11-27',
        due_by: '2026-12-09',
        status: 'open',
        warnings: '[]',
      },
    ]);
    ctx.close();
  });

  it('moves the window of an open task when a re-import changes the approval date, and audits it', async () => {
    const ctx = await withLoans([loan('A1', '2026-11-18')]);
    generateTasks(ctx.db, { asOf: '2026-11-23', now: NOW, actor: 't' });
    await importRows(ctx, [loan('A1', '2026-11-20')]);
    const r = generateTasks(ctx.db, { asOf: '2026-11-23', now: NOW, actor: 't' });
    expect(r).toMatchObject({ created: 0, updated: 1 });
    expect(tasksOf(ctx)[0]).toMatchObject({ window_start: '2026-12-01', due_by: '2026-12-11' });
    const audit = ctx.db
      .prepare("SELECT details FROM audit_log WHERE action = 'tasks.window_moved'")
      .pluck()
      .all() as string[];
    expect(JSON.parse(audit[0]!)).toMatchObject({
      loanNo: 'A1',
      from: ['2026-11-27', '2026-12-09'],
      to: ['2026-12-01', '2026-12-11'],
    });
    ctx.close();
  });

  it('never touches a completed task', async () => {
    const ctx = await withLoans([loan('A1', '2026-11-18')]);
    generateTasks(ctx.db, { asOf: '2026-11-23', now: NOW, actor: 't' });
    ctx.db.prepare("UPDATE tasks SET status = 'completed'").run();
    await importRows(ctx, [loan('A1', '2026-11-20')]);
    expect(generateTasks(ctx.db, { asOf: '2026-11-23', now: NOW, actor: 't' })).toMatchObject({
      created: 0,
      updated: 0,
    });
    expect(tasksOf(ctx)[0]).toMatchObject({ window_start: '2026-11-27', status: 'completed' });
    ctx.close();
  });

  it('warns when a window needs a year without calendar data, until that year is imported', async () => {
    const ctx = await withLoans([loan('A1', '2026-12-18')]);
    generateTasks(ctx.db, { asOf: '2026-12-20', now: NOW, actor: 't' });
    expect(tasksOf(ctx)[0]).toMatchObject({ due_by: '2027-01-08', warnings: '["calendar_missing:2027"]' });
    expect(calendarStatus(ctx.db).missing).toEqual([2027]);
    // The 2027 notice: 1 Jan holiday. Day 15 moves one working day later.
    importCalendar(ctx.db, [{ date: '2027-01-01', kind: 'holiday', name: '元旦' }], 'admin', NOW);
    generateTasks(ctx.db, { asOf: '2026-12-20', now: NOW, actor: 't' });
    expect(tasksOf(ctx)[0]).toMatchObject({ due_by: '2027-01-11', warnings: '[]' });
    expect(calendarStatus(ctx.db).missing).toEqual([]);
    ctx.close();
  });
});

describe('queue', () => {
  it('splits tasks into tabs and sorts overdue first, then by due date', async () => {
    const ctx = await withLoans([loan('OLD', '2026-10-20'), loan('NOW', '2026-11-05'), loan('NEW', '2026-11-20')]);
    generateTasks(ctx.db, { asOf: '2026-11-23', now: NOW, actor: 't' });
    const q = { asOf: '2026-11-23' };
    expect(tabCounts(ctx.db, null, q)).toMatchObject({ today: 1, overdue: 1, done: 0 });
    const all = listTasks(ctx.db, null, { ...q, tab: 'all' }).rows.map((r) => [r.loanNo, r.overdue]);
    expect(all).toEqual([
      ['OLD', true],
      ['NOW', false],
      ['NEW', false],
    ]);
    expect(listTasks(ctx.db, ctx.pii(), { ...q, tab: 'all', search: 'NOW' }).rows.map((r) => r.loanNo)).toEqual([
      'NOW',
    ]);
    ctx.close();
  });
});

describe('special-event tasks', () => {
  it('a manager creates one with a reason; it opens today and shows in the queue', async () => {
    const { createEventTask } = await import('../../electron/core/tasks/events');
    const ctx = await withLoans([loan('E1', '2026-06-01', '2026-06-20', '10')]);
    const id = createEventTask(
      ctx.db,
      { loanNo: 'E1', kind: 'income_change', reason: '借款人反映收入下降' },
      '2026-11-23',
      'manager1',
      NOW,
    );
    const row = listTasks(ctx.db, null, { asOf: '2026-11-23', tab: 'today' }).rows.find((r) => r.taskId === id)!;
    expect(row).toMatchObject({
      type: 'event',
      windowStart: '2026-11-23',
      dueBy: '2026-11-30',
      reason: { kind: 'income_change', text: '借款人反映收入下降' },
    });
    expect(
      createEventTask(
        ctx.db,
        { loanNo: 'E1', kind: 'other', reason: '再次回访', dueBy: '2026-11-25' },
        '2026-11-23',
        'm',
        NOW,
      ),
    ).toBeGreaterThan(id);
    expect(() =>
      createEventTask(ctx.db, { loanNo: 'NOPE', kind: 'other', reason: 'xx' }, '2026-11-23', 'm', NOW),
    ).toThrow(/loanMissing/);
    expect(() =>
      createEventTask(
        ctx.db,
        { loanNo: 'E1', kind: 'other', reason: 'xx', dueBy: '2026-11-01' },
        '2026-11-23',
        'm',
        NOW,
      ),
    ).toThrow(/dueInPast/);
    expect(ctx.db.prepare("SELECT count(*) FROM audit_log WHERE action = 'tasks.event_created'").pluck().get()).toBe(2);
    // Generation leaves event tasks alone.
    expect(generateTasks(ctx.db, { asOf: '2026-11-23', now: NOW, actor: 't' }).updated).toBe(0);
    ctx.close();
  });
});

describe('settings and calendar channels', () => {
  it('only administrators change rules or import calendars; a bad calendar changes nothing', async () => {
    const { createDispatcher } = await import('../../electron/core/dispatch');
    const { addUser } = await import('../../electron/core/users/users');
    const { DEFAULT_TASK_RULES } = await import('../../shared/domain/taskRules');
    const ctx = await withLoans([loan('S1', '2026-11-18')]);
    await addUser(
      ctx.db,
      { username: 'chen', displayName: '陈静', role: 'manager', password: 'manager-pass' },
      'admin',
      NOW,
    );
    const d = createDispatcher(ctx, () => {});
    const rules = { ...DEFAULT_TASK_RULES, postApproval: { enabled: true, startWorkingDay: 8, dueWorkingDay: 15 } };
    const csv = (text: string) => Buffer.from(text).toString('base64');
    await d('auth.login', { username: 'chen', password: 'manager-pass' });
    expect(await d('settings.taskRules', {})).toMatchObject({ ok: true, value: DEFAULT_TASK_RULES });
    expect(await d('settings.setTaskRules', { rules })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(
      await d('calendar.import', { fileName: 'c.csv', content: csv('date,kind,name\n2027-01-01,holiday,x\n') }),
    ).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    await d('auth.logout', {});
    await d('auth.login', { username: 'admin', password: 'admin-pass-1' });
    const bad = await d('calendar.import', { fileName: 'c.csv', content: csv('date,kind,name\n2027-01-01,party,x\n') });
    expect(bad).toMatchObject({
      ok: true,
      value: { years: [], errors: [{ row: 2, column: 'kind', code: 'calendar_kind' }] },
    });
    expect(calendarStatus(ctx.db).years).not.toContain(2027);
    expect(
      await d('settings.setTaskRules', {
        rules: { ...rules, postApproval: { enabled: true, startWorkingDay: 20, dueWorkingDay: 15 } },
      }),
    ).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    expect(await d('settings.setTaskRules', { rules })).toMatchObject({ ok: true, value: { created: 1 } });
    expect(tasksOf(ctx)[0]).toMatchObject({ window_start: '2026-11-30' });
    ctx.close();
  });
});

describe('satisfaction sample', () => {
  it('about the configured share of completed post-disbursement calls get a satisfaction call, stably', async () => {
    const { inSample } = await import('../../electron/core/tasks/generate');
    const hits = Array.from({ length: 10_000 }, (_, i) => inSample(i + 1, 10)).filter(Boolean).length;
    expect(hits).toBeGreaterThan(900);
    expect(hits).toBeLessThan(1100);
    expect(inSample(42, 10)).toBe(inSample(42, 10));

    const rows = Array.from({ length: 100 }, (_, i) => loan(`S${i}`, '2026-09-01', '2026-09-20', '15'));
    const ctx = await withLoans(rows);
    generateTasks(ctx.db, { asOf: '2026-10-25', now: NOW, actor: 't' });
    ctx.db
      .prepare(
        "UPDATE tasks SET status = 'completed', completed_at = '2026-10-22T03:00:00Z' WHERE type = 'post_disbursement' AND slot = 'd30'",
      )
      .run();
    const completed = ctx.db.prepare("SELECT id FROM tasks WHERE status = 'completed'").pluck().all() as number[];
    generateTasks(ctx.db, { asOf: '2026-10-25', now: NOW, actor: 't' });
    const sat = ctx.db.prepare("SELECT slot, window_start, due_by FROM tasks WHERE type = 'satisfaction'").all() as {
      slot: string;
    }[];
    const expected = completed.filter((id) => inSample(id, 10)).map((id) => `after:${id}`);
    expect(completed).toHaveLength(100);
    expect(expected.length).toBeGreaterThan(0); // the sample is not vacuous for these ids
    expect(sat.map((s) => s.slot).sort()).toEqual(expected.sort());
    for (const s of sat) expect(s).toMatchObject({ window_start: '2026-10-23', due_by: '2026-10-29' });
    // Running again adds none.
    expect(generateTasks(ctx.db, { asOf: '2026-10-25', now: NOW, actor: 't' }).created).toBe(0);
    ctx.close();
  });
});
