/**
 * Reading XLSX extracts (electron/core/imports/xlsx.ts): Chinese text intact across chunk
 * boundaries, the same rows on every read, the first tab whatever the file order, and plain
 * refusals for packages that are not workbooks.
 */
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { fileSource } from '../../electron/core/imports/analyse';
import { ImportFileError, openSheet, type SheetRow } from '../../electron/core/imports/read';
import { IMPORT_COLUMNS } from '../../shared/import/columns';
import { sampleRows, toXlsx } from '../fixtures/import/generate';
import { ROOT, tempDir } from '../helpers';

const LIMITS = { maxBytes: 50 * 1024 * 1024, maxRows: 1_000_000, maxFieldChars: 1000 };
const TEXT_KEYS = ['borrower_name', 'employer', 'position', 'property_address', 'co_borrower_name', 'guarantor_name'];

async function readAll(file: string): Promise<SheetRow[]> {
  const sheet = await openSheet(fileSource(file), LIMITS);
  expect(sheet.format).toBe('xlsx');
  const rows: SheetRow[] = [];
  for await (const r of sheet.rows) rows.push(r);
  return rows;
}

async function refusal(file: string): Promise<ImportFileError> {
  try {
    await readAll(file);
  } catch (e) {
    if (e instanceof ImportFileError) return e;
    throw e;
  }
  throw new Error('the file was read');
}

describe('XLSX import reading', () => {
  it('keeps every Chinese name and address of a 3,000-row workbook exactly as written', async () => {
    // Big enough that the shared strings inflate in many chunks: a character cut between two
    // chunks used to come out as U+FFFD (13 rows in 3,000 with exceljs's stream reader).
    const rows = sampleRows(3000, 5);
    const file = path.join(tempDir(), 'big.xlsx');
    await toXlsx(rows, file);
    const read = await readAll(file);
    expect(read).toHaveLength(3001);
    expect(read[0]!.cells).toEqual(IMPORT_COLUMNS.map((c) => c.zh));
    const damaged: string[] = [];
    read.slice(1).forEach((r, i) => {
      expect(r.row).toBe(i + 2);
      for (const key of TEXT_KEYS) {
        const at = IMPORT_COLUMNS.findIndex((c) => c.key === key);
        const want = rows[i]![key] || null;
        if ((r.cells[at] ?? null) !== want) damaged.push(`${r.row}:${key}:${String(r.cells[at])}`);
      }
    });
    expect(damaged).toEqual([]);
  });

  it('reads the same rows on every one of 300 reads of the same file', async () => {
    // exceljs's one-pass reader lost xl/workbook.xml (stored last) about once in 150 reads.
    const file = path.join(ROOT, 'test/fixtures/import/valid.xlsx');
    const first = JSON.stringify(await readAll(file));
    const differing: number[] = [];
    for (let i = 0; i < 300; i++) {
      const again = await readAll(file).then(JSON.stringify, (e: unknown) => String(e));
      if (again !== first) differing.push(i);
    }
    expect(differing).toEqual([]);
    expect(JSON.parse(first)).toHaveLength(13);
  });

  it('reads the first tab as the workbook shows it, not the first sheet file', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('说明').addRow(['这是说明页']);
    const loans = wb.addWorksheet('贷款清单');
    (loans as unknown as { orderNo: number }).orderNo = 0; // the tab first, the file (sheet2.xml) second
    loans.addRow(IMPORT_COLUMNS.map((c) => c.zh));
    loans.addRow(IMPORT_COLUMNS.map((c) => sampleRows(1)[0]![c.key] || null));
    // Store sheet1.xml (说明) just before sheet2.xml (贷款清单) in the ZIP: the file order is not the tab order.
    const parts = unzipSync(new Uint8Array(await wb.xlsx.writeBuffer()));
    const names = Object.keys(parts);
    const [s1, s2] = [names.indexOf('xl/worksheets/sheet1.xml'), names.indexOf('xl/worksheets/sheet2.xml')];
    [names[s1], names[s2]] = [names[s2]!, names[s1]!];
    expect(names.indexOf('xl/worksheets/sheet1.xml')).toBeLessThan(names.indexOf('xl/worksheets/sheet2.xml'));
    const file = path.join(tempDir(), 'tabs.xlsx');
    fs.writeFileSync(file, zipSync(Object.fromEntries(names.map((n) => [n, parts[n]!]))));
    const read = await readAll(file);
    expect(read.map((r) => r.row)).toEqual([1, 2]);
    expect(read[1]!.cells[0]).toBe('IMP000001');
  });

  it('finds the parts through the package relationships, as other spreadsheet programs name them', async () => {
    // Another workbook part name, absolute targets, a part name in other case: what WPS and
    // other tools may write. The rows must come out as from the original.
    const original = path.join(ROOT, 'test/fixtures/import/valid.xlsx');
    const parts = unzipSync(new Uint8Array(fs.readFileSync(original)));
    const text = (n: string) => strFromU8(parts[n]!);
    const odd: Record<string, Uint8Array> = {};
    for (const [name, data] of Object.entries(parts)) {
      if (name === '_rels/.rels')
        odd[name] = strToU8(text(name).replace('Target="xl/workbook.xml"', 'Target="/xl/book.xml"'));
      else if (name === 'xl/workbook.xml') odd['xl/book.xml'] = data;
      else if (name === 'xl/_rels/workbook.xml.rels')
        odd['xl/_rels/book.xml.rels'] = strToU8(
          text(name).replace('Target="worksheets/sheet1.xml"', 'Target="/xl/worksheets/sheet1.xml"'),
        );
      else if (name === 'xl/sharedStrings.xml') odd['xl/SharedStrings.xml'] = data;
      else odd[name] = data;
    }
    const file = path.join(tempDir(), 'odd.xlsx');
    fs.writeFileSync(file, zipSync(odd));
    expect(await readAll(file)).toEqual(await readAll(original));
  });

  it('dates keep their day, numbers stay numbers', async () => {
    const read = await readAll(path.join(ROOT, 'test/fixtures/import/valid.xlsx'));
    const approval = IMPORT_COLUMNS.findIndex((c) => c.key === 'approval_date');
    const amount = IMPORT_COLUMNS.findIndex((c) => c.key === 'loan_amount');
    expect(read[1]!.cells[approval]).toBeInstanceOf(Date);
    expect((read[1]!.cells[approval] as Date).toISOString().slice(0, 10)).toBe(sampleRows(12)[0]!.approval_date);
    expect(typeof read[1]!.cells[amount]).toBe('number');
  });

  it('refuses a ZIP that is not a workbook, and a cut-off workbook, with a reason', async () => {
    const dir = tempDir();
    const notBook = path.join(dir, 'photos.xlsx');
    fs.writeFileSync(notBook, zipSync({ 'a.txt': new TextEncoder().encode('hello') }));
    const e1 = await refusal(notBook);
    expect(e1.code).toBe('xlsx_not_workbook');

    const cut = path.join(dir, 'cut.xlsx');
    const whole = fs.readFileSync(path.join(ROOT, 'test/fixtures/import/valid.xlsx'));
    fs.writeFileSync(cut, whole.subarray(0, Math.floor(whole.length / 2)));
    const e2 = await refusal(cut);
    expect(e2.code).toBe('xlsx_unreadable');
    expect(String(e2.params.reason).length).toBeGreaterThan(0);
  });
});
