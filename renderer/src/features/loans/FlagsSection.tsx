/** The loan's risk flags: code, checklist item, severity, status, when and by whom, note. */
import { Table, Tag, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import type { LoanFile } from '../../../../shared/contract/loans';
import { useFormats } from '../../ui/format';
import type { LoanFileLabels } from './loanFileLabels';
import { EmptyHint, pageOf } from './loanFileParts';

type Flag = LoanFile['flags'][number];

const SEVERITY_COLOURS = { high: 'red', medium: 'orange', low: 'blue' } as const;

export function Flags({ flags, labels }: { flags: Flag[]; labels: LoanFileLabels }) {
  const { t } = useTranslation();
  const f = useFormats();
  if (flags.length === 0) return <EmptyHint text={t('loans.file.empty.flags')} />;
  const columns: TableColumnsType<Flag> = [
    {
      title: t('loans.file.flagCode'),
      dataIndex: 'code',
      width: 190,
      render: (v: string) => t(`flagCodes.${v}`, { defaultValue: v }),
    },
    {
      title: t('loans.file.item'),
      key: 'item',
      width: 220,
      render: (_: unknown, r) => (r.item ? labels.item(r.item, r.partyId) : '—'),
    },
    {
      title: t('loans.file.severity'),
      dataIndex: 'severity',
      width: 70,
      render: (v: Flag['severity']) => <Tag color={SEVERITY_COLOURS[v]}>{t(`severity.${v}`)}</Tag>,
    },
    {
      title: t('loans.file.status'),
      dataIndex: 'status',
      width: 90,
      render: (v: string) => t(`loans.file.flagStatuses.${v}`, { defaultValue: v }),
    },
    {
      title: t('loans.file.createdAt'),
      key: 'created',
      width: 230,
      render: (_: unknown, r) => `${f.dateTime(r.createdAt)}${r.createdBy ? ` · ${r.createdBy}` : ''}`,
    },
    {
      title: t('loans.file.note'),
      dataIndex: 'note',
      ellipsis: { showTitle: true },
      render: (v: string | null) => v ?? '',
    },
  ];
  return (
    <Table<Flag>
      size="small"
      rowKey="id"
      tableLayout="fixed"
      columns={columns}
      dataSource={flags}
      pagination={pageOf(flags.length)}
    />
  );
}
