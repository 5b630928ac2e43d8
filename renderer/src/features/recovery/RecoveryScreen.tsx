/**
 * The recovery screen: shown instead of the login page when the database could not be opened
 * (the main side is in recovery mode). It says which file failed and why, lists the backups that
 * pass every check (newest first) and restores the chosen one after a confirmation; nobody can
 * sign in to a damaged file, so this screen needs no sign-in.
 */
import { Alert, App, Button, Descriptions, List, Result, Space, Spin, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BackupEntryView } from '../../../../shared/contract';
import type { AppErrorShape } from '../../../../shared/result';
import { errorOf } from '../../app/api';
import { useChannel, useChannelMutation } from '../../app/query';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { LanguageSwitch } from '../../ui/LanguageSwitch';
import { useFormats } from '../../ui/format';
import { tError } from '../../i18n/messages';

export function RecoveryScreen({ onRestored }: { onRestored(): Promise<unknown> }) {
  const { t } = useTranslation();
  const f = useFormats();
  const { modal } = App.useApp();
  const read = useChannel('recovery.status', {});
  const status = read.data ?? null;
  const readError = read.error ? errorOf(read.error) : null;
  // The database opened after all (another restore, a fixed file): go on to the login page.
  const opened = readError?.message === 'errors.notInRecovery';
  useEffect(() => {
    if (opened) void onRestored();
  }, [opened, onRestored]);
  const restoreBackup = useChannelMutation('recovery.restore');
  // A failed restore, shown until the next check.
  const [restoreError, setRestoreError] = useState<AppErrorShape | null>(null);
  const error = restoreError ?? (opened ? null : readError);
  const [busy, setBusy] = useState<string | null>(null);

  const restore = (b: BackupEntryView) => {
    modal.confirm({
      title: t('recovery.confirmTitle', { name: b.name }),
      content: t('recovery.confirmBody', { at: f.dateTime(b.at) }),
      okText: t('recovery.confirm'),
      cancelText: t('recovery.cancel'),
      okButtonProps: { danger: true },
      onOk: async () => {
        setBusy(b.name);
        setRestoreError(null);
        try {
          const r = await restoreBackup.mutateAsync({ name: b.name });
          // The confirmation closes at once; the login page comes up behind the success message.
          void onRestored();
          void modal.success({ title: t('recovery.restored', { name: r.restored, kept: r.keptAs ?? '—' }) });
        } catch (e) {
          setRestoreError(errorOf(e));
        } finally {
          setBusy(null);
        }
      },
    });
  };

  return (
    <div className="cbd-center" style={{ overflow: 'auto', padding: 24 }}>
      <main aria-label={t('recovery.title')} style={{ width: 'min(760px, 100%)' }}>
        <div style={{ display: 'flex', justifyContent: 'flex-end' }}>
          <LanguageSwitch />
        </div>
        <Result
          status="error"
          title={t('recovery.title')}
          subTitle={t('recovery.subtitle')}
          style={{ paddingBlock: 16 }}
        />
        {!status && !error && <Spin aria-label={t('common.loading')} />}
        <ErrorAlert error={error} />
        {status && (
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            <Descriptions bordered size="small" column={1}>
              <Descriptions.Item label={t('recovery.file')}>
                <Typography.Text style={{ wordBreak: 'break-all' }}>{status.file}</Typography.Text>
              </Descriptions.Item>
              <Descriptions.Item label={t('recovery.reason')}>{tError(t, status.error)}</Descriptions.Item>
            </Descriptions>
            {!status.restorable ? (
              <Alert type="warning" showIcon title={t('recovery.notRestorable')} />
            ) : status.backups.length === 0 ? (
              <Alert type="warning" showIcon title={t('recovery.noBackups')} />
            ) : (
              <>
                <Typography.Title level={5} style={{ margin: 0 }}>
                  {t('recovery.backupsTitle')}
                </Typography.Title>
                <Typography.Text type="secondary">{t('recovery.backupHint')}</Typography.Text>
                <List
                  bordered
                  dataSource={status.backups}
                  renderItem={(b, i) => (
                    <List.Item
                      actions={[
                        <Button
                          key="restore"
                          type={i === 0 ? 'primary' : 'default'}
                          danger
                          loading={busy === b.name}
                          disabled={busy !== null}
                          onClick={() => restore(b)}
                          aria-label={`${t('recovery.restore')} ${b.name}`}
                        >
                          {t('recovery.restore')}
                        </Button>,
                      ]}
                    >
                      <List.Item.Meta
                        title={f.dateTime(b.at)}
                        description={`${b.name} · ${t(b.kind === 'daily' ? 'backup.kindDaily' : 'backup.kindManual')} · ${f.size(b.bytes)}`}
                      />
                    </List.Item>
                  )}
                />
              </>
            )}
            <Button
              onClick={() => {
                setRestoreError(null);
                void read.refetch();
              }}
            >
              {t('recovery.recheck')}
            </Button>
          </Space>
        )}
      </main>
    </div>
  );
}
