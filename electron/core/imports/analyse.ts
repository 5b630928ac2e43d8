/**
 * First pass of an import: read the file, find the columns, validate every row, classify valid
 * rows as new / changed / unchanged against the database (read-only), and spool them for the
 * commit. Nothing is written to the database here, so a dry run is exactly this pass.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { maskAccount, maskIdNumber, maskPhone } from '../../../shared/domain/mask';
import {
  COLUMN_BY_KEY,
  columnForHeader,
  IMPORT_COLUMNS,
  type ColumnKind,
  type ImportLimits,
} from '../../../shared/import/columns';
import type { ImportIssue } from '../../../shared/import/messages';
import { rowValidator, type Cell, type CellIssue } from '../../../shared/import/rules';
import { stmt, type Db } from '../db/open';
import type { Pii } from '../pii/cipher';
import { ImportFileError, openSheet, type ByteSource, type SheetEncoding, type SheetFormat } from './read';
import { oneAnalysisAtATime } from './gate';
import { packRow, type PackedRow } from './packed';
import { columnLetters } from './xlsx-guard';
import { Spool } from './spool';
import { diffLoan, loadExisting } from './upsert';

export const MAX_REPORTED_ERRORS = 1000;
const UNREADABLE = '\uFFFD';
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;
const PREVIEW_ROWS = 50;

export type { ImportIssue };

export interface ImportColumnInfo {
  written: string;
  key: string | null;
}

export interface PreviewRow {
  row: number;
  cells: string[];
  /** Index into `columns` → error code. */
  invalid: Record<number, string>;
}

export interface RejectedRow {
  row: number;
  cells: string[];
  issues: ImportIssue[];
}

export interface ImportAnalysis {
  fileName: string;
  sha256: string;
  bytes: number;
  format: SheetFormat | null;
  encoding: SheetEncoding;
  columns: ImportColumnInfo[];
  fileErrors: ImportIssue[];
  rowsTotal: number;
  validRows: number;
  rejectedRows: number;
  errorCount: number;
  errors: ImportIssue[];
  counts: { new: number; updated: number; unchanged: number };
  preview: PreviewRow[];
  /** Valid rows, packed (see packed.ts). */
  valid: Spool<PackedRow>;
  rejected: Spool<RejectedRow>;
}

export interface AnalyseOptions {
  fileName: string;
  source: ByteSource;
  limits: ImportLimits;
  today: string;
  onProgress?: (p: { bytesRead: number; totalBytes: number; rows: number }) => void;
  signal?: AbortSignal;
}

function cellText(c: Cell): string {
  if (c === null || c === undefined) return '';
  if (c instanceof Date) return c.toISOString().slice(0, 10);
  return String(c);
}

function maskForKind(kind: ColumnKind | undefined, t: string): string {
  const v = t.trim();
  if (!v) return t;
  if (kind === 'id') return maskIdNumber(v);
  if (kind === 'phone') return maskPhone(v);
  if (kind === 'account') return maskAccount(v);
  return t;
}

async function sha256Of(src: ByteSource): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of src.open()) h.update(chunk as Buffer);
  return h.digest('hex');
}

export function fileSource(file: string): ByteSource {
  return { size: fs.statSync(file).size, open: () => fs.createReadStream(file, { highWaterMark: 256 * 1024 }) };
}

/** Read and check a file: one at a time per process, the others wait their turn (./gate). */
export function analyseImport(db: Db, pii: Pii, opts: AnalyseOptions): Promise<ImportAnalysis> {
  return oneAnalysisAtATime(() => analyseNow(db, pii, opts));
}

