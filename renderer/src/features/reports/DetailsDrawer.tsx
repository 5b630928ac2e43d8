/**
 * The rows behind a chart bar or a table button: records finalized in the week, narrowed to an
 * officer or a task type, optionally only those with a discrepancy. Loan numbers open the loan file.
 */
import { Drawer, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TaskType } from '../../../../shared/domain/taskRules';
import type { DetailRow } from '../../../../shared/contract';
import { shownError, useChannel } from '../../app/query';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { useReportFormats } from './reportFormat';
import { SHANGHAI_TZ } from '../../../../shared/domain/shanghai';

export interface Drill {
  week: string;
  /** What the rows belong to, for the title: an officer's or a type's name. */
  name: string;
  officer?: string | null;
  type?: TaskType;
  discrepancyOnly: boolean;
}

export function DetailsDrawer(props: { drill: Drill | null; onClose(): void }) {
  const { t, i18n } = useTranslation();
  const stamp = new Intl.DateTimeFormat(i18n.language, {
    dateStyle: 'short',
    timeStyle: 'short',
    timeZone: SHANGHAI_TZ,
  });
  const f = useReportFormats();
  const drill = props.drill;
  // Nothing is read while the drawer is closed.
  const read = useChannel(
    'reports.details',
    {
      week: drill?.week ?? '',
      ...(drill?.officer !== undefined ? { officer: drill.officer } : {}),
      ...(drill?.type ? { type: drill.type } : {}),
      ...(drill?.discrepancyOnly ? { discrepancyOnly: true } : {}),
    },
    { enabled: drill !== null },
  );

  const current = read.data ?? null;
  const error = shownError(read.error);
  const columns: TableColumnsType<DetailRow> = [
    {
      title: t('reports.columns.loanNo'),
      dataIndex: 'loanNo',
      width: 150,
      render: (v: string) => <a href={`#/loans/${encodeURIComponent(v)}`}>{v}</a>,
    },
    { title: t('reports.columns.borrower'), dataIndex: 'borrowerName', width: 80 },
    { title: t('reports.columns.officer'), dataIndex: 'officerName', width: 90 },
    {
      title: t('reports.columns.type'),
      dataIndex: 'type',
      width: 130,
      render: (v: TaskType) => t(`taskTypes.${v}`),
    },
    {
      title: t('reports.columns.outcome'),
      dataIndex: 'outcome',
      width: 110,
      render: (v: DetailRow['outcome']) => (
        <Tag color={v === 'completed_with_discrepancy' ? 'orange' : 'blue'}>{t(`outcomes.${v}`)}</Tag>
      ),
    },
    {
      title: t('reports.columns.mismatches'),
      dataIndex: 'mismatches',
      render: (v: string[]) => (v.length ? v.map((k) => t(`items.${k}`, { defaultValue: k })).join('、') : '—'),
    },
    {
      title: t('reports.columns.finalizedAt'),
      dataIndex: 'finalizedAt',
      width: 140,
      render: (v: string) => <span style={{ whiteSpace: 'nowrap' }}>{stamp.format(new Date(v))}</span>,
    },
  ];

  return (
    <Drawer
      open={drill !== null}
      onClose={props.onClose}
      size={920}
      destroyOnHidden
      title={
        drill ? t(drill.discrepancyOnly ? 'reports.drawerDiscrepancy' : 'reports.drawerAll', { name: drill.name }) : ''
      }
    >
      {drill && (
        <>
          <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
            {f.week(drill.week)}
            {current &&
              ` · ${
                current.total > current.rows.length
                  ? t('reports.drawerTruncated', { total: current.total, shown: current.rows.length })
                  : t('reports.drawerTotal', { total: current.total })
              }`}
          </Typography.Paragraph>
          <ErrorAlert error={error} />
          <Table<DetailRow>
            size="small"
            rowKey="recordId"
            columns={columns}
            dataSource={current?.rows ?? []}
            loading={read.isPending}
            pagination={{ pageSize: 50, showSizeChanger: false, hideOnSinglePage: true }}
            scroll={{ x: 860 }}
            locale={{ emptyText: t('reports.drawerEmpty') }}
          />
        </>
      )}
    </Drawer>
  );
}
