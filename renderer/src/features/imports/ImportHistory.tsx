/** 导入记录: every committed import with who, when, file, SHA-256 and counts (reloads after each commit). */
import { Empty, Table, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ImportRecordView } from '../../../../shared/contract';
import { shownError, useChannel } from '../../app/query';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { SHANGHAI_TZ } from '../../../../shared/domain/shanghai';

export function ImportHistory() {
  const { t, i18n } = useTranslation();
  const list = useChannel('imports.list', {});
  const rows = list.data ?? null;
  const error = shownError(list.error);
  const when = new Intl.DateTimeFormat(i18n.language, {
    dateStyle: 'short',
    timeStyle: 'short',
    timeZone: SHANGHAI_TZ,
  });
  return (
    <>
      <ErrorAlert error={error} />
      <Table<ImportRecordView>
        size="small"
        rowKey="id"
        loading={rows === null && !error}
        dataSource={rows ?? []}
        pagination={{ pageSize: 20, showSizeChanger: false, hideOnSinglePage: true }}
        locale={{ emptyText: <Empty description={t('imports.historyEmpty')} /> }}
        columns={[
          {
            title: t('imports.historyAt'),
            dataIndex: 'at',
            width: 150,
            render: (v: string) => when.format(new Date(v)),
          },
          { title: t('imports.historyActor'), dataIndex: 'actor', width: 120 },
          {
            title: t('imports.historyFile'),
            dataIndex: 'fileName',
            ellipsis: true,
            render: (v: string, r) => (
              <Tooltip title={`SHA-256 ${r.sha256}`}>
                <span>{v}</span> <Typography.Text type="secondary">{r.sha256.slice(0, 8)}</Typography.Text>
              </Tooltip>
            ),
          },
          { title: t('imports.historyRows'), dataIndex: 'rowsTotal', width: 80, align: 'right' },
          {
            title: t('imports.historyCounts'),
            key: 'counts',
            width: 220,
            render: (_: unknown, r) => `${r.imported} / ${r.updated} / ${r.unchanged} / ${r.rejected}`,
          },
        ]}
      />
    </>
  );
}
