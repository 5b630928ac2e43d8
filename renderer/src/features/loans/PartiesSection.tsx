/** The loan's parties (borrower, co-borrowers, guarantors): masked ID and phone with an audited reveal. */
import { Table, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import type { LoanFile } from '../../../../shared/contract/loans';
import { RevealPii } from '../pii/RevealPii';
import { useFormats } from '../../ui/format';
import { EmptyHint } from './loanFileParts';

type Party = LoanFile['parties'][number];

export function Parties({ parties }: { parties: Party[] }) {
  const { t } = useTranslation();
  const f = useFormats();
  if (parties.length === 0) return <EmptyHint text={t('loans.file.empty.parties')} />;
  const columns: TableColumnsType<Party> = [
    { title: t('loans.file.role'), dataIndex: 'role', width: 100, render: (v: Party['role']) => t(`partyRoles.${v}`) },
    { title: t('loans.file.name'), dataIndex: 'name', width: 100 },
    {
      title: t('loans.file.idNumber'),
      dataIndex: 'idNumber',
      width: 230,
      render: (v: string, p) => <RevealPii partyId={p.id} field="idNumber" masked={v} />,
    },
    {
      title: t('loans.file.phone'),
      dataIndex: 'phone',
      width: 170,
      render: (v: string, p) => <RevealPii partyId={p.id} field="phone" masked={v} />,
    },
    { title: t('loans.file.employer'), dataIndex: 'employer', ellipsis: true, render: (v: string | null) => v ?? '—' },
    { title: t('loans.file.position'), dataIndex: 'position', width: 110, ellipsis: true, render: (v) => v ?? '—' },
    {
      title: t('loans.file.income'),
      dataIndex: 'monthlyIncomeCents',
      width: 130,
      align: 'right',
      render: (v: number | null) => f.money(v),
    },
  ];
  return (
    <Table<Party>
      size="small"
      rowKey="id"
      tableLayout="fixed"
      columns={columns}
      dataSource={parties}
      pagination={false}
    />
  );
}
