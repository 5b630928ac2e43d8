/** The loan's call attempts: when, who, outcome, duration, note, booked callback, outside calling hours. */
import { Table, Tag, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import type { LoanFile } from '../../../../shared/contract/loans';
import type { Outcome } from '../../../../shared/domain/calls';
import { useFormats } from '../../ui/format';
import { EmptyHint, OUTCOME_COLOURS, pageOf } from './loanFileParts';

type Attempt = LoanFile['attempts'][number];

export function Attempts({ attempts }: { attempts: Attempt[] }) {
  const { t } = useTranslation();
  const f = useFormats();
  if (attempts.length === 0) return <EmptyHint text={t('loans.file.empty.attempts')} />;
  const columns: TableColumnsType<Attempt> = [
    { title: t('loans.file.startedAt'), dataIndex: 'startedAt', width: 170, render: (v: string) => f.dateTime(v) },
    { title: t('loans.file.officer'), dataIndex: 'officer', width: 90 },
    {
      title: t('loans.file.outcome'),
      dataIndex: 'outcome',
      width: 130,
      render: (v: Outcome) => <Tag color={OUTCOME_COLOURS[v]}>{t(`outcomes.${v}`)}</Tag>,
    },
    {
      title: t('loans.file.duration'),
      dataIndex: 'durationS',
      width: 90,
      align: 'right',
      render: (v) => f.duration(v),
    },
    {
      title: t('loans.file.note'),
      dataIndex: 'note',
      ellipsis: { showTitle: true },
      render: (v: string | null) => v ?? '',
    },
    {
      title: t('loans.file.bookedAt'),
      dataIndex: 'bookedAt',
      width: 170,
      render: (v: string | null) => (v ? f.dateTime(v) : ''),
    },
    {
      title: '',
      dataIndex: 'outsideHours',
      width: 120,
      render: (v: boolean) => (v ? <Tag color="orange">{t('loans.file.outsideHours')}</Tag> : null),
    },
  ];
  return (
    <Table<Attempt>
      size="small"
      rowKey="id"
      tableLayout="fixed"
      columns={columns}
      dataSource={attempts}
      pagination={pageOf(attempts.length)}
    />
  );
}
