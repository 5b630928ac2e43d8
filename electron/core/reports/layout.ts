/**
 * What the weekly export writes, independent of the file format: column headers, widths and number
 * formats, labels from the i18n catalogue, Asia/Shanghai date-times as text, and the one rule for
 * text cells — any text starting with = + - @ tab or CR gets a leading single quote so spreadsheet
 * software shows it as text and never runs it as a formula (the same rule as the import rejects).
 */
import { maskName } from '../../../shared/domain/mask';
import type { Metrics } from '../../../shared/contract/reports';
import { stripBidiControls } from '../../../shared/text';
import { escapeFormula } from '../imports/rejects';
import { mismatchKeys, type RawDetail } from './details';
import { shanghaiDateTime as wallClock } from '../../../shared/domain/shanghai';

export type Translate = (key: string, params?: Record<string, unknown>) => string;

/** Shown for a rate whose denominator is 0. */
export const DASH = '—';

/**
 * Every text cell goes through here. Bidi controls are stripped first (text stored before they were
 * refused at input could still reorder what a reader sees, or hide a formula's leading `=`).
 */
export const text = (s: string | null | undefined): string => escapeFormula(stripBidiControls(s ?? ''));

/** An ISO instant as `YYYY-MM-DD HH:mm` in Asia/Shanghai; empty for none. */
export function shanghaiDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  return wallClock(ms);
}

/** Labels already looked up, per translator: an export asks for the same few thousands of times. */
const labels = new WeakMap<Translate, Map<string, string>>();

/** The catalogue's label for a code (`outcomes.refused` …), or the code itself when there is none. */
export function label(t: Translate, ns: string, code: string | null | undefined): string {
  if (!code) return '';
  const key = `${ns}.${code}`;
  let m = labels.get(t);
  if (!m) labels.set(t, (m = new Map()));
  let v = m.get(key);
  if (v === undefined) {
    const found = t(key);
    m.set(key, (v = found === key ? code : found));
  }
  return v;
}

export const FMT = { int: '0', rate: '0.0%', ratio: '0.00', seconds: '0.0' } as const;

export interface Column {
  header: string;
  width: number;
  fmt?: string;
}

/**
 * The metric columns of 按回访员 / 按回访类型, each with its header's message key (a rate is labelled
 * with its KPI's name, reports.kpi, as on the reports page) and how to read it from a slice's metrics.
 */
const METRIC_COLUMNS: { label: string; fmt: string; get: (m: Metrics) => number | null }[] = [
  { label: 'reports.weekly.columns.completed', fmt: FMT.int, get: (m) => m.completion.numerator },
  { label: 'reports.weekly.columns.windowClosed', fmt: FMT.int, get: (m) => m.completion.denominator },
  { label: 'reports.kpi.completion', fmt: FMT.rate, get: (m) => m.completion.rate },
  { label: 'reports.weekly.columns.onTime', fmt: FMT.int, get: (m) => m.onTime.numerator },
  { label: 'reports.kpi.onTime', fmt: FMT.rate, get: (m) => m.onTime.rate },
  { label: 'reports.weekly.columns.called', fmt: FMT.int, get: (m) => m.rightParty.denominator },
  { label: 'reports.weekly.columns.rightParty', fmt: FMT.int, get: (m) => m.rightParty.numerator },
  { label: 'reports.kpi.rightParty', fmt: FMT.rate, get: (m) => m.rightParty.rate },
  { label: 'reports.weekly.columns.attempts', fmt: FMT.int, get: (m) => m.attemptsPerCompletion.attempts },
  { label: 'reports.kpi.attemptsPerCompletion', fmt: FMT.ratio, get: (m) => m.attemptsPerCompletion.value },
  { label: 'reports.weekly.columns.discrepancies', fmt: FMT.int, get: (m) => m.discrepancy.numerator },
  { label: 'reports.kpi.discrepancy', fmt: FMT.rate, get: (m) => m.discrepancy.rate },
  { label: 'reports.kpi.overdue', fmt: FMT.int, get: (m) => m.overdue },
  { label: 'reports.kpi.escalations', fmt: FMT.int, get: (m) => m.escalations },
  { label: 'reports.kpi.averageHandleSeconds', fmt: FMT.seconds, get: (m) => m.averageHandleSeconds },
];

export const metricColumns = (t: Translate): Column[] =>
  METRIC_COLUMNS.map((c) => ({ header: t(c.label), width: 12, fmt: c.fmt }));

export const metricValues = (m: Metrics): (number | null)[] => METRIC_COLUMNS.map((c) => c.get(m));

/** The 概览 rows: metric, value, numerator, denominator (undefined: not a ratio), value format. */
export function overviewRows(
  m: Metrics,
): { key: string; value: number | null; num?: number; den?: number; fmt: string }[] {
  const r = (key: string, x: Metrics['completion']) => ({
    key,
    value: x.rate,
    num: x.numerator,
    den: x.denominator,
    fmt: FMT.rate,
  });
  return [
    r('completion', m.completion),
    r('onTime', m.onTime),
    r('rightParty', m.rightParty),
    {
      key: 'attemptsPerCompletion',
      value: m.attemptsPerCompletion.value,
      num: m.attemptsPerCompletion.attempts,
      den: m.attemptsPerCompletion.records,
      fmt: FMT.ratio,
    },
    r('discrepancy', m.discrepancy),
    { key: 'overdue', value: m.overdue, fmt: FMT.int },
    { key: 'escalations', value: m.escalations, fmt: FMT.int },
    { key: 'averageHandleSeconds', value: m.averageHandleSeconds, fmt: FMT.seconds },
  ];
}

/** 明细 (and the CSV): one row per record finalized in the week. */
export const detailColumns = (t: Translate): Column[] => [
  { header: t('reports.weekly.columns.loanNo'), width: 18 },
  { header: t('reports.weekly.columns.borrower'), width: 10 },
  { header: t('reports.weekly.columns.officerName'), width: 12 },
  { header: t('reports.weekly.columns.officer'), width: 14 },
  { header: t('reports.weekly.columns.type'), width: 16 },
  { header: t('reports.weekly.columns.outcome'), width: 12 },
  { header: t('reports.weekly.columns.mismatches'), width: 36 },
  { header: t('reports.weekly.columns.finalizedAt'), width: 17 },
];

/** The text cells of a detail row, escaped: the borrower's name masked, labels translated. */
export function detailCells(r: RawDetail, t: Translate, language: string): string[] {
  const items = [...new Set(mismatchKeys(r).map((k) => label(t, 'items', k.split(':')[0])))];
  const row = [
    r.loanNo,
    maskName(r.borrower ?? ''),
    r.officerName,
    r.officer,
    label(t, 'taskTypes', r.type),
    label(t, 'outcomes', r.outcome),
    items.join(language === 'en' ? '; ' : '、'),
    shanghaiDateTime(r.finalizedAt),
  ];
  return row.map(text);
}
