/**
 * 报表 (managers and administrators): the weekly metrics of the domain reference §5 for an ISO
 * week against the week before, by officer and by task type, the 8-week trend and overdue tasks by
 * age, with click-through from every bar to the rows behind it, and the weekly export (XLSX
 * summary, CSV details). The week lives in the address (`#/reports?week=2026-W47`), so going back
 * from a loan file returns to the same week; another week keeps the last one on screen, dimmed,
 * until its own arrives. Officers never reach it (the route table and every
 * channel check the role).
 */
import { Button, Card, Empty, Space, Spin, Tabs, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { useNavigate, useSearchParams } from 'react-router';
import type { TaskType } from '../../../../shared/domain/taskRules';
import { addWeeks, weekRange } from '../../../../shared/domain/weeks';
import { OVERDUE_BUCKETS, type Dashboard } from '../../../../shared/contract/reports';
import type { AppErrorShape } from '../../../../shared/result';
import { shownError, useChannel } from '../../app/query';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { BreakdownTable, type BreakdownRow } from './BreakdownTable';
import { Chart } from './Chart';
import { overdueBars, rateBars, trendLines } from './chartOptions';
import { DetailsDrawer, type Drill } from './DetailsDrawer';
import { ExportButtons } from './ExportButtons';
import { KpiCards } from './KpiCards';
import { chartPercent, currentWeek, hasData, useReportFormats, type ReportFormats } from './reportFormat';
import { WeekPicker } from './WeekPicker';
import './reports.css';

export function ReportsPage() {
  const { t } = useTranslation();
  const f = useReportFormats();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const current = useMemo(() => currentWeek(), []);
  const requested = params.get('week');
  const week = requested && weekRange(requested) ? requested : current;
  const setWeek = (w: string) => setParams(w === current ? {} : { week: w });

  const read = useChannel('reports.dashboard', { week }, { keepPrevious: true });
  const [exportError, setExportError] = useState<AppErrorShape | null>(null);
  const [drill, setDrill] = useState<Drill | null>(null);

  // A retry hides the error it retries; the week's own answer is loading until it arrives.
  const error = read.isFetching ? null : shownError(read.error);
  const dash: Dashboard | null = read.data ?? null;
  const loading = !error && (read.isPending || read.isPlaceholderData || read.isError);

  return (
    <section aria-label={t('reports.title')} className="cbd-reports" aria-busy={loading}>
      <div className="cbd-reports-head">
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('reports.title')}
        </Typography.Title>
        <WeekPicker week={week} current={current} onChange={setWeek} />
        <div className="cbd-reports-export">
          <ExportButtons week={week} onError={setExportError} />
        </div>
      </div>
      <ErrorAlert error={exportError} />
      {error && (
        <Space orientation="vertical" style={{ width: '100%', marginBottom: 12 }}>
          <ErrorAlert error={error} />
          <Button onClick={() => void read.refetch()}>{t('common.retry')}</Button>
        </Space>
      )}
      {!dash && loading && (
        <div className="cbd-reports-loading">
          <Spin size="large" aria-label={t('common.loading')} />
        </div>
      )}
      {dash && (
        <Spin spinning={loading} aria-label={loading ? t('common.loading') : undefined}>
          <DashboardBody
            dash={dash}
            onWeek={setWeek}
            onDrill={setDrill}
            onOverdue={() => void navigate('/tasks?tab=overdue')}
            onTasks={() => void navigate('/tasks')}
          />
        </Spin>
      )}
      <DetailsDrawer drill={drill} onClose={() => setDrill(null)} />
      <Typography.Text type="secondary" className="cbd-reports-foot">
        {t('reports.asOf')} · {f.week(week)}
      </Typography.Text>
    </section>
  );
}

