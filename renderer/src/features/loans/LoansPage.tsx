/**
 * 贷款档案: the branch's loans from SQLite, searchable by borrower name, loan number or phone
 * last 4, in a virtualized table. ID numbers, phones and names arrive already masked.
 */
import { Empty, Input, Table, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { LoanRow } from '../../../../shared/contract';
import { loadMoreOnScroll, pagedRows, shownError, useChannelPages } from '../../app/query';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { useElementHeight } from '../../ui/useElementHeight';
import { useSearchQuery } from '../../ui/useSearchQuery';

/** Rows per server page; the next page loads as the list nears its end. */
const PAGE_SIZE = 200;

export function LoansPage() {
  const { t, i18n } = useTranslation();
  const { query, inputProps } = useSearchQuery();
  const [boxRef, boxHeight] = useElementHeight<HTMLDivElement>();
  const pages = useChannelPages('loans.list', query ? { search: query } : {}, PAGE_SIZE, { keepPrevious: true });
  const total = pages.data?.pages[0]?.total;
  const loading = pages.isPending || (pages.isPlaceholderData && pages.isFetching);

  const money = new Intl.NumberFormat(i18n.language, { style: 'currency', currency: 'CNY' });
  const columns: TableColumnsType<LoanRow> = [
    {
      title: t('loans.loanNo'),
      dataIndex: 'loanNo',
      width: 125,
      fixed: 'left',
      render: (v: string) => <Link to={`/loans/${encodeURIComponent(v)}`}>{v}</Link>,
    },
    { title: t('loans.borrower'), dataIndex: 'borrowerName', width: 80 },
    { title: t('loans.idNumber'), dataIndex: 'idNumber', width: 170 },
    { title: t('loans.phone'), dataIndex: 'phone', width: 115 },
    {
      title: t('loans.amount'),
      dataIndex: 'amountCents',
      width: 135,
      align: 'right',
      render: (v: number) => money.format(v / 100),
    },
    {
      title: t('loans.term'),
      dataIndex: 'termMonths',
      width: 95,
      render: (v: number) => t('loans.termValue', { months: v }),
    },
    {
      title: t('loans.rate'),
      dataIndex: 'annualRate',
      width: 70,
      align: 'right',
      render: (v: number) => `${v.toFixed(2)}%`,
    },
    { title: t('loans.approvalDate'), dataIndex: 'approvalDate', width: 105 },
    {
      title: t('loans.disbursementDate'),
      dataIndex: 'disbursementDate',
      width: 105,
      render: (v: string | null) => v ?? <Typography.Text type="secondary">{t('loans.notDisbursed')}</Typography.Text>,
    },
    { title: t('loans.property'), dataIndex: 'propertyAddress', width: 280, ellipsis: true },
    {
      title: t('loans.others'),
      key: 'others',
      width: 90,
      render: (_: unknown, r: LoanRow) => `${r.coBorrowers} / ${r.guarantors}`,
    },
  ];

  const empty = query ? (
    t('loans.noMatch', { search: query })
  ) : (
    <span>
      <strong>{t('loans.emptyTitle')}</strong>
      <br />
      {t('loans.emptyHint')}
    </span>
  );

  return (
    <section aria-label={t('loans.title')} className="cbd-page">
      <div style={{ display: 'flex', alignItems: 'center', gap: 16, marginBottom: 12, flexWrap: 'wrap' }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('loans.title')}
        </Typography.Title>
        <Typography.Text type="secondary" data-testid="loans-total">
          {total !== undefined ? t('loans.total', { count: total }) : ''}
        </Typography.Text>
        <Input.Search
          aria-label={t('loans.searchLabel')}
          placeholder={t('loans.searchPlaceholder')}
          allowClear
          style={{ maxWidth: 380, marginLeft: 'auto' }}
          {...inputProps}
        />
      </div>
      <ErrorAlert error={shownError(pages.error)} />
      <div ref={boxRef} className="cbd-fill">
        <Table<LoanRow>
          virtual
          size="small"
          rowKey="loanNo"
          columns={columns}
          dataSource={pagedRows(pages.data)}
          onScroll={loadMoreOnScroll(pages)}
          loading={loading}
          pagination={false}
          scroll={{ x: 1380, y: Math.max(200, boxHeight - 56) }}
          locale={{ emptyText: <Empty description={empty} /> }}
        />
      </div>
    </section>
  );
}
