/**
 * The weekly summary as XLSX, written with exceljs's streaming WorkbookWriter: sheets 概览,
 * 按回访员, 按回访类型, 风险标记 and 明细, each row committed as soon as it is written and the
 * detail and flag rows read from SQLite with `.iterate()`, so memory stays flat however many
 * records the week holds. Every sheet has a frozen, bold header row, column widths and number
 * formats; text cells pass through `text()` (formula characters escaped).
 */
import { once, type EventEmitter } from 'node:events';
import type fs from 'node:fs';
import ExcelJS from 'exceljs';
import type { Metrics, WeeklyMetrics } from '../../../shared/contract/reports';
import type { Db } from '../db/open';
import { iterateDetails, iterateWeekFlags } from './details';
import {
  DASH,
  detailCells,
  detailColumns,
  label,
  metricColumns,
  metricValues,
  overviewRows,
  shanghaiDateTime,
  text,
  type Column,
  type Translate,
} from './layout';

type Sheet = ExcelJS.Worksheet;
type Value = string | number | null | undefined;

/**
 * Every so many rows, wait until the zip has taken what was written, so rows never pile up in
 * memory. exceljs writes a sheet into a PassThrough (the first of its stream's `pipes`) that the
 * zip drains only as fast as it compresses and the file accepts; it ignores that stream's
 * backpressure, so we honour it here. Without that handle, at least let the event loop turn.
 */
const BATCH = 500;
type Sink = EventEmitter & { writableNeedDrain?: boolean; _writableState?: { needDrain?: boolean } };
async function breathe(ws: Sheet, out: fs.WriteStream): Promise<void> {
  const sink = (ws as unknown as { stream?: { pipes?: Sink[] } }).stream?.pipes?.[0];
  // archiver hands exceljs a readable-stream v2 PassThrough: no `writableNeedDrain`, only its state.
  if (sink && (sink.writableNeedDrain ?? sink._writableState?.needDrain)) await once(sink, 'drain');
  else if (out.writableNeedDrain) await once(out, 'drain');
  else await new Promise<void>((r) => setImmediate(r));
}

function sheet(wb: ExcelJS.stream.xlsx.WorkbookWriter, name: string, columns: Column[], filter = false): Sheet {
  const ws = wb.addWorksheet(name, {
    views: [{ state: 'frozen', xSplit: 0, ySplit: 1 }],
    ...(filter ? { autoFilter: { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } } } : {}),
  });
  ws.columns = columns.map((c) => ({ width: c.width }));
  const header = ws.addRow(columns.map((c) => text(c.header)));
  header.font = { bold: true };
  header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } };
  header.alignment = { vertical: 'middle', wrapText: true };
  header.commit();
  return ws;
}

/**
 * One style object per number format, shared by every cell that uses it: exceljs recognises an
 * object it has seen and skips rebuilding the style (per-cell styles dominate the export's time).
 */
const styles = new Map<string, Partial<ExcelJS.Style>>();
function styleFor(fmt: string | undefined): Partial<ExcelJS.Style> {
  const key = fmt ?? '';
  let s = styles.get(key);
  if (!s) styles.set(key, (s = fmt ? { numFmt: fmt } : {}));
  return s;
}

/** Append and commit a row of ready cell values (text already escaped); empty text is an empty cell. */
function put(ws: Sheet, values: (string | number | null | undefined)[], fmts: (string | undefined)[] = []): void {
  const r = ws.addRow(values.map((v) => (v === '' ? null : v)));
  r.eachCell((c, col) => {
    c.style = styleFor(typeof c.value === 'number' ? fmts[col - 1] : undefined);
  });
  r.commit();
}

/** One data row: text escaped, null as "—", numbers with their column's format. */
function row(ws: Sheet, values: Value[], fmts: (string | undefined)[] = []): void {
  put(
    ws,
    values.map((v) => (typeof v === 'string' ? text(v) : v === null ? DASH : v)),
    fmts,
  );
}

function overview(wb: ExcelJS.stream.xlsx.WorkbookWriter, m: WeeklyMetrics, ctx: Ctx): void {
  const { t } = ctx;
  const ws = sheet(wb, t('reports.weekly.sheets.overview'), [
    { header: t('reports.weekly.overview.metric'), width: 22 },
    { header: t('reports.weekly.overview.value'), width: 12 },
    { header: t('reports.weekly.overview.numerator'), width: 10 },
    { header: t('reports.weekly.overview.denominator'), width: 10 },
    { header: t('reports.weekly.overview.definition'), width: 90 },
  ]);
  for (const x of overviewRows(m.branch)) {
    const r = ws.addRow([
      text(t(`reports.kpi.${x.key}`)),
      x.value === null ? DASH : x.value,
      x.num,
      x.den,
      text(t(`reports.weekly.definitions.${x.key}`)),
    ]);
    if (x.value !== null) r.getCell(2).numFmt = x.fmt;
    r.getCell(5).alignment = { wrapText: true, vertical: 'top' };
    r.commit();
  }
  ws.addRow([]).commit();
  const info: [string, string][] = [
    [t('reports.weekly.overview.week'), m.week],
    [t('reports.weekly.overview.range'), t('reports.weekly.overview.rangeValue', { from: m.from, to: m.to })],
    [t('reports.weekly.overview.branch'), ctx.branch],
    [t('reports.weekly.overview.generatedAt'), shanghaiDateTime(ctx.now.toISOString())],
    [t('reports.weekly.overview.note'), ''],
  ];
  for (const [k, v] of info) row(ws, [k, v]);
  ws.commit();
}

