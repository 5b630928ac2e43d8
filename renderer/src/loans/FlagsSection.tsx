/** The loan's risk flags: code, checklist item, severity, status, when and by whom, note. */
import { Table, Tag, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import type { LoanFile } from '../../../shared/contract/loans';
import { useFormats } from '../format';
import type { LoanFileLabels } from './loanFileLabels';
import { EmptyHint, pageOf } from './loanFileParts';

type Flag = LoanFile['flags'][number];

const SEVERITY_COLOURS = { high: 'red', medium: 'orange', low: 'blue' } as const;

export function Flags({ flags, labels }: { flags: Flag[]; labels: LoanFileLabels }) {
  const { t } = useTranslation();
  const f = useFormats();
  if (flags.length === 0) return <EmptyHint text={t('loanFile.empty.flags')} />;
  const columns: TableColumnsType<Flag> = [
    {
      title: t('loanFile.flagCode'),
      dataIndex: 'code',
      width: 190,
      render: (v: string) => t(`flagCodes.${v}`, { defaultValue: v }),
    },
    {
      title: t('loanFile.item'),
      key: 'item',
      width: 220,
      render: (_: unknown, r) => (r.item ? labels.item(r.item, r.partyId) : '—'),
    },
    {
      title: t('loanFile.severity'),
      dataIndex: 'severity',
      width: 70,
      render: (v: Flag['severity']) => <Tag color={SEVERITY_COLOURS[v]}>{t(`severity.${v}`)}</Tag>,
    },
    {
      title: t('loanFile.status'),
      dataIndex: 'status',
      width: 90,
      render: (v: string) => t(`loanFile.flagStatuses.${v}`, { defaultValue: v }),
    },
    {
      title: t('loanFile.createdAt'),
      key: 'created',
      width: 230,
      render: (_: unknown, r) => `${f.dateTime(r.createdAt)}${r.createdBy ? ` · ${r.createdBy}` : ''}`,
    },
    {
      title: t('loanFile.note'),
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
