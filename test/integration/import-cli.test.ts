/** `import` through the real CLI against the fixture corpus: exact errors, nothing half-imported. */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { ROOT, cli, initDb, tempDir } from '../helpers';

const FIX = path.join(ROOT, 'test/fixtures/import');
const fx = (name: string) => path.join(FIX, name);

interface ImportJson {
  imported: number;
  updated: number;
  unchanged: number;
  rejected: number;
  errors: { row: number; column: string; code: string; message: string }[];
}

const freshDb = initDb;

function state(db: string) {
  const raw = new Database(db, { readonly: true });
  const q = (sql: string) => raw.prepare(sql).pluck().get() as number;
  const s = {
    loans: q('SELECT count(*) FROM loans'),
    parties: q('SELECT count(*) FROM parties'),
    imports: q('SELECT count(*) FROM imports'),
    events: q('SELECT count(*) FROM loan_events'),
    audit: q('SELECT count(*) FROM audit_log'),
  };
  raw.close();
  return s;
}

function importFile(db: string, file: string, ...flags: string[]) {
  const r = cli(['import', file, '--db', db, '--json', ...flags]);
  return { code: r.code, json: r.json as ImportJson, stderr: r.stderr };
}

const errs = (j: ImportJson) => j.errors.map((e) => `${e.row}|${e.column}|${e.code}`);

describe('good files in every shape import the same loans', () => {
  it.each(['valid-utf8.csv', 'valid-bom.csv', 'valid-gbk.csv', 'valid.xlsx', 'english-headers.csv'])('%s', (name) => {
    const db = freshDb();
    const r = importFile(db, fx(name));
    expect(r.code, r.stderr).toBe(0);
    expect(r.json).toMatchObject({ imported: 12, updated: 0, unchanged: 0, rejected: 0, errors: [] });
    expect(state(db)).toMatchObject({ loans: 12, imports: 1, events: 12 });
    const raw = new Database(db, { readonly: true });
    const rows = raw
      .prepare(
        `SELECT l.loan_no, l.amount_cents, l.approval_date, l.disbursement_date, p.name, p.id_number_masked, p.phone_masked
         FROM loans l JOIN parties p ON p.loan_id = l.id AND p.role = 'borrower' ORDER BY l.loan_no`,
      )
      .all();
    raw.close();
    // Every encoding and format reads to exactly the same values as the UTF-8 file.
    const ref = freshDb();
    importFile(ref, fx('valid-utf8.csv'));
    const refRaw = new Database(ref, { readonly: true });
    const refRows = refRaw
      .prepare(
        `SELECT l.loan_no, l.amount_cents, l.approval_date, l.disbursement_date, p.name, p.id_number_masked, p.phone_masked
         FROM loans l JOIN parties p ON p.loan_id = l.id AND p.role = 'borrower' ORDER BY l.loan_no`,
      )
      .all();
    refRaw.close();
    expect(rows).toEqual(refRows);
  });
});

