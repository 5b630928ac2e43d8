/**
 * 导入向导: choose a file → upload and check with progress (cancellable) → preview with invalid
 * cells highlighted and a filterable error list → confirm → summary. Nothing is written until the
 * user confirms, and then in one transaction.
 */
import { InboxOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Checkbox,
  Progress,
  Result,
  Select,
  Space,
  Steps,
  Table,
  Tooltip,
  Typography,
  Upload,
} from 'antd';
import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { ImportStatus } from '../../../../shared/contract';
import type { Language } from '../../../../shared/i18n/index';
import { describeIssue } from '../../../../shared/import/messages';
import type { AppErrorShape } from '../../../../shared/result';
import { shownError, useChannel, useChannelMutation } from '../../app/query';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { downloadBase64 } from '../../ui/download';
import { uploadFile } from './upload';
import { tIn, tMessage } from '../../i18n/messages';

/** What the wizard is doing; once a job exists, its step follows the job's status (`view` below). */
type Stage =
  | { step: 'choose' }
  | { step: 'uploading'; fileName: string; sent: number; total: number }
  | { step: 'job'; jobId: string };

type View =
  | Exclude<Stage, { step: 'job' }>
  | { step: 'checking'; status: ImportStatus | null }
  | { step: 'preview' | 'done'; status: ImportStatus };

const STEP_INDEX = { choose: 0, uploading: 1, checking: 1, preview: 2, done: 3 } as const;

/** Ask for the status every quarter second while the background check reads the file. */
const POLL_MS = 250;

/** An import changes loans and the tasks planned for them, and adds to the history. */
const IMPORTED = ['imports', 'loans', 'tasks', 'workbench'];

