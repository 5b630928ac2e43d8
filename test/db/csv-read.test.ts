/**
 * Reading CSV extracts as branches produce them: GBK and UTF-8 mixed up, Chinese that starts late,
 * stitched files with mixed line endings, a blank first line, a DOS end-of-file mark. Every row
 * either comes out exactly as written or is refused with its own row and column.
 */
import fs from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { initBranch } from '../../electron/core/branch';
import { openAppContext } from '../../electron/core/context';
import { analyseImport, disposeAnalysis, fileSource, type ImportAnalysis } from '../../electron/core/imports/analyse';
import { unpackRow } from '../../electron/core/imports/packed';
import { sampleRows, toCsv } from '../fixtures/import/generate';
import { tempDb, tempDir } from '../helpers';

type Row = ReturnType<typeof sampleRows>[number];

async function analyse(data: Buffer, check: (a: ImportAnalysis) => void): Promise<void> {
  const ctx = openAppContext(tempDb());
  await initBranch(ctx.db, { code: 'HZ1', name: '测试支行', admin: 'admin', password: 'admin-pass-1' }, new Date());
  const file = path.join(tempDir(), 'extract.csv');
  fs.writeFileSync(file, data);
  const a = await analyseImport(ctx.db, ctx.pii(), {
    fileName: 'extract.csv',
    source: fileSource(file),
    limits: { maxBytes: 50 * 1024 * 1024, maxRows: 200_000, maxFieldChars: 1000 },
    today: '2026-11-23',
  });
  try {
    check(a);
  } finally {
    disposeAnalysis(a);
    ctx.close();
  }
}

/** Name and address of every valid row, by loan number, as the commit would write them. */
function written(a: ImportAnalysis): Map<string, string> {
  const out = new Map<string, string>();
  for (const p of a.valid.read()) {
    const { row } = unpackRow(p);
    out.set(row.loanNo, `${row.borrower.name}|${row.propertyAddress}`);
  }
  return out;
}
const expected = (rows: Row[]) => new Map(rows.map((r) => [r.loan_no, `${r.borrower_name}|${r.property_address}`]));

const body = (csv: string) => csv.slice(csv.indexOf('\r\n') + 2);
const codes = (a: ImportAnalysis) => a.errors.map((e) => `${e.row}|${e.column}|${e.code}`);

describe('CSV extracts as branches produce them', () => {
  it('UTF-8 rows appended to a GBK file are refused by row and column, never imported scrambled', async () => {
    const gbk = sampleRows(30, 3);
    const utf8 = sampleRows(50, 4).map((r, i) => ({ ...r, loan_no: `U${i}` }));
    const data = Buffer.concat([iconv.encode(toCsv(gbk), 'gbk'), Buffer.from(body(toCsv(utf8)), 'utf8')]);
    await analyse(data, (a) => {
      expect(a.encoding).toBe('gb18030');
      // Whatever else is wrong with a scrambled row, none is accepted.
      expect(written(a)).toEqual(expected(gbk));
      expect(a.rejectedRows).toBe(50);
      const mixed = new Set(a.errors.filter((e) => e.code === 'encoding_mixed').map((e) => e.row));
      expect(mixed.size).toBeGreaterThanOrEqual(45);
      for (const r of mixed) expect(r).toBeGreaterThan(31);
    });
  });

  it('a GBK row in a large UTF-8 file is refused at its own row and column, the rest imports', async () => {
    const rows = sampleRows(3000, 6);
    const lines = toCsv(rows).split('\r\n');
    const bad = 1500; // data row 1500 = spreadsheet row 1501
    const data = Buffer.concat(
      lines.map((l, i) =>
        i === bad ? iconv.encode(`${l}\r\n`, 'gbk') : Buffer.from(i < lines.length - 1 ? `${l}\r\n` : l),
      ),
    );
    await analyse(data, (a) => {
      expect(a.encoding).toBe('utf-8');
      expect(a.fileErrors).toEqual([]);
      const mixed = a.errors.filter((e) => e.code === 'encoding_mixed');
      expect(mixed.length).toBeGreaterThan(0);
      expect(new Set(mixed.map((e) => e.row))).toEqual(new Set([bad + 1]));
      expect(mixed.map((e) => e.column)).toContain('借款人姓名');
      expect(a.validRows).toBe(2999);
    });
  });

  it('a GBK file whose first 64 KiB is all ASCII is read as GBK, every name intact', async () => {
    // Every Chinese text replaced by Latin (names stay names: letters only).
    const latin = sampleRows(500, 8).map((r, i) => {
      const out: Row = { ...r, loan_no: `L${i}`, property_address: `No. ${i} Binjiang Road, Hangzhou` };
      for (const [k, v] of Object.entries(out))
        if (/[^\x20-\x7e]/.test(v)) out[k] = k.endsWith('name') ? 'Li Na' : 'Hangzhou';
      return out;
    });
    const chinese = sampleRows(20, 9);
    const csv = toCsv([...latin, ...chinese], { english: true });
    expect(csv.slice(0, 64 * 1024)).toMatch(/^[\x20-\x7e\r\n]*$/);
    await analyse(iconv.encode(csv, 'gbk'), (a) => {
      expect(a.encoding).toBe('gb18030');
      expect(codes(a)).toEqual([]);
      expect(written(a)).toEqual(expected([...latin, ...chinese]));
    });
  });

  it('CRLF rows followed by LF rows and a CR row are all separate rows', async () => {
    const rows = sampleRows(9, 10);
    const [header, ...lines] = toCsv(rows).trimEnd().split('\r\n');
    const data = `${header}\r\n${lines.slice(0, 4).join('\r\n')}\r\n${lines.slice(4, 8).join('\n')}\n${lines[8]}\r`;
    await analyse(Buffer.from(data), (a) => {
      expect(codes(a)).toEqual([]);
      expect(a.rowsTotal).toBe(9);
      expect(written(a)).toEqual(expected(rows));
    });
  });

  it('a tab-separated file that starts with a blank line, and ends with a DOS Ctrl-Z, reads cleanly', async () => {
    const rows = sampleRows(5, 12);
    const tsv = toCsv(rows)
      .trimEnd()
      .split('\r\n')
      .map((l) => l.replaceAll(',', '\t'))
      .join('\r\n');
    await analyse(Buffer.from(`\r\n${tsv}\r\n\x1a`), (a) => {
      expect(a.fileErrors).toEqual([]);
      expect(codes(a)).toEqual([]);
      expect(a.rowsTotal).toBe(5);
      expect(written(a)).toEqual(expected(rows));
    });
  });
});
