/** `report weekly` through the real CLI on a demo branch: XLSX and CSV, totals, formula escaping, refusals. */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { shanghaiDate } from '../../electron/core/clock';
import { openAppContext } from '../../electron/core/context';
import { dashboard } from '../../electron/core/reports/metrics';
import { addWeeks, isoWeekOf, weekRange } from '../../shared/domain/weeks';
import type { Metrics } from '../../shared/contract/reports';
import { cli, tempDb, tempDir } from '../helpers';

const EVIL_NAME = '=HYPERLINK("http://evil.example","点我")';
const FORMULA_START = /^[=+\-@\t\r]/;

interface ReportJson {
  week: string;
  file: string;
  format: string;
  records: number;
  metrics: Metrics;
}

let db: string;
let week: string;

beforeAll(() => {
  db = tempDb();
  const seed = cli(['demo-seed', '--db', db, '--loans', '150', '--seed', '2', '--json']);
  expect(seed.code, seed.stderr).toBe(0);
  // Last week: complete, and inside the eight weeks of demo history.
  week = addWeeks(isoWeekOf(shanghaiDate(new Date())), -1);
  // Text a spreadsheet would run as a formula: an officer's name, a loan number, a borrower's name.
  const raw = new Database(db);
  raw.prepare('UPDATE users SET display_name = ? WHERE username = ?').run(EVIL_NAME, 'officer1');
  const ids = raw
    .prepare(
      `SELECT t.loan_id FROM records r JOIN tasks t ON t.id = r.task_id
        WHERE r.version = 1 AND date(r.finalized_at, '+8 hours') BETWEEN ? AND ?
        ORDER BY r.finalized_at LIMIT 2`,
    )
    .pluck()
    .all(weekRange(week)!.from, weekRange(week)!.to) as number[];
  expect(ids).toHaveLength(2);
  raw.prepare('UPDATE loans SET loan_no = ? WHERE id = ?').run('=1+1', ids[0]);
  raw.prepare(`UPDATE parties SET name = '-王五' WHERE loan_id = ? AND role = 'borrower'`).run(ids[1]);
  raw.close();
}, 120_000);

function strings(wb: ExcelJS.Workbook): { sheet: string; ref: string; text: string }[] {
  const out: { sheet: string; ref: string; text: string }[] = [];
  for (const ws of wb.worksheets)
    ws.eachRow((row) =>
      row.eachCell((cell) => {
        expect(cell.type, `${ws.name}!${cell.address}`).not.toBe(ExcelJS.ValueType.Formula);
        if (typeof cell.value === 'string') out.push({ sheet: ws.name, ref: cell.address, text: cell.value });
      }),
    );
  return out;
}

describe('report weekly', () => {
  it('writes the XLSX: sheets, totals that add up, numbers equal to the dashboard, nothing a spreadsheet would run', async () => {
    const out = path.join(tempDir(), 'weekly.xlsx');
    const r = cli(['report', 'weekly', '--db', db, '--week', week, '--out', out, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const json = r.json as ReportJson;
    expect(json).toMatchObject({ week, file: out, format: 'xlsx' });
    expect(json.records).toBe(json.metrics.completion.numerator);
    expect(json.records).toBeGreaterThan(10);
    const ctx = openAppContext(db, { mustExist: true });
    expect(json.metrics).toEqual(dashboard(ctx.db, week, new Date()).thisWeek.branch);
    ctx.close();

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['概览', '按回访员', '按回访类型', '风险标记', '明细']);
    const overview = wb.getWorksheet('概览')!;
    expect(overview.getRow(2).getCell(1).value).toBe('完成率');
    const total = overview.getRow(2).getCell(3).value as number;
    expect(total).toBe(json.metrics.completion.numerator);
    const officers = wb.getWorksheet('按回访员')!;
    expect(officers.getRow(1).getCell(3).value).toBe('提交记录数');
    let sum = 0;
    let officerRows = 0;
    officers.eachRow((row, i) => {
      if (i === 1 || row.getCell(1).value === '合计（全网点）') return;
      officerRows++;
      sum += row.getCell(3).value as number;
    });
    expect(officerRows).toBeGreaterThanOrEqual(3);
    expect(sum).toBe(total);
    expect(wb.getWorksheet('明细')!.rowCount).toBe(json.records + 1);
    expect(officers.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });

    const texts = strings(wb);
    const unsafe = texts.filter((c) => FORMULA_START.test(c.text));
    expect(unsafe).toEqual([]);
    const all = texts.map((c) => c.text);
    expect(all).toContain(`'${EVIL_NAME}`);
    expect(all).toContain("'=1+1");
    expect(all).toContain("'-**");
    // No ID or phone number anywhere, masked or not.
    const id = /\d{6}(\d{8}|\*{8})\d{3}[\dX]/;
    const phone = /(^|\D)1[3-9]\d(\d{4}|\*{4})\d{4}(\D|$)/;
    expect(all.filter((s) => id.test(s) || phone.test(s))).toEqual([]);
  });

  it('writes the CSV: UTF-8 with BOM, escaped cells, format taken from the file name', () => {
    const out = path.join(tempDir(), 'weekly.csv');
    const r = cli(['report', 'weekly', '--db', db, '--week', week, '--out', out, '--lang', 'en', '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.json).toMatchObject({ format: 'csv', file: out });
    const buf = fs.readFileSync(out);
    expect([...buf.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parse(buf.subarray(3).toString('utf8'), { record_delimiter: '\r\n' }) as string[][];
    expect(rows[0]!.slice(0, 3)).toEqual(['Loan no.', 'Borrower', 'Officer']);
    expect(rows).toHaveLength((r.json as ReportJson).records + 1);
    expect(rows.flat().filter((c) => FORMULA_START.test(c))).toEqual([]);
    expect(rows.flat()).toContain("'=1+1");
    expect(rows.flat()).toContain(`'${EVIL_NAME}`);
  });

  it('refuses a bad week or a missing folder, with a clear message, and writes nothing', () => {
    const dir = tempDir();
    const out = path.join(dir, 'weekly.xlsx');
    const format = cli(['report', 'weekly', '--db', db, '--week', '2026-W60', '--out', out]);
    expect(format.code).toBe(1);
    expect(format.stderr).toContain('周次格式应为 YYYY-Www');
    const missing = cli(['report', 'weekly', '--db', db, '--week', '2025-W53', '--out', out, '--lang', 'en', '--json']);
    expect(missing.code).toBe(1);
    expect(missing.json).toMatchObject({ error: { code: 'invalid_input', message: 'There is no ISO week 2025-W53.' } });
    const folder = cli(['report', 'weekly', '--db', db, '--week', week, '--out', path.join(dir, 'nope', 'w.xlsx')]);
    expect(folder.code).toBe(2);
    expect(folder.stderr).toContain('输出文件夹不存在');
    const usage = cli(['report', 'weekly', '--db', db, '--week', week, '--out', out, '--format', 'pdf']);
    expect(usage.code).toBe(2);
    expect(fs.readdirSync(dir)).toEqual([]);
  });
});