export function ImportWizard() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const [stage, setStage] = useState<Stage>({ step: 'choose' });
  const [error, setError] = useState<AppErrorShape | null>(null);
  const [skipInvalid, setSkipInvalid] = useState(false);
  const [columnFilter, setColumnFilter] = useState<string>('');
  const cancelled = useRef(false);
  const tr = useMemo(() => (k: string, p?: Record<string, unknown>) => tMessage(t, k, p), [t]);
  const jobId = stage.step === 'job' ? stage.jobId : null;

  // Poll the background check until it is ready, failed or cancelled (or a read fails).
  const job = useChannel(
    'imports.status',
    { jobId: jobId ?? '' },
    {
      enabled: jobId !== null,
      refetchInterval: (s, failed) => (!failed && (!s || s.phase === 'reading') ? POLL_MS : false),
    },
  );
  const upload = useChannelMutation('imports.upload');
  const analyse = useChannelMutation('imports.analyse');
  const cancelJob = useChannelMutation('imports.cancel');
  const commitJob = useChannelMutation('imports.commit', { invalidates: IMPORTED });
  const templateFile = useChannelMutation('imports.template');
  const rejectsFile = useChannelMutation('imports.rejects');

  const s = job.data;
  let view: View;
  if (stage.step !== 'job') view = stage;
  else if (s?.phase === 'ready' || s?.phase === 'committing') view = { step: 'preview', status: s };
  else if (s?.phase === 'done') view = { step: 'done', status: s };
  else if (job.isError || s?.phase === 'failed' || s?.phase === 'cancelled') view = { step: 'choose' };
  else view = { step: 'checking', status: s ?? null };
  const jobError = jobId === null ? null : s?.phase === 'failed' ? s.failure : shownError(job.error);
  const shown = error ?? jobError;

  const fail = (e: unknown) => setError(shownError(e));

  const start = async (file: File) => {
    setError(null);
    setSkipInvalid(false);
    setColumnFilter('');
    cancelled.current = false;
    setStage({ step: 'uploading', fileName: file.name, sent: 0, total: file.size });
    try {
      const uploadId = await uploadFile(
        upload.mutateAsync,
        file,
        (sent, total) => setStage({ step: 'uploading', fileName: file.name, sent, total }),
        () => cancelled.current,
      );
      if (!uploadId) return setStage({ step: 'choose' });
      const { jobId: id } = await analyse.mutateAsync({ uploadId });
      setStage({ step: 'job', jobId: id });
    } catch (e) {
      fail(e);
      setStage({ step: 'choose' });
    }
  };

  const cancel = async () => {
    cancelled.current = true;
    if (jobId) await cancelJob.mutateAsync({ jobId }).catch(() => undefined);
    setStage({ step: 'choose' });
  };

  // The commit reloads the status (now with the result), the history and the loans.
  const commit = async () => {
    if (view.step !== 'preview' || !jobId) return;
    setError(null);
    await commitJob.mutateAsync({ jobId, skipInvalid }).catch(fail);
  };

  const template = async (format: 'csv' | 'xlsx') => {
    try {
      const f = await templateFile.mutateAsync({ format, language: i18n.language as Language });
      downloadBase64(f.fileName, f.base64);
    } catch (e) {
      fail(e);
    }
  };

  const rejects = async () => {
    if (!jobId) return;
    try {
      const f = await rejectsFile.mutateAsync({ jobId, language: i18n.language as Language });
      downloadBase64(f.fileName, f.base64, 'text/csv');
    } catch (e) {
      fail(e);
    }
  };

  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 12, height: '100%', minHeight: 0 }}>
      <Steps
        size="small"
        current={STEP_INDEX[view.step]}
        items={[
          { title: t('imports.stepChoose') },
          { title: t('imports.stepCheck') },
          { title: t('imports.stepPreview') },
          { title: t('imports.stepDone') },
        ]}
      />
      <ErrorAlert error={shown} />
      <div style={{ flex: 1, minHeight: 0, overflow: 'auto' }}>
        {view.step === 'choose' && (
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            <Upload.Dragger
              accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              multiple={false}
              showUploadList={false}
              beforeUpload={(file) => {
                void start(file);
                return false;
              }}
            >
              <p className="ant-upload-drag-icon">
                <InboxOutlined />
              </p>
              <p className="ant-upload-text">{t('imports.chooseHint')}</p>
              <p className="ant-upload-hint">{t('imports.chooseSub', { mb: 50 })}</p>
            </Upload.Dragger>
            <Space>
              <Button onClick={() => void template('xlsx')}>{t('imports.templateXlsx')}</Button>
              <Button onClick={() => void template('csv')}>{t('imports.templateCsv')}</Button>
            </Space>
          </Space>
        )}
        {(view.step === 'uploading' || view.step === 'checking') && (
          <Space orientation="vertical" size="middle" style={{ width: '100%', maxWidth: 640 }}>
            {view.step === 'uploading' ? (
              <>
                <Typography.Text>{t('imports.uploading')}</Typography.Text>
                <Progress
                  percent={view.total ? Math.floor((view.sent / view.total) * 100) : 100}
                  aria-label={t('imports.uploading')}
                />
              </>
            ) : (
              <>
                <Typography.Text>{t('imports.checking', { rows: view.status?.progress.rows ?? 0 })}</Typography.Text>
                <Progress
                  aria-label={t('imports.stepCheck')}
                  percent={
                    view.status && view.status.progress.totalBytes
                      ? Math.floor((view.status.progress.bytesRead / view.status.progress.totalBytes) * 100)
                      : 0
                  }
                  status="active"
                />
              </>
            )}
            <Button onClick={() => void cancel()}>{t('imports.cancel')}</Button>
          </Space>
        )}
        {view.step === 'preview' && view.status.summary && (
          <Preview
            status={view.status}
            skipInvalid={skipInvalid}
            setSkipInvalid={setSkipInvalid}
            columnFilter={columnFilter}
            setColumnFilter={setColumnFilter}
            describe={(i) => describeIssue(tr, i)}
            busy={commitJob.isPending}
            onCommit={() => void commit()}
            onRejects={() => void rejects()}
            onCancel={() => void cancel()}
          />
        )}
        {view.step === 'done' && view.status.result && (
          <Result
            status="success"
            title={t('imports.doneTitle')}
            subTitle={t('imports.doneSummary', view.status.result)}
            extra={[
              <Button type="primary" key="loans" onClick={() => void navigate('/loans')}>
                {t('imports.viewLoans')}
              </Button>,
              <Button key="again" onClick={() => setStage({ step: 'choose' })}>
                {t('imports.importAnother')}
              </Button>,
            ]}
          />
        )}
      </div>
    </div>
  );
}

interface PreviewProps {
  status: ImportStatus;
  skipInvalid: boolean;
  setSkipInvalid(v: boolean): void;
  columnFilter: string;
  setColumnFilter(v: string): void;
  describe(i: { row: number; column: string; code: string; params?: Record<string, string | number> }): string;
  busy: boolean;
  onCommit(): void;
  onRejects(): void;
  onCancel(): void;
}

