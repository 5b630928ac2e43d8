/** Import problems and how to say them, e.g. `第 17 行 · 身份证号：校验位错误`, in CLI and UI alike. */

export interface ImportIssue {
  /** Spreadsheet row (header = 1); 0 for problems with the file as a whole. */
  row: number;
  /** The column as written in the file ('' for the whole row or file). */
  column: string;
  code: string;
  params?: Record<string, string | number>;
}

export type Translate = (key: string, params?: Record<string, unknown>) => string;

export function describeIssue(t: Translate, i: ImportIssue): string {
  const message = t(`imports.errors.${i.code}`, i.params ?? {});
  if (i.row > 0 && i.column) return t('imports.errors.line', { row: i.row, column: i.column, message });
  if (i.row > 0) return t('imports.errors.rowLine', { row: i.row, message });
  if (i.column) return t('imports.errors.fileLine', { column: i.column, message });
  return message;
}

/** File problems that mean "could not read this file" (CLI exit 2) rather than "read and rejected". */
export const UNREADABLE_CODES = new Set([
  'not_a_table',
  'xls_unsupported',
  'encoding_unsupported',
  'encoding_mixed',
  'malformed_csv',
  'xlsx_unreadable',
  'xlsx_too_large',
  'xlsx_not_workbook',
  'empty_file',
  'file_too_large',
]);