describe('bad files: exact errors, nothing changes', () => {
  const cases: [string, number, string[]][] = [
    ['missing-column.csv', 1, ['1|身份证号|missing_column']],
    ['bad-check-digit.csv', 1, ['4|身份证号|id_check_digit']],
    [
      'bad-dates.csv',
      1,
      [
        '2|审批日期|date_format',
        '3|审批日期|date_format',
        '4|放款日期|date_format',
        '5|放款日期|disbursement_before_approval',
      ],
    ],
    ['duplicate-loan-no.csv', 1, ['6|贷款编号|duplicate_loan_no']],
    ['formula.csv', 1, ['2|借款人姓名|formula_like', '3|房屋坐落|formula_like', '4|工作单位|formula_like']],
    ['empty.csv', 2, ['1||empty_file']],
    ['header-only.csv', 1, ['2||no_rows']],
    ['garbage.csv', 2, ['0||not_a_table']],
    ['legacy.xls', 2, ['0||xls_unsupported']],
    ['not-a-workbook.xlsx', 2, ['0||xlsx_not_workbook']],
    ['unclosed-quote.csv', 2, ['4||malformed_csv']],
  ];
  it.each(cases)('%s', (name, exit, expected) => {
    const db = freshDb();
    const before = state(db);
    const r = importFile(db, fx(name));
    expect(r.code).toBe(exit);
    expect(errs(r.json)).toEqual(expected);
    expect(r.json.imported + r.json.updated + r.json.unchanged).toBe(0);
    expect(state(db)).toEqual(before);
    for (const e of r.json.errors) expect(e.message).not.toMatch(/imports\.errors\./);
  });

  it('shifted columns are caught on the shifted row', () => {
    const db = freshDb();
    const r = importFile(db, fx('shifted-columns.csv'));
    expect(r.code).toBe(1);
    expect(new Set(r.json.errors.map((e) => e.row))).toEqual(new Set([3]));
    expect(r.json.errors.length).toBeGreaterThanOrEqual(3);
    expect(state(db).loans).toBe(0);
  });

  it('IDs that Excel stored as numbers are refused with advice', () => {
    const db = freshDb();
    const r = importFile(db, fx('numeric-ids.xlsx'));
    expect(r.code).toBe(1);
    expect(r.json.errors[0]).toMatchObject({ row: 2, column: '身份证号', code: 'not_text' });
    expect(r.json.errors[0]!.message).toContain('文本格式');
  });

  it('a 10 MB single field is refused without reading it into memory', () => {
    const dir = tempDir();
    const file = path.join(dir, 'huge-field.csv');
    const header = fs.readFileSync(fx('valid-utf8.csv'), 'utf8').split('\r\n')[0]!;
    fs.writeFileSync(file, `${header}\r\nDK1,"${'张'.repeat((10 * 1024 * 1024) / 3)}",x\r\n`);
    const db = freshDb();
    const before = state(db);
    const r = importFile(db, file);
    expect(errs(r.json)).toEqual(['2||field_too_long']);
    expect(r.code).toBe(1);
    expect(state(db)).toEqual(before);
  });

  it('messages follow --lang', () => {
    const db = freshDb();
    const r = cli(['import', fx('bad-check-digit.csv'), '--db', db, '--json', '--lang', 'en']);
    expect((r.json as ImportJson).errors[0]!.message).toBe('Row 4 · 身份证号: Wrong check digit');
    const zh = importFile(db, fx('bad-check-digit.csv'));
    expect(zh.json.errors[0]!.message).toBe('第 4 行 · 身份证号：校验位错误');
  });
});