function Preview(p: PreviewProps) {
  const { t } = useTranslation();
  const s = p.status.summary!;
  const fileBlocked = s.fileErrors.length > 0;
  const rowsBlocked = s.rejectedRows > 0 && !p.skipInvalid;
  const nothing = s.validRows === 0;
  const issues = [...s.fileErrors, ...s.errors];
  const shown = p.columnFilter ? issues.filter((i) => i.column === p.columnFilter) : issues;
  const errorColumns = [...new Set(issues.map((i) => i.column).filter(Boolean))];
  const previewColumns = [
    { title: t('imports.rowHeader'), dataIndex: 'row', width: 56, fixed: 'left' as const },
    ...s.columns.map((c, idx) => ({
      title: c.written,
      key: String(idx),
      width: 130,
      ellipsis: true,
      render: (_: unknown, r: (typeof s.preview)[number]) => {
        const code = r.invalid[String(idx)];
        const text = r.cells[idx] ?? '';
        if (!code) return text;
        return (
          <Tooltip title={tIn(t, 'imports.errors', code)}>
            <span className="cbd-invalid-cell" data-invalid={code}>
              {text || '∅'}
            </span>
          </Tooltip>
        );
      },
    })),
  ];
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Alert
        type={fileBlocked || s.rejectedRows > 0 ? 'warning' : 'success'}
        showIcon
        title={
          fileBlocked
            ? t('imports.blockedFile')
            : t('imports.summary', {
                rows: s.rowsTotal,
                valid: s.validRows,
                new: s.counts.new,
                updated: s.counts.updated,
                unchanged: s.counts.unchanged,
                rejected: s.rejectedRows,
              })
        }
        description={
          <Typography.Text type="secondary">
            {s.fileName} ·{' '}
            {t('imports.fileInfo', {
              format: s.format ? t(`imports.formats.${s.format}`) : '—',
              encoding: s.encoding ?? '—',
              sha: s.sha256.slice(0, 16),
            })}
          </Typography.Text>
        }
      />
      {!fileBlocked && s.preview.length > 0 && (
        <section aria-label={t('imports.preview', { count: s.preview.length })}>
          <Typography.Text strong>{t('imports.preview', { count: s.preview.length })}</Typography.Text>
          <Table
            size="small"
            rowKey="row"
            columns={previewColumns}
            dataSource={s.preview}
            pagination={false}
            scroll={{ x: 56 + s.columns.length * 130, y: 220 }}
          />
        </section>
      )}
      {issues.length > 0 && (
        <section aria-label={t('imports.errorList', { count: s.errorCount + s.fileErrors.length })}>
          <Space style={{ marginBottom: 8 }} wrap>
            <Typography.Text strong>
              {t('imports.errorList', { count: s.errorCount + s.fileErrors.length })}
              {s.errorCount > s.errors.length
                ? `（${t('imports.errorListTruncated', { shown: s.errors.length })}）`
                : ''}
            </Typography.Text>
            {errorColumns.length > 1 && (
              <Select
                aria-label={t('imports.filterColumn')}
                style={{ minWidth: 200 }}
                value={p.columnFilter}
                onChange={p.setColumnFilter}
                options={[
                  { value: '', label: t('imports.allColumns') },
                  ...errorColumns.map((c) => ({ value: c, label: c })),
                ]}
              />
            )}
          </Space>
          <Table
            size="small"
            rowKey={(r) => `${r.row}-${r.column}-${r.code}`}
            dataSource={shown}
            pagination={shown.length > 8 ? { pageSize: 8, showSizeChanger: false } : false}
            columns={[
              {
                title: t('imports.messageHeader'),
                key: 'm',
                render: (_: unknown, r: (typeof issues)[number]) => p.describe(r),
              },
            ]}
          />
        </section>
      )}
      {!fileBlocked && s.rejectedRows > 0 && !nothing && (
        <Checkbox checked={p.skipInvalid} onChange={(e) => p.setSkipInvalid(e.target.checked)}>
          {t('imports.skipInvalid', { count: s.rejectedRows })}
        </Checkbox>
      )}
      {!fileBlocked && rowsBlocked && !nothing && (
        <Typography.Text type="warning">{t('imports.blockedRows')}</Typography.Text>
      )}
      {!fileBlocked && nothing && <Typography.Text type="warning">{t('imports.nothingToImport')}</Typography.Text>}
      <Space wrap>
        <Button type="primary" disabled={fileBlocked || rowsBlocked || nothing} loading={p.busy} onClick={p.onCommit}>
          {t('imports.confirm')}
        </Button>
        {s.rejectedRows > 0 && <Button onClick={p.onRejects}>{t('imports.downloadRejects')}</Button>}
        <Button onClick={p.onCancel}>{t('imports.chooseAnother')}</Button>
      </Space>
    </Space>
  );
}