async function analyseNow(db: Db, pii: Pii, opts: AnalyseOptions): Promise<ImportAnalysis> {
  const a: ImportAnalysis = {
    fileName: opts.fileName,
    sha256: await sha256Of(opts.source),
    bytes: opts.source.size,
    format: null,
    encoding: null,
    columns: [],
    fileErrors: [],
    rowsTotal: 0,
    validRows: 0,
    rejectedRows: 0,
    errorCount: 0,
    errors: [],
    counts: { new: 0, updated: 0, unchanged: 0 },
    preview: [],
    valid: new Spool<PackedRow>(pii),
    rejected: new Spool<RejectedRow>(pii),
  };
  const addIssue = (i: ImportIssue) => {
    a.errorCount++;
    if (a.errors.length < MAX_REPORTED_ERRORS) a.errors.push(i);
  };
  const validate = rowValidator(opts.today);
  let lastProgress = 0;
  let bytesRead = 0;
  const source: ByteSource = {
    ...opts.source,
    onBytes: (n) => {
      bytesRead = n;
    },
  };
  let header: ImportColumnInfo[] | null = null;
  try {
    const sheet = await openSheet(source, opts.limits);
    a.format = sheet.format;
    a.encoding = sheet.encoding;
    let headerRow = 1;
    let blankRows = 0;
    const keyIndex = new Map<string, number>();
    const firstRowOfLoan = new Map<string, number>();
    // The loan numbers on file, read once: most rows of a large import are new, and a lookup per
    // row (a prepared SELECT, ~3 µs) costs more than reading every number (~0.4 µs a loan on file).
    // A loan another commit adds meanwhile counts as new here; the commit finds it all the same.
    const known = new Set(stmt<[], string>(db, 'SELECT loan_no FROM loans').pluck().all());
    for await (const { row, cells } of sheet.rows) {
      if (opts.signal?.aborted) throw new ImportFileError('cancelled');
      const texts = cells.map(cellText);
      // Blank, or only control characters (a DOS end-of-file Ctrl-Z on the last line). Blank lines
      // count against the row limit like data rows: else millions of them (a few MB of line
      // breaks) are all read, for minutes, and nothing stops them.
      if (texts.every((t) => t.replace(CONTROL, '').trim() === '')) {
        blankRows++;
        if (a.rowsTotal + blankRows > opts.limits.maxRows) {
          a.fileErrors.push({ row, column: '', code: 'too_many_blank_rows', params: { limit: opts.limits.maxRows } });
          break;
        }
        continue;
      }
      if (!header) {
        headerRow = row;
        if (texts.some((t) => t.includes(UNREADABLE))) {
          a.fileErrors.push({ row, column: '', code: 'encoding_mixed' });
          break;
        }
        header = texts.map((t) => ({ written: t.trim(), key: columnForHeader(t)?.key ?? null }));
        a.columns = header;
        header.forEach((h, i) => {
          if (!h.key) return;
          if (keyIndex.has(h.key)) {
            a.fileErrors.push({
              row,
              column: h.written,
              code: 'duplicate_column',
              params: { first: keyIndex.get(h.key)! + 1, second: i + 1 },
            });
          } else keyIndex.set(h.key, i);
        });
        for (const c of IMPORT_COLUMNS) {
          if (c.required && !keyIndex.has(c.key))
            a.fileErrors.push({ row, column: c.zh, code: 'missing_column', params: { key: c.key } });
        }
        if (a.fileErrors.length > 0) break;
        continue;
      }
      a.rowsTotal++;
      if (a.rowsTotal + blankRows > opts.limits.maxRows) {
        const code = blankRows > 0 ? 'too_many_blank_rows' : 'too_many_rows';
        a.fileErrors.push({ row, column: '', code, params: { limit: opts.limits.maxRows } });
        break;
      }
      const values = new Map<string, Cell>();
      for (const [key, i] of keyIndex) values.set(key, cells[i]);
      const issues: ImportIssue[] = [];
      const extra = texts.slice(header.length).filter((t) => t.trim() !== '').length;
      if (extra > 0)
        issues.push({
          row,
          column: '',
          code: 'column_count',
          params: { found: texts.length, expected: header.length },
        });
      const result = validate(values);
      const written = (key: string) => header![keyIndex.get(key)!]?.written ?? key;
      if (!result.ok)
        issues.push(
          ...result.issues.map((i: CellIssue) => ({
            row,
            column: written(i.column),
            code: i.code,
            ...(i.params ? { params: i.params } : {}),
          })),
        );
      // U+FFFD: bytes the file's encoding could not read (a GBK cell in a UTF-8 file or the
      // reverse). Pushed last, so the highlighted cell shows this cause.
      texts.forEach((t, i) => {
        if (t.includes(UNREADABLE)) issues.push({ row, column: header![i]?.written ?? '', code: 'encoding_mixed' });
      });
      if (result.ok) {
        const first = firstRowOfLoan.get(result.row.loanNo);
        if (first !== undefined)
          issues.push({ row, column: written('loan_no'), code: 'duplicate_loan_no', params: { first } });
        else firstRowOfLoan.set(result.row.loanNo, row);
      } else {
        const loanNo = cellText(values.get('loan_no')).trim();
        if (loanNo && !firstRowOfLoan.has(loanNo)) firstRowOfLoan.set(loanNo, row);
      }
      if (a.preview.length < PREVIEW_ROWS) {
        const invalid: Record<number, string> = {};
        for (const i of issues) {
          const idx = header.findIndex((h) => h.written === i.column);
          if (idx >= 0) invalid[idx] = i.code;
        }
        // The preview goes to the screen: personal numbers are masked there like everywhere else.
        const cellsShown = texts
          .slice(0, header.length)
          .map((t, i) => maskForKind(COLUMN_BY_KEY.get(header![i]?.key ?? '')?.kind, t));
        a.preview.push({ row, cells: cellsShown, invalid });
      }
      if (issues.length > 0 || !result.ok) {
        a.rejectedRows++;
        issues.forEach(addIssue);
        a.rejected.push({ row, cells: texts, issues });
      } else {
        a.validRows++;
        const existing = known.has(result.row.loanNo) ? loadExisting(db, result.row.loanNo) : null;
        if (!existing) a.counts.new++;
        else if (diffLoan(existing, result.row, pii).length > 0) a.counts.updated++;
        else a.counts.unchanged++;
        a.valid.push(packRow({ row: result.row, isNew: !existing }));
      }
      if (opts.onProgress && a.rowsTotal - lastProgress >= 500) {
        lastProgress = a.rowsTotal;
        opts.onProgress({ bytesRead, totalBytes: opts.source.size, rows: a.rowsTotal });
      }
    }
    if (!header) a.fileErrors.push({ row: 1, column: '', code: 'empty_file' });
    else if (a.fileErrors.length === 0 && a.rowsTotal === 0)
      a.fileErrors.push({ row: headerRow + 1, column: '', code: 'no_rows' });
  } catch (e) {
    if (!(e instanceof ImportFileError)) {
      a.valid.dispose();
      a.rejected.dispose();
      throw e;
    }
    // The cell at fault by its column's header where the header has been read, else by letter.
    const column = e.column === null ? '' : header?.[e.column - 1]?.written || columnLetters(e.column);
    a.fileErrors.push({ row: e.row ?? 0, column, code: e.code, params: e.params });
  }
  a.valid.close();
  a.rejected.close();
  opts.onProgress?.({ bytesRead: opts.source.size, totalBytes: opts.source.size, rows: a.rowsTotal });
  return a;
}

export function disposeAnalysis(a: ImportAnalysis): void {
  a.valid.dispose();
  a.rejected.dispose();
}
