/**
 * The rejected rows of an import as a CSV (UTF-8 with BOM, opens in Excel): the original header
 * plus 行号 and 错误 columns. Cells that a spreadsheet would run as formulas are prefixed with '.
 */
import { stringify } from 'csv-stringify/sync';
import type { ImportAnalysis } from './analyse';

export function escapeFormula(s: string): string {
  return /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
}

export function rejectsCsv(
  a: ImportAnalysis,
  describe: (i: ImportAnalysis['errors'][number]) => string,
  labels: { row: string; errors: string },
): Buffer {
  const header = [labels.row, ...a.columns.map((c) => c.written), labels.errors];
  const lines: string[] = [stringify([header.map(escapeFormula)])];
  for (const r of a.rejected.read()) {
    lines.push(stringify([[String(r.row), ...r.cells, r.issues.map(describe).join('；')].map(escapeFormula)]));
  }
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(lines.join(''), 'utf8')]);
}
