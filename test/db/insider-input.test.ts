/**
 * Issue #16 items 11–13 through the contract (the dispatcher every channel uses) on a real
 * database: invisible reasons, prototype keys in caller-given records, bidi controls in names,
 * free text, the import and the weekly export.
 */
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { initBranch } from '../../electron/core/branch';
import { findUser, prepareUser } from '../../electron/core/users/users';
import { startCall } from '../../electron/core/calls/calls';
import { finalizeRecord, scriptParties } from '../../electron/core/records/records';
import { openCall } from '../../electron/core/calls/view';
import { openAppContext, type AppContext } from '../../electron/core/context';
import { DEMO_PASSWORD, demoSeed } from '../../electron/core/demo/seed';
import { createDispatcher } from '../../electron/core/dispatch';
import { analyseImport, disposeAnalysis, fileSource } from '../../electron/core/imports/analyse';
import { importLimits } from '../../electron/core/imports/limits';
import { writeWeeklyReport } from '../../electron/core/reports/weekly';
import { generateTasks } from '../../electron/core/tasks/generate';
import type { UserView } from '../../shared/contract';
import { contract } from '../../shared/contract';
import { checklistOf, mergeText } from '../../shared/scripts/schema';
import { fullState } from '../callState';
import { sampleRows, toCsv } from '../fixtures/import/generate';
import { tempDir, TestClock } from '../helpers';

const BIDI = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/;
/** Reasons a reader cannot see: zero-width, bidi marks, controls, blanks, one visible character. */
const INVISIBLE_REASONS = [
  '\u200B\u200B\u200B',
  '\u202E\u202E\u202E',
  '\u2066\u2069\u200E\u200F',
  ' \u200D\u2060\uFEFF ',
  '\u0007\u0007',
  '\u3164\u3164',
  '核\u200B\u200B',
];

const cleanup: (() => void)[] = [];
afterEach(() => {
  for (const f of cleanup.splice(0).reverse()) f();
});

async function branch() {
  const clock = new TestClock(Date.parse('2026-11-20T02:00:00Z')); // 10:00 in Shanghai
  const dir = tempDir('cbd-insider-input-');
  const ctx = openAppContext(path.join(dir, 'branch.db'), { clock: clock.now });
  cleanup.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  cleanup.push(() => ctx.close());
  await initBranch(ctx.db, { code: 'HZ1', name: '测试支行', admin: 'admin', password: 'admin-pass-1' }, clock.now());
  await demoSeed(ctx.db, ctx.pii(), { loans: 40, seed: 3, asOf: '2026-11-20', history: false }, clock.now());
  generateTasks(ctx.db, { asOf: '2026-11-20', now: clock.now(), actor: 'test' });
  return { ctx, clock, dir };
}

async function as(ctx: AppContext, username: string) {
  const d = createDispatcher(ctx, () => {});
  expect(await d('auth.login', { username, password: DEMO_PASSWORD })).toMatchObject({ ok: true });
  return d;
}

function userView(ctx: AppContext, username: string): UserView {
  const u = findUser(ctx.db, username)!;
  return { id: u.id, username: u.username, displayName: u.display_name, role: u.role } as UserView;
}

/** A record finalized by officer1 on one of its own tasks. */
function finalized(ctx: AppContext, clock: TestClock) {
  const me = userView(ctx, 'officer1');
  const row = ctx.db
    .prepare(`SELECT id, loan_id FROM tasks WHERE type = 'post_approval' AND status = 'open' ORDER BY id LIMIT 1`)
    .get() as { id: number; loan_id: number };
  ctx.db.prepare('UPDATE tasks SET assignee_id = ? WHERE id = ?').run(me.id, row.id);
  startCall(ctx.db, row.id, me, clock.now());
  const view = openCall(ctx.db, row.id, me, clock.now());
  const keys = checklistOf(view.script!.definition, scriptParties(ctx.db, view.loan.id)).map((l) => l.key);
  finalizeRecord(ctx.db, row.id, me, fullState(view.script!.definition, keys, clock.now().toISOString()), clock.now());
  const partyId = ctx.db
    .prepare(`SELECT id FROM parties WHERE loan_id = ? AND role = 'borrower'`)
    .pluck()
    .get(row.loan_id) as number;
  return { taskId: row.id, partyId, keys };
}

const change = { employer: { result: 'mismatch', stated: '已离职', note: '借款人称上月已离职' } };

