/**
 * 设置 → 备份与恢复 (administrators): the backups in the app's folder, 立即备份, and a restore that
 * first shows what the chosen backup holds (after the same checks a restore makes), then asks for
 * the administrator's password. After a restore everyone is signed out and the login page shows.
 */
import { Alert, App, Button, Card, Input, Modal, Space, Spin, Table, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BackupDescriptionView, BackupEntryView } from '../../../shared/contract/backup';
import type { AppErrorShape } from '../../../shared/result';
import { call, errorOf } from '../api';
import { ErrorAlert } from '../components/ErrorAlert';
import { useFormats } from '../format';
import { reportAuthProblem, useSession } from '../session/SessionContext';

export function BackupCard() {
  const { t } = useTranslation();
  const f = useFormats();
  const { message } = App.useApp();
  const [view, setView] = useState<{ dir: string; keep: number; backups: BackupEntryView[] } | null>(null);
  const [error, setError] = useState<AppErrorShape | null>(null);
  const [making, setMaking] = useState(false);
  const [chosen, setChosen] = useState<BackupEntryView | null>(null);
  const load = useCallback(() => {
    call('backup.list', {}).then(setView, (e: unknown) => {
      reportAuthProblem(e);
      setError(errorOf(e));
    });
  }, []);
  useEffect(load, [load]);
  const backupNow = async () => {
    setMaking(true);
    setError(null);
    try {
      const b = await call('backup.create', {});
      message.success(t('settings.backupMade', { name: b.name }));
      load();
    } catch (e) {
      reportAuthProblem(e);
      setError(errorOf(e));
    } finally {
      setMaking(false);
    }
  };
  return (
    <Card
      title={t('settings.backupTitle')}
      extra={
        <Button type="primary" loading={making} onClick={() => void backupNow()}>
          {t('settings.backupNow')}
        </Button>
      }
    >
      <Space orientation="vertical" style={{ width: '100%' }}>
        <ErrorAlert error={error} />
        {view && (
          <>
            <Typography.Text type="secondary" style={{ wordBreak: 'break-all' }}>
              {t('settings.backupIntro', { keep: view.keep, dir: view.dir })}
            </Typography.Text>
            <Typography.Text type="secondary">{t('settings.backupKeysNote')}</Typography.Text>
            <Table<BackupEntryView>
              size="small"
              rowKey="name"
              pagination={{ pageSize: 7, hideOnSinglePage: true }}
              dataSource={view.backups}
              locale={{ emptyText: t('settings.backupEmpty') }}
              columns={[
                { title: t('settings.backupAt'), dataIndex: 'at', render: (v: string) => f.dateTime(v), width: 180 },
                {
                  title: t('settings.backupKind'),
                  dataIndex: 'kind',
                  width: 110,
                  render: (k: BackupEntryView['kind']) => (
                    <Tag color={k === 'daily' ? 'blue' : 'green'}>
                      {t(k === 'daily' ? 'settings.kindDaily' : 'settings.kindManual')}
                    </Tag>
                  ),
                },
                { title: t('settings.backupName'), dataIndex: 'name', ellipsis: true },
                { title: t('settings.backupSize'), dataIndex: 'bytes', width: 110, render: (b: number) => f.size(b) },
                {
                  title: '',
                  key: 'restore',
                  width: 100,
                  render: (_: unknown, b: BackupEntryView) => (
                    <Button
                      size="small"
                      danger
                      onClick={() => setChosen(b)}
                      aria-label={t('settings.restoreTitle', { name: b.name })}
                    >
                      {t('settings.restoreAction')}
                    </Button>
                  ),
                },
              ]}
            />
          </>
        )}
      </Space>
      {chosen && <RestoreModal backup={chosen} onClose={() => setChosen(null)} onGone={load} />}
    </Card>
  );
}

function RestoreModal({ backup, onClose, onGone }: { backup: BackupEntryView; onClose(): void; onGone(): void }) {
  const { t } = useTranslation();
  const f = useFormats();
  const { modal } = App.useApp();
  const { refresh } = useSession();
  const [about, setAbout] = useState<BackupDescriptionView | null>(null);
  const [checkError, setCheckError] = useState<AppErrorShape | null>(null);
  const [error, setError] = useState<AppErrorShape | null>(null);
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    call('backup.describe', { name: backup.name }).then(setAbout, (e: unknown) => {
      reportAuthProblem(e);
      const err = errorOf(e);
      setCheckError(err);
      if (err.message === 'errors.backupMissing') onGone();
    });
  }, [backup.name, onGone]);
  const restore = async () => {
    setBusy(true);
    setError(null);
    try {
      const r = await call('backup.restore', { name: backup.name, password });
      void modal.success({ title: t('settings.restored', { name: r.restored, kept: r.keptAs ?? '—' }) });
      onClose();
      await refresh(); // signed out: the login page shows
    } catch (e) {
      const err = errorOf(e);
      setError(err);
      setPassword('');
      if (err.code === 'locked' || err.message === 'errors.notSignedIn') reportAuthProblem(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      title={t('settings.restoreTitle', { name: backup.name })}
      onCancel={busy ? undefined : onClose}
      maskClosable={false}
      okText={t('settings.restoreConfirm')}
      cancelText={t('settings.restoreCancel')}
      okButtonProps={{ danger: true, disabled: !about || password === '', loading: busy }}
      cancelButtonProps={{ disabled: busy }}
      onOk={() => void restore()}
      width={560}
    >
      <Space orientation="vertical" style={{ width: '100%' }}>
        {!about && !checkError && (
          <Space>
            <Spin size="small" />
            <Typography.Text>{t('settings.restoreChecking')}</Typography.Text>
          </Space>
        )}
        <ErrorAlert error={checkError} />
        {about && (
          <>
            <Alert
              type="success"
              showIcon
              title={t('settings.restoreSummary', {
                loans: about.loans,
                records: about.records,
                audit: about.auditEntries,
                last: f.dateTime(about.lastActivityAt),
              })}
            />
            <Alert type="warning" showIcon title={t('settings.restoreWarning')} />
            <label htmlFor="restore-password">{t('settings.restorePassword')}</label>
            <Input.Password
              id="restore-password"
              autoComplete="current-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              onPressEnter={() => {
                if (password !== '' && !busy) void restore();
              }}
              autoFocus
            />
          </>
        )}
        <ErrorAlert error={error} />
      </Space>
    </Modal>
  );
}