function DashboardBody(props: {
  dash: Dashboard;
  onWeek(week: string): void;
  onDrill(d: Drill): void;
  onOverdue(): void;
  onTasks(): void;
}) {
  const { t } = useTranslation();
  const f = useReportFormats();
  const { dash } = props;
  const w = dash.thisWeek;
  const view = useMemo(() => buildView(dash, t, f), [dash, t, f]);
  const { officers, types, buckets } = view;
  const names = view.names;
  // The branch pool finalizes nothing (records belong to officers), and `officer: null` would mean "everyone".
  const drillOfficer = (r: OfficerRow, discrepancyOnly: boolean) =>
    r.officer !== null && props.onDrill({ week: w.week, name: r.name, officer: r.officer, discrepancyOnly });
  const drillType = (r: TypeRow, discrepancyOnly: boolean) =>
    props.onDrill({ week: w.week, name: r.name, type: r.type, discrepancyOnly });
  const barsHeight = Math.max(200, 44 + Math.max(officers.length, types.length) * 34);
  const withData = hasData(w);
  const latest = [...dash.trend]
    .reverse()
    .find((x) => x.week < w.week && (x.completion.denominator > 0 || x.discrepancy.denominator > 0));

  return (
    <div className="cbd-reports-body">
      {withData ? (
        <>
          <KpiCards thisWeek={w.branch} lastWeek={dash.lastWeek.branch} />
          <div className="cbd-reports-grid">
            <Card size="small" title={t('reports.byOfficer')}>
              <Chart
                option={view.officerOption}
                label={`${t('reports.byOfficer')}: ${names.completion}, ${names.discrepancy}`}
                height={barsHeight}
                onClick={(c) => officers[c.dataIndex] && drillOfficer(officers[c.dataIndex]!, c.seriesIndex === 1)}
              >
                <RateTable caption={t('reports.byOfficer')} nameTitle={t('reports.officer')} rows={officers} />
              </Chart>
              <Typography.Text type="secondary" className="cbd-reports-hint">
                {t('reports.chartHint')}
              </Typography.Text>
            </Card>
            <Card size="small" title={t('reports.byType')}>
              <Chart
                option={view.typeOption}
                label={`${t('reports.byType')}: ${names.completion}, ${names.discrepancy}`}
                height={barsHeight}
                onClick={(c) => types[c.dataIndex] && drillType(types[c.dataIndex]!, c.seriesIndex === 1)}
              >
                <RateTable caption={t('reports.byType')} nameTitle={t('reports.type')} rows={types} />
              </Chart>
              <Typography.Text type="secondary" className="cbd-reports-hint">
                {t('reports.chartHint')}
              </Typography.Text>
            </Card>
          </div>
        </>
      ) : (
        <Card size="small" className="cbd-reports-empty">
          <Empty
            description={
              <>
                <Typography.Text strong>{t('reports.empty', { week: f.week(w.week) })}</Typography.Text>
                <br />
                <Typography.Text type="secondary">{t('reports.emptyHint')}</Typography.Text>
              </>
            }
          >
            <Space wrap>
              {latest && (
                <Button type="primary" onClick={() => props.onWeek(latest.week)}>
                  {t('reports.latestWithData', { n: Number(latest.week.split('-W')[1]) })}
                </Button>
              )}
              <Button onClick={() => props.onWeek(addWeeks(w.week, -1))}>{t('reports.prevWeek')}</Button>
              <Button onClick={props.onTasks}>{t('reports.openTasks')}</Button>
            </Space>
          </Empty>
        </Card>
      )}
      <div className="cbd-reports-grid">
        <Card size="small" title={t('reports.trend')}>
          <Chart
            option={view.trendOption}
            label={t('reports.trend')}
            height={220}
            onClick={(c) => dash.trend[c.dataIndex] && props.onWeek(dash.trend[c.dataIndex]!.week)}
          >
            <table>
              <caption>{t('reports.trend')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('reports.week')}</th>
                  <th scope="col">{names.completion}</th>
                  <th scope="col">{names.discrepancy}</th>
                </tr>
              </thead>
              <tbody>
                {dash.trend.map((x) => (
                  <tr key={x.week}>
                    <th scope="row">{f.week(x.week)}</th>
                    <td>{f.percent(x.completion.rate)}</td>
                    <td>{f.percent(x.discrepancy.rate)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </Chart>
          <Typography.Text type="secondary" className="cbd-reports-hint">
            {t('reports.trendHint')}
          </Typography.Text>
        </Card>
        <Card
          size="small"
          title={t('reports.overdueByAge')}
          extra={
            <a
              href="#/tasks?tab=overdue"
              onClick={(e) => {
                e.preventDefault();
                props.onOverdue();
              }}
            >
              {t('reports.openOverdue')}
            </a>
          }
        >
          <Chart option={view.overdueOption} label={t('reports.overdueByAge')} height={220} onClick={props.onOverdue}>
            <table>
              <caption>{t('reports.overdueByAge')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('reports.bucket')}</th>
                  <th scope="col">{t('reports.count')}</th>
                </tr>
              </thead>
              <tbody>
                {buckets.map((b) => (
                  <tr key={b.bucket}>
                    <th scope="row">{b.label}</th>
                    <td>{b.count}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </Chart>
          <Typography.Text type="secondary" className="cbd-reports-hint">
            {t('reports.overdueHint')}
          </Typography.Text>
        </Card>
      </div>
      {withData && (
        <Card size="small" title={t('reports.breakdown')}>
          <Tabs
            items={[
              {
                key: 'officer',
                label: t('reports.byOfficer'),
                children: (
                  <BreakdownTable
                    label={t('reports.byOfficer')}
                    nameTitle={t('reports.officer')}
                    rows={officers}
                    onDrill={drillOfficer}
                  />
                ),
              },
              {
                key: 'type',
                label: t('reports.byType'),
                children: (
                  <BreakdownTable
                    label={t('reports.byType')}
                    nameTitle={t('reports.type')}
                    rows={types}
                    onDrill={drillType}
                  />
                ),
              },
            ]}
          />
        </Card>
      )}
    </div>
  );
}

type OfficerRow = BreakdownRow & { officer: string | null };
type TypeRow = BreakdownRow & { type: TaskType };

/** Rows, bucket labels and chart options of one dashboard, computed once per answer and language. */
function buildView(dash: Dashboard, t: TFunction, f: ReportFormats) {
  const w = dash.thisWeek;
  const names = { completion: t('reports.kpi.completion'), discrepancy: t('reports.kpi.discrepancy') };
  const officers: OfficerRow[] = w.byOfficer.map((o) => ({
    key: o.officer ?? '__pool__',
    officer: o.officer,
    name: o.displayName ?? o.officer ?? t('reports.pool'),
    metrics: o.metrics,
  }));
  const types: TypeRow[] = w.byType.map((x) => ({
    key: x.type,
    type: x.type,
    name: t(`taskTypes.${x.type}`),
    metrics: x.metrics,
  }));
  const buckets = OVERDUE_BUCKETS.map((b) => ({
    bucket: b,
    label: t(`reports.buckets.${b}`),
    count: dash.overdueByAge.find((x) => x.bucket === b)?.count ?? 0,
  }));
  const rates = (rows: BreakdownRow[]) =>
    rateBars({
      categories: rows.map((r) => r.name),
      completion: rows.map((r) => chartPercent(r.metrics.completion)),
      discrepancy: rows.map((r) => chartPercent(r.metrics.discrepancy)),
      names,
    });
  return {
    names,
    officers,
    types,
    buckets,
    officerOption: rates(officers),
    typeOption: rates(types),
    trendOption: trendLines({
      weeks: dash.trend.map((x) => f.weekShort(x.week)),
      completion: dash.trend.map((x) => chartPercent(x.completion)),
      discrepancy: dash.trend.map((x) => chartPercent(x.discrepancy)),
      names,
      selected: dash.trend.findIndex((x) => x.week === w.week),
    }),
    overdueOption: overdueBars({
      buckets: buckets.map((b) => b.label),
      counts: buckets.map((b) => b.count),
      name: t('reports.series.overdue'),
    }),
  };
}

/** The visually hidden table behind a rate chart. */
function RateTable(props: { caption: string; nameTitle: string; rows: BreakdownRow[] }) {
  const { t } = useTranslation();
  const f = useReportFormats();
  return (
    <table>
      <caption>{props.caption}</caption>
      <thead>
        <tr>
          <th scope="col">{props.nameTitle}</th>
          <th scope="col">{t('reports.kpi.completion')}</th>
          <th scope="col">{t('reports.kpi.discrepancy')}</th>
        </tr>
      </thead>
      <tbody>
        {props.rows.map((r) => (
          <tr key={r.key}>
            <th scope="row">{r.name}</th>
            <td>
              {f.percent(r.metrics.completion.rate)} ({r.metrics.completion.numerator}/
              {r.metrics.completion.denominator})
            </td>
            <td>
              {f.percent(r.metrics.discrepancy.rate)} ({r.metrics.discrepancy.numerator}/
              {r.metrics.discrepancy.denominator})
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