describe('item 11: a reason needs 2 visible characters', () => {
  it('pii.reveal, records.amend, tasks.createEvent, review.decide/comment, samples.score refuse invisible reasons', async () => {
    const { ctx, clock } = await branch();
    const { taskId, partyId } = finalized(ctx, clock);
    const officer = await as(ctx, 'officer1');
    for (const reason of INVISIBLE_REASONS) {
      expect(await officer('pii.reveal', { partyId, field: 'phone', reason }), JSON.stringify(reason)).toMatchObject({
        ok: false,
        error: { code: 'invalid_input' },
      });
      expect(
        await officer('records.amend', { taskId, expectedVersion: 1, items: change, reason }),
        JSON.stringify(reason),
      ).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    }
    const manager = await as(ctx, 'manager1');
    const loanNo = ctx.db.prepare('SELECT loan_no FROM loans ORDER BY id LIMIT 1').pluck().get() as string;
    for (const reason of INVISIBLE_REASONS) {
      const refused = { ok: false, error: { code: 'invalid_input' } };
      expect(await manager('tasks.createEvent', { loanNo, kind: 'other', reason })).toMatchObject(refused);
      expect(await manager('review.comment', { kind: 'flag', id: 1, text: reason })).toMatchObject(refused);
      expect(
        await manager('review.decide', { kind: 'flag', id: 1, decision: 'false_alarm', comment: reason }),
      ).toMatchObject(refused);
      const scorecard = { identityVerified: false, readsDone: true, notesAdequate: true };
      expect(await manager('samples.score', { sampleId: 1, result: 'fail', scorecard, comment: reason })).toMatchObject(
        refused,
      );
    }
    // Nothing was revealed or amended by the refused calls; a real reason still works.
    expect(ctx.db.prepare(`SELECT count(*) FROM audit_log WHERE action = 'pii.reveal'`).pluck().get()).toBe(0);
    expect(await officer('pii.reveal', { partyId, field: 'phone', reason: '核实' })).toMatchObject({ ok: true });
    expect(
      await officer('records.amend', { taskId, expectedVersion: 1, items: change, reason: '\u200B借款人更正\u202E' }),
    ).toMatchObject({ ok: true, value: { version: 2 } });
    const details = ctx.db
      .prepare(`SELECT details FROM audit_log WHERE action = 'records.amend'`)
      .pluck()
      .get() as string;
    expect(details).toContain('借款人更正');
    expect(BIDI.test(details)).toBe(false);
  });
});

