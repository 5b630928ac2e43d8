/** Display helpers of the 报表 page: rates as percent ("—" when there is nothing to divide by), weeks, slices. */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { isoWeekOf, weekRange } from '../../../../shared/domain/weeks';
import type { Metrics, Rate, WeeklyMetrics } from '../../../../shared/contract/reports';
import { SHANGHAI_TZ } from '../../../../shared/domain/shanghai';

export const DASH = '—';

export interface ReportFormats {
  /** 0.923 → "92.3%"; null → "—". */
  percent(rate: number | null | undefined): string;
  /** 2.345 → "2.3"; null → "—". */
  decimal(v: number | null | undefined): string;
  /** "2026-W47" → "2026 年第 47 周（11-16 ~ 11-22）". */
  week(week: string): string;
  /** "2026-W47" → "第 47 周" (chart axes). */
  weekShort(week: string): string;
}

export function useReportFormats(): ReportFormats {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  return useMemo(() => {
    const pct = new Intl.NumberFormat(lang, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });
    const dec = new Intl.NumberFormat(lang, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
    return {
      percent: (r) => (r === null || r === undefined ? DASH : pct.format(r)),
      decimal: (v) => (v === null || v === undefined ? DASH : dec.format(v)),
      week: (week) => {
        const r = weekRange(week);
        const [year, n] = week.split('-W');
        return t('reports.weekLabel', {
          year: year ?? '',
          n: Number(n),
          from: r ? r.from.slice(5) : '',
          to: r ? r.to.slice(5) : '',
        });
      },
      weekShort: (week) => t('reports.weekShort', { n: Number(week.split('-W')[1]) }),
    };
  }, [t, lang]);
}

/** Today in Asia/Shanghai as YYYY-MM-DD (weeks are Shanghai weeks whatever the workstation's zone). */
export function shanghaiToday(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: SHANGHAI_TZ,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}

export function currentWeek(): string {
  return isoWeekOf(shanghaiToday());
}

/** A rate as a chart value: percent with one decimal, or null (a gap) when undefined. */
export function chartPercent(r: Rate): number | null {
  return r.rate === null ? null : Math.round(r.rate * 1000) / 10;
}

/** Records finalized in the week for a slice: the rows a drill-down lists. */
export function recordCount(m: Metrics): number {
  return m.attemptsPerCompletion.records;
}

/** Whether a week has anything to show at all. */
export function hasData(w: WeeklyMetrics): boolean {
  const b = w.branch;
  return (
    w.byOfficer.length > 0 ||
    b.completion.denominator > 0 ||
    b.attemptsPerCompletion.attempts > 0 ||
    b.attemptsPerCompletion.records > 0 ||
    b.overdue > 0 ||
    b.escalations > 0
  );
}
