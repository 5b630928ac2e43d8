/**
 * The metrics per officer or per task type as a table (the charts' readable counterpart), with a
 * button per row to open the records behind it: keyboard users' way to the drill-down.
 */
import { Button, Space, Table, Tooltip, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Metrics, Rate } from '../../../../shared/contract/reports';
import { useFormats } from '../../ui/format';
import { DASH, recordCount, useReportFormats } from './reportFormat';

export interface BreakdownRow {
  key: string;
  name: string;
  metrics: Metrics;
}

export function BreakdownTable<R extends BreakdownRow>(props: {
  label: string;
  nameTitle: string;
  rows: R[];
  onDrill(row: R, discrepancyOnly: boolean): void;
}) {
  const { t } = useTranslation();
  const f = useReportFormats();
  const { duration } = useFormats();
  const rate = (r: Rate) => (
    <Tooltip title={`${r.numerator} / ${r.denominator}`}>
      <span className="cbd-rate">
        {f.percent(r.rate)}
        <span className="cbd-rate-parts">
          {r.numerator}/{r.denominator}
        </span>
      </span>
    </Tooltip>
  );
  const columns: TableColumnsType<R> = [
    { title: props.nameTitle, dataIndex: 'name', width: 150, ellipsis: true, fixed: 'left' },
    {
      title: t('reports.kpi.completion'),
      key: 'completion',
      width: 110,
      render: (_: unknown, r) => rate(r.metrics.completion),
    },
    { title: t('reports.kpi.onTime'), key: 'onTime', width: 110, render: (_: unknown, r) => rate(r.metrics.onTime) },
    {
      title: t('reports.kpi.rightParty'),
      key: 'rightParty',
      width: 110,
      render: (_: unknown, r) => rate(r.metrics.rightParty),
    },
    {
      title: t('reports.kpi.attemptsPerCompletion'),
      key: 'apc',
      width: 90,
      align: 'right',
      render: (_: unknown, r) => f.decimal(r.metrics.attemptsPerCompletion.value),
    },
    {
      title: t('reports.kpi.discrepancy'),
      key: 'discrepancy',
      width: 110,
      render: (_: unknown, r) => rate(r.metrics.discrepancy),
    },
    {
      title: t('reports.kpi.overdue'),
      key: 'overdue',
      width: 70,
      align: 'right',
      render: (_: unknown, r) => r.metrics.overdue,
    },
    {
      title: t('reports.kpi.escalations'),
      key: 'escalations',
      width: 70,
      align: 'right',
      render: (_: unknown, r) => r.metrics.escalations,
    },
    {
      title: t('reports.kpi.averageHandle'),
      key: 'aht',
      width: 90,
      align: 'right',
      render: (_: unknown, r) =>
        r.metrics.averageHandleSeconds === null ? DASH : duration(r.metrics.averageHandleSeconds),
    },
    {
      title: t('reports.actions'),
      key: 'actions',
      width: 150,
      render: (_: unknown, r) => {
        const all = recordCount(r.metrics);
        const bad = r.metrics.discrepancy.numerator;
        return (
          <Space size={4}>
            <Button
              size="small"
              disabled={all === 0}
              aria-label={t('reports.detailsAria', { name: r.name, count: all })}
              onClick={() => props.onDrill(r, false)}
            >
              {t('reports.details', { count: all })}
            </Button>
            <Button
              size="small"
              danger={bad > 0}
              disabled={bad === 0}
              aria-label={t('reports.discrepanciesAria', { name: r.name, count: bad })}
              onClick={() => props.onDrill(r, true)}
            >
              {t('reports.discrepancies', { count: bad })}
            </Button>
          </Space>
        );
      },
    },
  ];
  return (
    <Table<R>
      aria-label={props.label}
      size="small"
      rowKey="key"
      columns={columns}
      dataSource={props.rows}
      pagination={false}
      scroll={{ x: 1000 }}
      locale={{ emptyText: t('reports.noRows') }}
    />
  );
}