describe('item 12: only the record’s own item keys', () => {
  it('records.amend with items constructor, toString, hasOwnProperty, valueOf, __proto__, unknown: invalid_input, never internal', async () => {
    const { ctx, clock } = await branch();
    const { taskId } = finalized(ctx, clock);
    const officer = await as(ctx, 'officer1');
    for (const key of ['constructor', 'toString', 'hasOwnProperty', 'valueOf', '__proto__', 'unknown_item']) {
      // JSON.parse makes `__proto__` an own key, as a request body would.
      const body = JSON.parse(
        `{"taskId":${taskId},"expectedVersion":1,"reason":"更正","items":{${JSON.stringify(key)}:${JSON.stringify(change.employer)}}}`,
      ) as { items: object };
      expect(Object.keys(body.items)).toEqual([key]);
      expect(await officer('records.amend', body), key).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    }
    // The record's own item still amends.
    expect(ctx.db.prepare('SELECT count(*) FROM records WHERE task_id = ?').pluck().get(taskId)).toBe(1);
    expect(await officer('records.amend', { taskId, expectedVersion: 1, items: change, reason: '更正' })).toMatchObject(
      {
        ok: true,
      },
    );
  });

  it('a __proto__ key in a draft is dropped by the contract (no prototype replaced); {constructor} in a script stays as written', () => {
    const draft = JSON.parse(
      '{"stepId":"s","history":[],"answers":{"__proto__":{"polluted":"yes"},"s":"a"},"reads":{},"items":{},"outcome":null,"bookedAt":null,"note":""}',
    ) as unknown;
    const parsed = contract['calls.saveDraft'].input.parse({ taskId: 1, state: draft }).state;
    expect(Object.keys(parsed.answers)).toEqual(['s']);
    expect((parsed.answers as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(mergeText('您好 {constructor} {name}', { name: '张三' })).toBe('您好 {constructor} 张三');
  });
});

describe('item 13: bidi controls', () => {
  it('display names with bidi, zero-width or only invisible characters are refused (the schema the CLI and init use)', async () => {
    const dir = tempDir('cbd-insider-input-');
    const ctx = openAppContext(path.join(dir, 'branch.db'));
    cleanup.push(() => fs.rmSync(dir, { recursive: true, force: true }));
    cleanup.push(() => ctx.close());
    for (const name of ['王\u202E芳', '\u2066王芳\u2069', '王芳\u200F', '\u061C王芳', '王\u200B芳', '\u202A\u202C']) {
      await expect(
        prepareUser(ctx.db, { username: 'wangfang', displayName: name, role: 'officer', password: 'officer-pass' }),
        JSON.stringify(name),
      ).rejects.toMatchObject({ code: 'invalid_input', message: 'errors.displayNameFormat' });
    }
    await expect(
      prepareUser(ctx.db, { username: 'wangfang', displayName: '王芳', role: 'officer', password: 'officer-pass' }),
    ).resolves.toMatchObject({ displayName: '王芳' });
  });

  it('a branch name with U+202E is refused at init', async () => {
    const dir = tempDir('cbd-insider-input-');
    const ctx = openAppContext(path.join(dir, 'branch.db'));
    cleanup.push(() => fs.rmSync(dir, { recursive: true, force: true }));
    cleanup.push(() => ctx.close());
    await expect(
      initBranch(ctx.db, { code: 'HZ1', name: '西湖\u202E支行', admin: 'admin', password: 'admin-pass-1' }, new Date()),
    ).rejects.toMatchObject({ code: 'invalid_input' });
  });

  it('free text loses its bidi controls at the contract: attempt notes, checklist lines, answers, comments', () => {
    const rlo = '\u202E\u2066已核实\u2069\u200F';
    const attempt = contract['calls.recordAttempt'].input.parse({ taskId: 1, outcome: 'no_answer', note: rlo });
    expect(attempt.note).toBe('已核实');
    const state = contract['calls.saveDraft'].input.parse({
      taskId: 1,
      state: {
        stepId: 's',
        history: [],
        answers: { s: rlo },
        reads: {},
        items: { employer: { result: 'match', stated: rlo, note: rlo } },
        outcome: null,
        bookedAt: null,
        note: rlo,
      },
    }).state;
    expect(JSON.stringify(state)).not.toMatch(BIDI);
    const comment = contract['review.comment'].input.parse({ kind: 'flag', id: 1, text: `请${rlo}` });
    expect(comment.text).toBe('请已核实');
  });

  it('an import cell with a bidi control is refused at its row and column', async () => {
    const { ctx, dir } = await branch();
    const rows = sampleRows(3);
    rows[1]!.employer = '杭州\u202E司公易贸';
    rows[2]!.property_address = '\u2067浙江省杭州市西湖区文三路100号';
    const file = path.join(dir, 'bidi.csv');
    fs.writeFileSync(file, toCsv(rows));
    const a = await analyseImport(ctx.db, ctx.pii(), {
      fileName: 'bidi.csv',
      source: fileSource(file),
      limits: importLimits(ctx.db),
      today: '2026-11-23',
    });
    cleanup.push(() => disposeAnalysis(a));
    expect(a.errors.map((e) => `${e.row}|${e.column}|${e.code}`)).toEqual([
      '3|工作单位|bidi_control',
      '4|房屋坐落|bidi_control',
    ]);
    expect(a.validRows).toBe(1);
  });

  it('a display name stored with U+202E before the rule reaches the weekly export without it (CSV and XLSX)', async () => {
    const { ctx, clock, dir } = await branch();
    finalized(ctx, clock);
    ctx.db.prepare(`UPDATE users SET display_name = ? WHERE username = 'officer1'`).run('王\u202E芳\u2066');
    const after = new Date('2026-11-30T02:00:00Z');
    const csv = path.join(dir, 'week.csv');
    await writeWeeklyReport(ctx.db, { week: '2026-W47', format: 'csv', language: 'zh-CN', out: csv }, after);
    const csvText = fs.readFileSync(csv, 'utf8');
    expect(csvText).toContain('王芳');
    expect(csvText).not.toMatch(BIDI);
    const xlsx = path.join(dir, 'week.xlsx');
    await writeWeeklyReport(ctx.db, { week: '2026-W47', format: 'xlsx', language: 'zh-CN', out: xlsx }, after);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsx);
    const cells: string[] = [];
    wb.eachSheet((ws) => ws.eachRow((r) => r.eachCell((c) => cells.push(String(c.value)))));
    expect(cells).toContain('王芳');
    expect(cells.filter((c) => BIDI.test(c))).toEqual([]);
  });
});
