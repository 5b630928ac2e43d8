/** `tasks` and `calendar` through the real CLI. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sampleRows, toCsv } from '../fixtures/import/generate';
import { cli, initDb, tempDir } from '../helpers';

function loanFile(approval: string): string {
  const file = path.join(tempDir(), 'loans.csv');
  const r = { ...sampleRows(1)[0]!, loan_no: 'T1', approval_date: approval, disbursement_date: '', repayment_day: '' };
  fs.writeFileSync(file, toCsv([r]));
  return file;
}

interface TaskJson {
  taskId: number;
  loanNo: string;
  type: string;
  windowStart: string;
  dueBy: string;
  status: string;
  assignee: string | null;
  attempts: number;
  warnings: string[];
}

describe('tasks', () => {
  it('generate is idempotent; list has the contract shape; a re-import moves the open window', () => {
    const db = initDb();
    const imp = cli(['import', loanFile('2026-11-18'), '--db', db, '--json']);
    expect(imp.code, imp.stderr).toBe(0);
    const first = cli(['tasks', 'generate', '--db', db, '--as-of', '2026-11-23', '--json']);
    expect(first.code).toBe(0);
    expect(cli(['tasks', 'generate', '--db', db, '--as-of', '2026-11-23', '--json']).json).toMatchObject({
      created: 0,
      updated: 0,
    });
    const list = cli(['tasks', 'list', '--db', db, '--as-of', '2026-11-23', '--json']).json as TaskJson[];
    expect(list).toEqual([
      {
        taskId: expect.any(Number),
        loanNo: 'T1',
        type: 'post_approval',
        windowStart: '2026-11-27',
        dueBy: '2026-12-09',
        status: 'open',
        assignee: null,
        attempts: 0,
        warnings: [],
      },
    ]);
    cli(['import', loanFile('2026-11-20'), '--db', db, '--json']);
    expect(cli(['tasks', 'generate', '--db', db, '--as-of', '2026-11-23', '--json']).json).toMatchObject({
      created: 0,
    });
    const moved = cli(['tasks', 'list', '--db', db, '--as-of', '2026-11-23', '--type', 'post_approval', '--json'])
      .json as TaskJson[];
    expect(moved[0]).toMatchObject({ taskId: list[0]!.taskId, windowStart: '2026-12-01', dueBy: '2026-12-11' });
    expect(cli(['tasks', 'list', '--db', db, '--status', 'completed', '--json']).json).toEqual([]);
    expect(cli(['tasks', 'list', '--db', db, '--assignee', 'pool', '--json']).json).toHaveLength(1);
  });

  it('rejects bad filters with exit 2', () => {
    const db = initDb();
    expect(cli(['tasks', 'list', '--db', db, '--status', 'done', '--json']).code).toBe(2);
    expect(cli(['tasks', 'list', '--db', db, '--type', 'visit', '--json']).code).toBe(2);
    expect(cli(['tasks', 'generate', '--db', db, '--as-of', '2026-13-01', '--json']).code).toBe(2);
    expect(cli(['tasks', 'explode', '--db', db, '--json']).code).toBe(2);
  });
});

describe('calendar', () => {
  it('reports the years it has and the years open tasks are missing', () => {
    const db = initDb();
    cli(['import', loanFile('2026-12-18'), '--db', db, '--json']);
    cli(['tasks', 'generate', '--db', db, '--as-of', '2026-12-20', '--json']);
    const s = cli(['calendar', 'status', '--db', db, '--json']).json as { years: number[]; missing: number[] };
    expect(s.years[0]).toBe(2004);
    expect(s.years).toContain(2026);
    expect(s.missing).toEqual([2027]);
    const list = cli(['tasks', 'list', '--db', db, '--as-of', '2026-12-20', '--json']).json as TaskJson[];
    expect(list[0]!.warnings).toEqual(['calendar_missing:2027']);
  });

  it('imports a later year, and refuses a bad file by row without changing anything', () => {
    const db = initDb();
    const dir = tempDir();
    const bad = path.join(dir, 'bad.csv');
    fs.writeFileSync(bad, 'date,kind,name\n2027-01-01,holiday,元旦\n2027-02-31,holiday,x\n2027-02-07,day-off,春节\n');
    const r = cli(['calendar', 'import', bad, '--db', db, '--json']);
    expect(r.code).toBe(1);
    expect(
      (r.json as { errors: { row: number; column: string; code: string }[] }).errors.map(
        (e) => `${e.row}|${e.column}|${e.code}`,
      ),
    ).toEqual(['3|date|date_format', '4|kind|calendar_kind']);
    expect((cli(['calendar', 'status', '--db', db, '--json']).json as { years: number[] }).years).not.toContain(2027);
    const good = path.join(dir, '2027.json');
    fs.writeFileSync(good, JSON.stringify([{ date: '2027-01-01', kind: 'holiday', name: '元旦' }]));
    expect(cli(['calendar', 'import', good, '--db', db, '--json']).json).toMatchObject({ years: [2027], days: 1 });
    expect((cli(['calendar', 'status', '--db', db, '--json']).json as { years: number[] }).years).toContain(2027);
  });
});
