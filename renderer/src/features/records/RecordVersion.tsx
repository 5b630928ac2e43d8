/**
 * One version of a finalized record: its header (number, current, outcome, who finalized it, the
 * reason for a correction) and its body (script, call note, the changes against the previous
 * version and the checklist lines with the value on file, stated value, result and note).
 */
import { Empty, Table, Tag, Typography, type TableColumnsType } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { RecordVersionShape } from '../../../../shared/contract/records';
import { ItemResultTag } from '../../ui/ItemResult';
import { useFormats } from '../../ui/format';
import type { LoanFileLabels } from '../loans/loanFileLabels';
import { OUTCOME_COLOURS } from '../loans/loanFileParts';

const emptyText = (hint: string) => ({
  emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={hint} />,
});

export function VersionHeader({ v, current }: { v: RecordVersionShape; current: boolean }) {
  const { t } = useTranslation();
  const f = useFormats();
  return (
    <span style={{ display: 'inline-flex', flexWrap: 'wrap', alignItems: 'center', gap: 8 }}>
      <strong>{t('records.version', { version: v.version })}</strong>
      {current && <Tag color="blue">{t('records.currentVersion')}</Tag>}
      <Tag color={OUTCOME_COLOURS[v.outcome]}>{t(`outcomes.${v.outcome}`)}</Tag>
      <Typography.Text type="secondary">
        {t('records.finalizedBy', { at: f.dateTime(v.finalizedAt), by: v.finalizedBy })}
      </Typography.Text>
      {v.reason && (
        <Typography.Text data-testid="version-reason">{t('records.reason', { reason: v.reason })}</Typography.Text>
      )}
    </span>
  );
}

export function VersionBody({
  v,
  labels,
  action,
}: {
  v: RecordVersionShape;
  labels: LoanFileLabels;
  action: ReactNode;
}) {
  const { t } = useTranslation();
  type Item = RecordVersionShape['items'][number];
  const columns: TableColumnsType<Item> = [
    {
      title: t('loans.file.item'),
      key: 'item',
      width: 190,
      render: (_: unknown, i) => labels.item(i.item, i.partyId),
    },
    {
      title: t('records.onFile'),
      dataIndex: 'onFile',
      width: 280,
      render: (_: unknown, i) =>
        i.onFile.length === 0 ? (
          <Typography.Text type="secondary">—</Typography.Text>
        ) : (
          i.onFile.map((o) => (
            <div key={o.field} style={{ wordBreak: 'break-all' }}>
              <Typography.Text type="secondary">
                {t(`onFileFields.${o.field}`, { defaultValue: o.field })}
                {t('loans.file.colon')}
              </Typography.Text>
              {labels.onFileValue(o.field, o.value)}
            </div>
          ))
        ),
    },
    { title: t('records.stated'), dataIndex: 'stated', width: 200, render: (s: string) => s || '—' },
    {
      title: t('records.result'),
      dataIndex: 'result',
      width: 100,
      render: (r: Item['result']) => (r ? <ItemResultTag result={r} /> : '—'),
    },
    { title: t('records.itemNote'), dataIndex: 'note', render: (s: string) => s || '' },
  ];
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 8 }}>
      <div style={{ display: 'flex', alignItems: 'center', gap: 12, flexWrap: 'wrap' }}>
        <Typography.Text type="secondary">
          {t('records.scriptVersion', { key: v.scriptKey, version: v.scriptVersion })}
          {v.note ? ` · ${t('records.callNote', { note: v.note })}` : ''}
        </Typography.Text>
        {action}
      </div>
      {v.changes.length > 0 && (
        <div data-testid={`changes-v${v.version}`}>
          <Typography.Text strong>{t('records.changesTitle')}</Typography.Text>
          <ul style={{ margin: '4px 0 0', paddingLeft: 20 }}>
            {v.changes.map((c) => {
              const line = v.items.find((i) => i.key === c.key);
              return (
                <li key={`${c.key}.${c.field}`}>
                  {line ? labels.item(line.item, line.partyId) : c.key}
                  {t('loans.file.colon')}
                  {t(`records.changeFields.${c.field}`)} <del>{labels.changeValue(c.field, c.from)}</del> →{' '}
                  <ins>{labels.changeValue(c.field, c.to)}</ins>
                </li>
              );
            })}
          </ul>
        </div>
      )}
      <Table<Item>
        size="small"
        rowKey="key"
        tableLayout="fixed"
        columns={columns}
        dataSource={v.items}
        pagination={false}
        onRow={(i) => (i.result === 'mismatch' ? { style: { background: '#fff1f0' } } : {})}
        locale={emptyText(t('records.empty.items'))}
      />
    </div>
  );
}
