/**
 * The loan's finalized records: per task every version, newest first (the newest expanded), and
 * the 更正记录 button on the current version for its finalizing officer or a manager, which opens
 * the amend dialog; the amendment reloads the file (`invalidates`) once a new version is written.
 */
import { EditOutlined } from '@ant-design/icons';
import { App, Button, Collapse, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LoanFile } from '../../../../shared/contract/loans';
import { AmendModal } from './AmendModal';
import type { LoanFileLabels } from '../loans/loanFileLabels';
import { EmptyHint } from '../loans/loanFileParts';
import { VersionBody, VersionHeader } from './RecordVersion';

type RecordGroup = LoanFile['records'][number];

export function Records(props: { records: RecordGroup[]; labels: LoanFileLabels }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [amending, setAmending] = useState<RecordGroup | null>(null);
  if (props.records.length === 0) return <EmptyHint text={t('records.empty.records')} />;
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 12 }}>
      {props.records.map((r) => {
        const newestFirst = [...r.versions].sort((a, b) => b.version - a.version);
        const latest = newestFirst[0]!;
        // Decided by the main side with the rule records.amend enforces (by user id, not display name).
        const mayAmend = r.mayAmend;
        return (
          <div key={r.taskId} data-testid={`record-${r.taskId}`}>
            <Typography.Title level={5} style={{ marginTop: 0 }}>
              {t('records.recordHeading', { type: t(`taskTypes.${r.type}`), taskId: r.taskId })}
            </Typography.Title>
            <Collapse
              // A new version opens expanded: the panel set starts afresh when the latest changes.
              key={latest.version}
              size="small"
              defaultActiveKey={[String(latest.version)]}
              items={newestFirst.map((v) => ({
                key: String(v.version),
                label: <VersionHeader v={v} current={v === latest} />,
                children: (
                  <VersionBody
                    v={v}
                    labels={props.labels}
                    action={
                      v === latest ? (
                        <Tooltip title={mayAmend ? undefined : t('records.amendNotAllowed')}>
                          <Button
                            size="small"
                            icon={<EditOutlined aria-hidden />}
                            disabled={!mayAmend}
                            onClick={() => setAmending(r)}
                          >
                            {t('records.amend')}
                          </Button>
                        </Tooltip>
                      ) : null
                    }
                  />
                ),
              }))}
            />
          </div>
        );
      })}
      {amending && (
        <AmendModal
          taskId={amending.taskId}
          type={amending.type}
          latest={amending.versions.reduce((a, b) => (b.version > a.version ? b : a))}
          labels={props.labels}
          onCancel={() => setAmending(null)}
          onAmended={(version) => {
            setAmending(null);
            message.success(t('records.amended', { version }));
          }}
        />
      )}
    </div>
  );
}
