/**
 * 同步 (managers and administrators): what is pending for head office, export of signed bundles
 * to a folder, upload to head office's server, receipts for bundles delivered by file, the bundle
 * history and the server settings. Export and upload run in the background one at a time; the
 * page polls `sync.status` while one runs, shows its progress and can cancel it between bundles.
 */
import { CloudUploadOutlined, DownloadOutlined, ExportOutlined, FileDoneOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Input, Progress, Space, Spin, Tooltip, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { tMessage } from '../../i18n/messages';
import type { AppErrorShape } from '../../../../shared/result';
import type { SyncJobView, SyncRunView } from '../../../../shared/contract';
import { errorOf } from '../../app/api';
import { shownError, useChannel, useChannelMutation } from '../../app/query';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { downloadBase64 } from '../../ui/download';
import { useFormats, type Formats } from '../../ui/format';
import { useSession } from '../../app/session/SessionContext';
import { BundlesTable } from './BundlesTable';
import { TargetCard } from './TargetCard';
import './sync.css';

const POLL_MS = 500;

/** A message as an i18n key with parameters, translated when shown (so it follows the language switch). */
type Notice = { type: 'success' | 'info' | 'warning' | 'error'; key: string; params?: Record<string, string | number> };

/** What a finished job means for the user; null while it runs. */
function jobNotice(job: SyncJobView, exportDir: string): Notice | null {
  if (job.phase === 'running') return null;
  if (job.phase === 'cancelled') return { type: 'info', key: 'sync.cancelled' };
  if (job.phase === 'failed') {
    const e: AppErrorShape = job.error ?? { code: 'internal', message: 'errors.internal' };
    return { type: 'error', key: e.message, ...(e.params ? { params: e.params } : {}) };
  }
  const count = job.bundles.length;
  if (job.kind === 'export')
    return job.outcome === 'nothing'
      ? { type: 'info', key: 'sync.exportNothing' }
      : { type: 'success', key: 'sync.exportDone', params: { count, dir: exportDir } };
  return job.outcome === 'nothing'
    ? { type: 'info', key: 'sync.uploadNothing' }
    : { type: 'success', key: 'sync.uploadDone', params: { count } };
}

function runText(run: SyncRunView | null, t: TFunction, f: Formats): string {
  if (!run) return t('sync.never');
  return t('sync.runSummary', {
    at: f.dateTime(run.finishedAt ?? run.startedAt),
    outcome: t(run.outcome ? `sync.outcomes.${run.outcome}` : 'sync.runRunning'),
    bundles: run.bundles,
  });
}

export function SyncPage() {
  const { t } = useTranslation();
  const f = useFormats();
  const { session } = useSession();
  const admin = session!.user!.role === 'admin';
  // While a job runs: ask again every half second (a failed read is asked again too); stop once it has finished.
  const status = useChannel(
    'sync.status',
    {},
    { refetchInterval: (v) => (v?.job?.phase === 'running' ? POLL_MS : false) },
  );
  const view = status.data ?? null;
  const running = view?.job?.phase === 'running';
  // A failed poll is only asked again (as before: the next answer clears it); a failed load shows.
  const loadError = running ? null : shownError(status.error);
  const exportJob = useChannelMutation('sync.export', { invalidates: ['sync'] });
  const pushJob = useChannelMutation('sync.push', { invalidates: ['sync'] });
  const cancelJob = useChannelMutation('sync.cancel');
  const ack = useChannelMutation('sync.ack', { invalidates: ['sync'] });
  const publicKey = useChannelMutation('sync.publicKey');
  const [actionError, setActionError] = useState<AppErrorShape | null>(null);
  /** The folder typed here; until then, the one last exported to. */
  const [typedDir, setDir] = useState<string | null>(null);
  const dir = typedDir ?? view?.exportDir ?? null;
  /** The job whose result this page shows: one it started, or one it found running. */
  const [watched, setWatched] = useState<string | null>(null);
  const runningId = running ? view!.job!.jobId : null;
  if (runningId !== null && runningId !== watched) setWatched(runningId);
  const [receipt, setReceipt] = useState<Notice | null>(null);
  /** The job a cancel was asked for (its button waits until the job stops between bundles). */
  const [cancelling, setCancelling] = useState<string | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  const start = async (kind: 'export' | 'push') => {
    setActionError(null);
    setReceipt(null);
    setWatched(null);
    try {
      const { jobId } =
        kind === 'export' ? await exportJob.mutateAsync({ dir: dir ?? '' }) : await pushJob.mutateAsync({});
      setWatched(jobId);
    } catch (e) {
      setActionError(shownError(e));
    }
  };

  const cancel = async () => {
    if (!view?.job) return;
    const { jobId } = view.job;
    setCancelling(jobId);
    try {
      await cancelJob.mutateAsync({ jobId });
    } catch (e) {
      setActionError(shownError(e));
      setCancelling(null);
    }
  };

  const downloadKey = async () => {
    setActionError(null);
    try {
      const file = await publicKey.mutateAsync({});
      downloadBase64(file.fileName, file.base64, 'application/x-pem-file');
    } catch (e) {
      setActionError(shownError(e));
    }
  };

  const importReceipt = async (file: File) => {
    setActionError(null);
    setReceipt(null);
    try {
      const r = await ack.mutateAsync({ receipt: await file.text() });
      setReceipt({
        type: r.already ? 'info' : 'success',
        key: r.already ? 'sync.receiptAlready' : 'sync.receiptDone',
        params: { bundleId: r.bundleId },
      });
    } catch (e) {
      if (!shownError(e)) return; // the lock or login screen takes over
      const er = errorOf(e);
      setReceipt({ type: 'error', key: er.message, ...(er.params ? { params: er.params } : {}) });
    }
  };

  if (!view) {
    return (
      <section aria-label={t('sync.title')} className="cbd-sync">
        <Typography.Title level={4}>{t('sync.title')}</Typography.Title>
        {loadError ? (
          <Space orientation="vertical">
            <ErrorAlert error={loadError} />
            <Button onClick={() => void status.refetch()}>{t('common.retry')}</Button>
          </Space>
        ) : (
          <Spin aria-label={t('common.loading')} />
        )}
      </section>
    );
  }

  const job = view.job;
  const notice = job && job.jobId === watched ? jobNotice(job, view.exportDir) : null;
  const busy = running || exportJob.isPending || pushJob.isPending;
  const canUpload = view.target.url !== '' && view.target.tokenSet;

  return (
    <section aria-label={t('sync.title')} className="cbd-sync">
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        {t('sync.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('sync.intro')}</Typography.Paragraph>
      <ErrorAlert error={loadError} />
      <div className="cbd-sync-grid">
        <Card size="small" title={t('sync.summaryTitle')}>
          <Descriptions
            size="small"
            column={1}
            items={[
              {
                key: 'pending',
                label: t('sync.pending'),
                children: (
                  <Typography.Text strong data-testid="sync-pending">
                    {view.pending}
                  </Typography.Text>
                ),
              },
              { key: 'lastExport', label: t('sync.lastExport'), children: runText(view.lastExport, t, f) },
              { key: 'lastUpload', label: t('sync.lastUpload'), children: runText(view.lastUpload, t, f) },
              {
                key: 'keyId',
                label: t('sync.keyId'),
                children: (
                  <Space wrap size={8}>
                    {view.keyId ? (
                      <Tooltip title={<span className="cbd-sync-key">{view.keyId}</span>}>
                        <Typography.Text code className="cbd-sync-key">
                          {view.keyId.slice(0, 16)}…
                        </Typography.Text>
                      </Tooltip>
                    ) : (
                      '—'
                    )}
                    <Button size="small" icon={<DownloadOutlined />} onClick={() => void downloadKey()}>
                      {t('sync.downloadKey')}
                    </Button>
                  </Space>
                ),
              },
            ]}
          />
        </Card>
        <Card size="small" title={t('sync.actionsTitle')}>
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            <div>
              <label htmlFor="sync-export-dir" className="cbd-sync-label">
                {t('sync.exportDir')}
              </label>
              <div className="cbd-sync-export">
                <Input
                  id="sync-export-dir"
                  value={dir ?? ''}
                  placeholder={t('sync.exportDirPlaceholder')}
                  spellCheck={false}
                  autoComplete="off"
                  onChange={(e) => setDir(e.target.value)}
                  onPressEnter={() => !busy && dir?.trim() && void start('export')}
                />
                <Button icon={<ExportOutlined />} disabled={busy || !dir?.trim()} onClick={() => void start('export')}>
                  {t('sync.exportButton')}
                </Button>
              </div>
            </div>
            <Space wrap>
              <Button
                type="primary"
                icon={<CloudUploadOutlined />}
                disabled={busy || !canUpload}
                onClick={() => void start('push')}
              >
                {t('sync.uploadButton')}
              </Button>
              <Button icon={<FileDoneOutlined />} disabled={busy} onClick={() => fileInput.current?.click()}>
                {t('sync.receipt')}
              </Button>
              <input
                ref={fileInput}
                type="file"
                accept=".json,application/json"
                aria-label={t('sync.receipt')}
                hidden
                onChange={(e) => {
                  const file = e.target.files?.[0];
                  e.target.value = '';
                  if (file) void importReceipt(file);
                }}
              />
            </Space>
            {!canUpload && (
              <Typography.Text type="secondary">
                {view.target.url === '' ? t('sync.noTarget') : t('sync.noToken')}
              </Typography.Text>
            )}
          </Space>
        </Card>
      </div>
      {job && job.phase === 'running' && (
        <JobProgress job={job} cancelling={cancelling === job.jobId} onCancel={() => void cancel()} />
      )}
      <ErrorAlert error={actionError} />
      {notice && <NoticeAlert notice={notice} onClose={() => setWatched(null)} />}
      {receipt && <NoticeAlert notice={receipt} onClose={() => setReceipt(null)} />}
      <Card size="small" title={t('sync.bundles')} className="cbd-sync-section">
        <BundlesTable bundles={view.bundles} />
      </Card>
      <div className="cbd-sync-section">
        <TargetCard target={view.target} admin={admin} />
      </div>
    </section>
  );
}

function JobProgress({ job, cancelling, onCancel }: { job: SyncJobView; cancelling: boolean; onCancel(): void }) {
  const { t } = useTranslation();
  const text = t(job.kind === 'export' ? 'sync.progressExport' : 'sync.progressUpload', {
    done: job.done,
    total: job.total,
  });
  return (
    <Card size="small" className="cbd-sync-section" aria-live="polite">
      <Typography.Text>{text}</Typography.Text>
      <div className="cbd-sync-progress">
        <Progress
          aria-label={text}
          percent={job.total ? Math.floor((job.done / job.total) * 100) : 0}
          status="active"
        />
        <Button loading={cancelling} onClick={onCancel}>
          {t('sync.cancel')}
        </Button>
      </div>
      {job.retry && (
        <Typography.Text type="warning">
          {t('sync.retrying', { attempt: job.retry.attempt, of: job.retry.of })}
        </Typography.Text>
      )}
    </Card>
  );
}

function NoticeAlert({ notice, onClose }: { notice: Notice; onClose(): void }) {
  const { t } = useTranslation();
  return (
    <Alert
      className="cbd-sync-notice"
      type={notice.type}
      role={notice.type === 'error' ? 'alert' : 'status'}
      showIcon
      title={tMessage(t, notice.key, notice.params)}
      closable={{ 'aria-label': t('sync.dismiss') }}
      onClose={onClose}
    />
  );
}