function slices(
  wb: ExcelJS.stream.xlsx.WorkbookWriter,
  name: string,
  keyColumns: Column[],
  rows: { keys: string[]; metrics: Metrics }[],
  ctx: Ctx,
): void {
  const metricCols = metricColumns(ctx.t);
  const ws = sheet(wb, name, [...keyColumns, ...metricCols]);
  const fmts = [...keyColumns.map(() => undefined), ...metricCols.map((c) => c.fmt)];
  for (const r of rows) row(ws, [...r.keys, ...metricValues(r.metrics)], fmts);
  ws.commit();
}

async function flags(wb: ExcelJS.stream.xlsx.WorkbookWriter, db: Db, ctx: Ctx): Promise<void> {
  const { t } = ctx;
  const ws = sheet(
    wb,
    t('reports.weekly.sheets.flags'),
    [
      { header: t('reports.weekly.columns.loanNo'), width: 18 },
      { header: t('reports.weekly.columns.borrower'), width: 10 },
      { header: t('reports.weekly.columns.flagCode'), width: 22 },
      { header: t('reports.weekly.columns.item'), width: 20 },
      { header: t('reports.weekly.columns.severity'), width: 8 },
      { header: t('reports.weekly.columns.status'), width: 14 },
      { header: t('reports.weekly.columns.raisedAt'), width: 17 },
      { header: t('reports.weekly.columns.decidedAt'), width: 17 },
    ],
    true,
  );
  let n = 0;
  for (const f of iterateWeekFlags(db, ctx.week)) {
    row(ws, [
      f.loanNo,
      ctx.mask(f.borrower),
      label(t, 'flagCodes', f.code),
      label(t, 'items', f.item),
      label(t, 'severity', f.severity),
      label(t, 'reports.weekly.flagStatus', f.status),
      shanghaiDateTime(f.createdAt),
      shanghaiDateTime(f.decidedAt),
    ]);
    if (++n % BATCH === 0) await breathe(ws, ctx.out);
  }
  ws.commit();
}

async function details(wb: ExcelJS.stream.xlsx.WorkbookWriter, db: Db, ctx: Ctx): Promise<number> {
  const ws = sheet(wb, ctx.t('reports.weekly.sheets.details'), detailColumns(ctx.t), true);
  let n = 0;
  for (const r of iterateDetails(db, { week: ctx.week })) {
    put(ws, detailCells(r, ctx.t, ctx.language)); // already escaped: plain string cells
    if (++n % BATCH === 0) await breathe(ws, ctx.out);
  }
  ws.commit();
  return n;
}

interface Ctx {
  t: Translate;
  language: string;
  week: string;
  branch: string;
  now: Date;
  out: fs.WriteStream;
  mask: (name: string | null) => string;
}

/** Write the workbook to `out` (ended when done); returns the number of detail rows. */
export async function writeXlsx(db: Db, m: WeeklyMetrics, ctx: Ctx): Promise<number> {
  const { t } = ctx;
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: ctx.out, useStyles: true, useSharedStrings: false });
  wb.creator = 'Callback Desk';
  overview(wb, m, ctx);
  slices(
    wb,
    t('reports.weekly.sheets.byOfficer'),
    [
      { header: t('reports.weekly.columns.officer'), width: 14 },
      { header: t('reports.weekly.columns.officerName'), width: 12 },
    ],
    [
      ...m.byOfficer.map((o) => ({
        keys: o.officer === null ? [t('reports.weekly.pool'), ''] : [o.officer, o.displayName ?? ''],
        metrics: o.metrics,
      })),
      { keys: [t('reports.weekly.total'), ''], metrics: m.branch },
    ],
    ctx,
  );
  slices(
    wb,
    t('reports.weekly.sheets.byType'),
    [{ header: t('reports.weekly.columns.type'), width: 18 }],
    [
      ...m.byType.map((x) => ({ keys: [label(t, 'taskTypes', x.type)], metrics: x.metrics })),
      { keys: [t('reports.weekly.total')], metrics: m.branch },
    ],
    ctx,
  );
  await flags(wb, db, ctx);
  const n = await details(wb, db, ctx);
  await wb.commit();
  return n;
}

export type XlsxContext = Ctx;
