/**
 * The review queue: open flags and escalated tasks, oldest first, filtered by kind and severity,
 * with age, severity, loan, officer. The server pages it (the next page loads as the list nears its
 * end). A row (click or Enter) opens the decision drawer; a decision reloads the queue.
 */
import { Button, Empty, Segmented, Select, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SEVERITIES, type ReviewKind, type ReviewRow, type Severity } from '../../../../shared/contract';
import { loadMoreOnScroll, pagedRows, shownError, useChannelPages } from '../../app/query';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { useElementHeight } from '../../ui/useElementHeight';
import { useFormats } from '../../ui/format';
import { ReviewDrawer } from './ReviewDrawer';
import { codeLabel, SEVERITY_COLOR } from './labels';

/** Rows per server page; the next page loads as the list nears its end. */
const PAGE_SIZE = 100;

export function ReviewQueue() {
  const { t } = useTranslation();
  const f = useFormats();
  const [kind, setKind] = useState<ReviewKind | 'all'>('all');
  const [severity, setSeverity] = useState<Severity | ''>('');
  const [open, setOpen] = useState<{ kind: ReviewKind; id: number } | null>(null);
  const [boxRef, boxHeight] = useElementHeight<HTMLDivElement>();
  // A filter change keeps the rows on screen until the new ones arrive.
  const pages = useChannelPages(
    'review.queue',
    { ...(kind === 'all' ? {} : { kind }), ...(severity ? { severity } : {}) },
    PAGE_SIZE,
    { keepPrevious: true },
  );
  // The counts of every kind come with each page; the first page's are shown.
  const counts = pages.data?.pages[0];
  const error = shownError(pages.error);

  const columns: TableColumnsType<ReviewRow> = [
    {
      key: 'age',
      title: t('review.age'),
      width: 90,
      render: (_, r) => (
        <Typography.Text type={r.ageDays >= 3 ? 'danger' : undefined}>
          {t('review.days', { count: r.ageDays })}
        </Typography.Text>
      ),
    },
    {
      key: 'severity',
      title: t('review.severity'),
      width: 80,
      render: (_, r) => <Tag color={SEVERITY_COLOR[r.severity]}>{t(`severity.${r.severity}`)}</Tag>,
    },
    {
      key: 'what',
      title: t('review.what'),
      render: (_, r) => (
        <Space size={4} wrap>
          <Tag color={r.kind === 'flag' ? 'volcano' : 'purple'}>{t(`review.kind.${r.kind}`)}</Tag>
          <span>{codeLabel(t, r)}</span>
        </Space>
      ),
    },
    {
      key: 'loan',
      title: t('review.loan'),
      width: 170,
      render: (_, r) => (
        <Button
          type="link"
          style={{ padding: 0 }}
          aria-label={t('review.openItem', { loanNo: r.loanNo })}
          onClick={() => setOpen({ kind: r.kind, id: r.id })}
        >
          {r.loanNo}
        </Button>
      ),
    },
    { key: 'borrower', title: t('review.borrower'), width: 90, dataIndex: 'borrowerName' },
    {
      key: 'type',
      title: t('review.taskType'),
      width: 130,
      render: (_, r) => (r.taskType ? t(`taskTypes.${r.taskType}`) : '—'),
    },
    { key: 'officer', title: t('review.officer'), width: 90, render: (_, r) => r.officerName ?? t('review.pool') },
    { key: 'at', title: t('review.raisedAt'), width: 170, render: (_, r) => f.dateTime(r.createdAt) },
  ];

  return (
    <div className="cbd-review-queue">
      <Space wrap style={{ marginBottom: 12 }}>
        <Segmented
          aria-label={t('review.filterKind')}
          value={kind}
          onChange={(v) => setKind(v as ReviewKind | 'all')}
          options={[
            { value: 'all', label: t('review.all', { count: counts ? counts.flags + counts.tasks : 0 }) },
            { value: 'flag', label: t('review.flags', { count: counts?.flags ?? 0 }) },
            { value: 'task', label: t('review.escalations', { count: counts?.tasks ?? 0 }) },
          ]}
        />
        <Select
          aria-label={t('review.severity')}
          value={severity}
          onChange={setSeverity}
          style={{ width: 140 }}
          options={[
            { value: '', label: t('review.allSeverities') },
            ...SEVERITIES.map((s) => ({ value: s, label: t(`severity.${s}`) })),
          ]}
        />
        <Typography.Text type="secondary">{t('review.hint')}</Typography.Text>
      </Space>
      <ErrorAlert error={error} />
      <div ref={boxRef} style={{ flex: 1, minHeight: 0 }}>
        <Table<ReviewRow>
          size="small"
          virtual
          loading={pages.isPending}
          rowKey={(r) => `${r.kind}-${r.id}`}
          columns={columns}
          dataSource={pagedRows(pages.data)}
          onScroll={loadMoreOnScroll(pages)}
          pagination={false}
          scroll={{ x: 1000, y: Math.max(160, boxHeight - 48) }}
          onRow={(r) => ({ onDoubleClick: () => setOpen({ kind: r.kind, id: r.id }) })}
          locale={{ emptyText: <Empty description={t('review.empty')} /> }}
        />
      </div>
      {open && <ReviewDrawer target={open} onClose={() => setOpen(null)} />}
    </div>
  );
}
