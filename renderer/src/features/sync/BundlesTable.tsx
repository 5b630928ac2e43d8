/** 数据包记录: every bundle planned for head office, newest first, with its status and dates. */
import { Empty, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import type { BundleStatus, BundleView } from '../../../../shared/contract/sync';
import { useFormats } from '../../ui/format';

const STATUS_COLOR: Record<BundleStatus, string> = {
  planned: 'default',
  exported: 'gold',
  acknowledged: 'green',
  conflict: 'red',
  failed: 'volcano',
};

export function BundlesTable({ bundles }: { bundles: BundleView[] }) {
  const { t } = useTranslation();
  const f = useFormats();
  const columns: ColumnsType<BundleView> = [
    {
      title: t('sync.columns.file'),
      dataIndex: 'fileName',
      ellipsis: { showTitle: false },
      render: (name: string) => (
        <Tooltip title={name} placement="topLeft">
          <span className="cbd-sync-file">{name}</span>
        </Tooltip>
      ),
    },
    {
      title: t('sync.columns.range'),
      key: 'range',
      width: 110,
      render: (_, b) => t('sync.rangeValue', { from: b.fromSeq, to: b.toSeq }),
    },
    { title: t('sync.columns.entries'), dataIndex: 'entries', width: 80, align: 'right' },
    {
      title: t('sync.columns.status'),
      dataIndex: 'status',
      width: 140,
      render: (s: BundleStatus) => (
        <Tag color={STATUS_COLOR[s]} style={{ whiteSpace: 'normal' }}>
          {t(`sync.status.${s}`)}
        </Tag>
      ),
    },
    { title: t('sync.columns.createdAt'), dataIndex: 'createdAt', width: 150, render: (v: string) => f.dateTime(v) },
    {
      title: t('sync.columns.exportedAt'),
      dataIndex: 'exportedAt',
      width: 150,
      render: (v: string | null) => f.dateTime(v),
    },
    {
      title: t('sync.columns.acknowledgedAt'),
      key: 'ack',
      width: 160,
      render: (_, b) =>
        b.acknowledgedAt ? (
          <>
            {f.dateTime(b.acknowledgedAt)}
            {b.ackVia && (
              <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                {t(`sync.ackVia.${b.ackVia}`)}
              </Typography.Text>
            )}
          </>
        ) : (
          '—'
        ),
    },
    {
      title: t('sync.columns.note'),
      dataIndex: 'lastError',
      width: 130,
      ellipsis: { showTitle: false },
      render: (v: string | null) =>
        v ? (
          <Tooltip title={v} placement="topLeft">
            <Typography.Text type="danger">{v}</Typography.Text>
          </Tooltip>
        ) : (
          ''
        ),
    },
  ];
  return (
    <Table<BundleView>
      size="small"
      rowKey="bundleId"
      tableLayout="fixed"
      columns={columns}
      dataSource={bundles}
      pagination={bundles.length > 10 ? { pageSize: 10, size: 'small', showSizeChanger: false } : false}
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('sync.bundlesEmpty')} /> }}
    />
  );
}
