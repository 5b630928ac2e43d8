/** The loan's change log: who changed which imported field when, from what to what. */
import { Table, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import type { LoanFile } from '../../../../shared/contract/loans';
import { COLUMN_BY_KEY } from '../../../../shared/import/columns';
import { useFormats } from '../../ui/format';
import { EmptyHint, pageOf } from './loanFileParts';

type LoanEvent = LoanFile['events'][number];

export function Events({ events }: { events: LoanEvent[] }) {
  const { t, i18n } = useTranslation();
  const f = useFormats();
  if (events.length === 0) return <EmptyHint text={t('loans.file.empty.events')} />;
  const fieldLabel = (field: string) => {
    const c = COLUMN_BY_KEY.get(field);
    return c ? (i18n.language === 'en' ? c.en.replace(/_/g, ' ') : c.zh) : field;
  };
  const columns: TableColumnsType<LoanEvent & { n: number }> = [
    { title: t('loans.file.eventAt'), dataIndex: 'at', width: 170, render: (v: string) => f.dateTime(v) },
    { title: t('loans.file.actor'), dataIndex: 'actor', width: 110 },
    {
      title: t('loans.file.eventKind'),
      dataIndex: 'kind',
      width: 110,
      render: (v: string) => t(`loans.file.eventKinds.${v}`, { defaultValue: v }),
    },
    {
      title: t('loans.file.field'),
      dataIndex: 'field',
      width: 170,
      render: (v: string | null) => (v ? fieldLabel(v) : ''),
    },
    {
      title: t('loans.file.change'),
      key: 'change',
      render: (_: unknown, r) =>
        r.field ? (
          <span style={{ wordBreak: 'break-all' }}>
            {r.fromValue ?? t('loans.file.emptyValue')} → {r.toValue ?? t('loans.file.emptyValue')}
          </span>
        ) : (
          ''
        ),
    },
  ];
  return (
    <Table<LoanEvent & { n: number }>
      size="small"
      rowKey="n"
      tableLayout="fixed"
      columns={columns}
      dataSource={events.map((e, n) => ({ ...e, n }))}
      pagination={pageOf(events.length)}
    />
  );
}
