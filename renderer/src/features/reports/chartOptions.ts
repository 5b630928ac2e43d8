/** ECharts options of the 报表 page, built from the dashboard data (pure functions, no React). */
import type { ChartOption } from './Chart';

export const COLORS = { completion: '#1f5fbf', discrepancy: '#d4380d', overdue: '#cf1322' };
const FONT =
  "-apple-system, 'Segoe UI', 'PingFang SC', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Noto Sans SC', sans-serif";
/** 0–100 %, or more: completion counts records against windows closing in the week and can pass 100 %. */
const percentMax = (v: { max: number }) => (Number.isFinite(v.max) ? Math.max(100, Math.ceil(v.max / 25) * 25) : 100);
const pct = (v: unknown) => (typeof v === 'number' ? `${v.toFixed(1)}%` : '—');

/**
 * Horizontal bars of two rates (completion, discrepancy) per category (officer or task type):
 * categories read top to bottom, long Chinese names stay on one line.
 */
export function rateBars(opts: {
  categories: string[];
  completion: (number | null)[];
  discrepancy: (number | null)[];
  names: { completion: string; discrepancy: string };
}): ChartOption {
  return {
    textStyle: { fontFamily: FONT },
    color: [COLORS.completion, COLORS.discrepancy],
    legend: { top: 0, left: 0, itemWidth: 14, itemHeight: 10 },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: pct },
    grid: { left: 4, right: 40, top: 28, bottom: 4, containLabel: true },
    xAxis: { type: 'value', min: 0, max: percentMax, interval: 25, axisLabel: { formatter: '{value}%' } },
    yAxis: { type: 'category', inverse: true, data: opts.categories, axisTick: { show: false } },
    series: [
      {
        type: 'bar',
        name: opts.names.completion,
        data: opts.completion.map((v) => v ?? '-'),
        barMaxWidth: 14,
        label: { show: true, position: 'right', formatter: (p) => pct(p.value), fontSize: 11 },
      },
      {
        type: 'bar',
        name: opts.names.discrepancy,
        data: opts.discrepancy.map((v) => v ?? '-'),
        barMaxWidth: 14,
        label: { show: true, position: 'right', formatter: (p) => pct(p.value), fontSize: 11 },
      },
    ],
  };
}

/** Two lines over the 8 weeks, oldest first; a week without a denominator is a gap. */
export function trendLines(opts: {
  weeks: string[];
  completion: (number | null)[];
  discrepancy: (number | null)[];
  names: { completion: string; discrepancy: string };
  selected: number;
}): ChartOption {
  const line = (name: string, data: (number | null)[]) => ({
    type: 'line' as const,
    name,
    data: data.map((v) => v ?? '-'),
    symbolSize: (_: unknown, p: { dataIndex: number }) => (p.dataIndex === opts.selected ? 10 : 6),
    connectNulls: false,
  });
  return {
    textStyle: { fontFamily: FONT },
    color: [COLORS.completion, COLORS.discrepancy],
    legend: { top: 0, left: 0, itemWidth: 14, itemHeight: 10 },
    tooltip: { trigger: 'axis', valueFormatter: pct },
    grid: { left: 4, right: 16, top: 28, bottom: 4, containLabel: true },
    xAxis: { type: 'category', data: opts.weeks, boundaryGap: false, axisLabel: { interval: 0, fontSize: 11 } },
    yAxis: { type: 'value', min: 0, max: percentMax, interval: 25, axisLabel: { formatter: '{value}%' } },
    series: [line(opts.names.completion, opts.completion), line(opts.names.discrepancy, opts.discrepancy)],
  };
}

/** Overdue tasks by days past due. */
export function overdueBars(opts: { buckets: string[]; counts: number[]; name: string }): ChartOption {
  return {
    textStyle: { fontFamily: FONT },
    color: [COLORS.overdue],
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 4, right: 16, top: 20, bottom: 4, containLabel: true },
    xAxis: { type: 'category', data: opts.buckets, axisTick: { show: false } },
    yAxis: { type: 'value', minInterval: 1, splitNumber: 4 },
    series: [
      {
        type: 'bar',
        name: opts.name,
        data: opts.counts,
        barMaxWidth: 40,
        label: { show: true, position: 'top', fontSize: 11 },
      },
    ],
  };
}