describe('updates, dry runs, skipping invalid rows', () => {
  it('re-importing an updated extract changes only what changed, with events; the same file twice changes nothing', () => {
    const db = freshDb();
    expect(importFile(db, fx('valid-utf8.csv')).json).toMatchObject({ imported: 12 });
    const dry = importFile(db, fx('valid-updated.csv'), '--dry-run');
    expect(dry.json).toMatchObject({
      imported: 0,
      updated: 0,
      dryRun: true,
      wouldImport: 0,
      wouldUpdate: 3,
      wouldLeaveUnchanged: 9,
    });
    const eventsBefore = state(db).events;
    const r = importFile(db, fx('valid-updated.csv'));
    expect(r.json).toMatchObject({ imported: 0, updated: 3, unchanged: 9, rejected: 0 });
    const raw = new Database(db, { readonly: true });
    const events = raw
      .prepare(
        `SELECT l.loan_no, e.field, e.old_value, e.new_value FROM loan_events e JOIN loans l ON l.id = e.loan_id WHERE e.kind = 'updated' ORDER BY e.id`,
      )
      .all() as { loan_no: string; field: string; old_value: string | null; new_value: string | null }[];
    raw.close();
    expect(events.length).toBe(state(db).events - eventsBefore);
    expect(events.find((e) => e.field === 'borrower_phone')).toMatchObject({
      loan_no: 'IMP000001',
      new_value: '139****0001',
    });
    expect(events.find((e) => e.field === 'loan_amount')).toMatchObject({
      loan_no: 'IMP000002',
      new_value: '999999.99',
    });
    expect(events.find((e) => e.field === 'disbursement_date')).toMatchObject({
      loan_no: 'IMP000002',
      new_value: '2026-11-20',
    });
    expect(events.filter((e) => e.field.startsWith('co_borrower_')).every((e) => e.new_value === null)).toBe(true);
    for (const e of events) expect(`${e.old_value} ${e.new_value}`).not.toMatch(/\d{11}|\d{17}[\dX]/);
    const again = state(db);
    expect(importFile(db, fx('valid-updated.csv')).json).toMatchObject({ imported: 0, updated: 0, unchanged: 12 });
    expect(state(db).events).toBe(again.events);
    expect(state(db).parties).toBe(again.parties);
  });

  it('--skip-invalid imports the good rows and --rejects writes the bad ones with their errors', () => {
    const db = freshDb();
    const rejects = path.join(tempDir(), 'rejects.csv');
    const r = importFile(db, fx('bad-dates.csv'), '--skip-invalid', '--rejects', rejects);
    expect(r.code).toBe(0);
    expect(r.json).toMatchObject({ imported: 1, rejected: 4 });
    const text = fs.readFileSync(rejects, 'utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const lines = text.trim().split(/\r?\n/);
    expect(lines).toHaveLength(5);
    expect(lines[0]).toMatch(/^\uFEFF?行号,贷款编号/);
    expect(lines[4]).toContain('第 5 行 · 放款日期：放款日期早于审批日期');
  });

  it('records who imported which file, with its SHA-256 and counts, in the import log and audit chain', () => {
    const db = freshDb();
    importFile(db, fx('valid-gbk.csv'));
    const raw = new Database(db, { readonly: true });
    const rec = raw.prepare('SELECT * FROM imports').get() as Record<string, unknown>;
    const audit = raw.prepare("SELECT details FROM audit_log WHERE action = 'imports.commit'").pluck().get() as string;
    raw.close();
    const sha = createHash('sha256')
      .update(fs.readFileSync(fx('valid-gbk.csv')))
      .digest('hex');
    expect(rec).toMatchObject({
      file_name: 'valid-gbk.csv',
      sha256: sha,
      encoding: 'gb18030',
      format: 'csv',
      rows_total: 12,
      imported: 12,
    });
    expect(String(rec.actor)).toMatch(/^cli/);
    expect(JSON.parse(audit)).toMatchObject({ sha256: sha, imported: 12 });
    expect(cli(['doctor', '--db', db, '--json']).code).toBe(0);
  });

  it('doctor lists loans whose text an earlier XLSX reader damaged; importing the extract again repairs them', () => {
    const db = freshDb();
    expect(importFile(db, fx('valid.xlsx')).code).toBe(0);
    // What exceljs's stream reader left when a character fell across two chunks.
    const raw = new Database(db);
    raw
      .prepare(
        `UPDATE parties SET name = substr(name, 1, 1) || char(65533)
         WHERE role = 'borrower' AND loan_id = (SELECT id FROM loans WHERE loan_no = 'IMP000002')`,
      )
      .run();
    raw
      .prepare("UPDATE loans SET property_address = property_address || char(65533) WHERE loan_no = 'IMP000005'")
      .run();
    raw.close();
    const before = cli(['doctor', '--db', db, '--json']);
    expect(before.code).toBe(0);
    expect(before.json).toMatchObject({
      healthy: true,
      damagedText: { loans: 2, examples: ['IMP000002', 'IMP000005'] },
    });
    expect(cli(['doctor', '--db', db]).stdout).toContain('damaged text (U+FFFD): 2 loan(s), e.g. IMP000002, IMP000005');

    expect(importFile(db, fx('valid.xlsx')).json).toMatchObject({ imported: 0, updated: 2, unchanged: 10 });
    const after = cli(['doctor', '--db', db, '--json']);
    expect(after.json).toMatchObject({ healthy: true, damagedText: { loans: 0, examples: [] } });
    expect(cli(['doctor', '--db', db]).stdout).not.toContain('damaged text');
  });

  it('leaves no plaintext ID or phone number in the database file', () => {
    const db = freshDb();
    importFile(db, fx('valid-utf8.csv'));
    const raw = new Database(db);
    raw.pragma('wal_checkpoint(TRUNCATE)');
    raw.close();
    const bytes = fs.readFileSync(db).toString('latin1');
    const source = fs.readFileSync(fx('valid-utf8.csv'), 'utf8');
    const secrets = [...source.matchAll(/\b(\d{17}[\dX]|1[3-9]\d{9})\b/g)].map((m) => m[1]!);
    expect(secrets.length).toBeGreaterThan(20);
    for (const s of secrets) expect(bytes.includes(s), s.slice(0, 4)).toBe(false);
  });

  it('refuses a missing file and a missing database with exit 2', () => {
    const db = freshDb();
    expect(importFile(db, '/nonexistent/file.csv').code).toBe(2);
    expect(cli(['import', fx('valid-utf8.csv'), '--db', path.join(tempDir(), 'none.db'), '--json']).code).toBe(2);
    expect(cli(['import', '--db', db, '--json']).code).toBe(2);
  });
});
