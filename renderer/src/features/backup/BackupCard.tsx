/**
 * 设置 → 备份与恢复 (administrators): the backups in the app's folder, 立即备份, and a restore that
 * first shows what the chosen backup holds (after the same checks a restore makes), then asks for
 * the administrator's password. After a restore everyone is signed out and the login page shows.
 */
import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, App, Button, Card, Input, Modal, Space, Spin, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Controller, useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { restoreInputSchema, type BackupEntryView } from '../../../../shared/contract';
import type { AppErrorShape } from '../../../../shared/result';
import { errorOf } from '../../app/api';
import { shownError, useChannel, useChannelMutation, useInvalidate } from '../../app/query';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { useFormats } from '../../ui/format';
import { useSession } from '../../app/session/SessionContext';

export function BackupCard() {
  const { t } = useTranslation();
  const f = useFormats();
  const { message } = App.useApp();
  const list = useChannel('backup.list', {});
  const create = useChannelMutation('backup.create', { invalidates: ['backup.list'] });
  const [actionError, setError] = useState<AppErrorShape | null>(null);
  const [chosen, setChosen] = useState<BackupEntryView | null>(null);
  const view = list.data ?? null;
  const error = actionError ?? shownError(list.error);
  const backupNow = async () => {
    setError(null);
    try {
      const b = await create.mutateAsync({});
      message.success(t('backup.made', { name: b.name }));
    } catch (e) {
      setError(shownError(e));
    }
  };
  return (
    <Card
      title={t('backup.title')}
      extra={
        <Button type="primary" loading={create.isPending} onClick={() => void backupNow()}>
          {t('backup.now')}
        </Button>
      }
    >
      <Space orientation="vertical" style={{ width: '100%' }}>
        <ErrorAlert error={error} />
        {view && (
          <>
            <Typography.Text type="secondary" style={{ wordBreak: 'break-all' }}>
              {t('backup.intro', { keep: view.keep, dir: view.dir })}
            </Typography.Text>
            <Typography.Text type="secondary">{t('backup.keysNote')}</Typography.Text>
            <Table<BackupEntryView>
              size="small"
              rowKey="name"
              pagination={{ pageSize: 7, hideOnSinglePage: true }}
              dataSource={view.backups}
              locale={{ emptyText: t('backup.empty') }}
              columns={[
                { title: t('backup.at'), dataIndex: 'at', render: (v: string) => f.dateTime(v), width: 180 },
                {
                  title: t('backup.kind'),
                  dataIndex: 'kind',
                  width: 110,
                  render: (k: BackupEntryView['kind']) => (
                    <Tag color={k === 'daily' ? 'blue' : 'green'}>
                      {t(k === 'daily' ? 'backup.kindDaily' : 'backup.kindManual')}
                    </Tag>
                  ),
                },
                { title: t('backup.name'), dataIndex: 'name', ellipsis: true },
                { title: t('backup.size'), dataIndex: 'bytes', width: 110, render: (b: number) => f.size(b) },
                {
                  title: '',
                  key: 'restore',
                  width: 100,
                  render: (_: unknown, b: BackupEntryView) => (
                    <Button
                      size="small"
                      danger
                      onClick={() => setChosen(b)}
                      aria-label={t('backup.restore.title', { name: b.name })}
                    >
                      {t('backup.restore.action')}
                    </Button>
                  ),
                },
              ]}
            />
          </>
        )}
      </Space>
      {chosen && <RestoreModal backup={chosen} onClose={() => setChosen(null)} />}
    </Card>
  );
}

/** The password asked again before a restore, checked by the contract's restore schema. */
const passwordSchema = restoreInputSchema.pick({ password: true });
type PasswordForm = { password: string };

function RestoreModal({ backup, onClose }: { backup: BackupEntryView; onClose(): void }) {
  const { t } = useTranslation();
  const f = useFormats();
  const { modal } = App.useApp();
  const { refresh } = useSession();
  const invalidate = useInvalidate();
  const describe = useChannel('backup.describe', { name: backup.name });
  // What this backup holds now, checked on opening: never an earlier cached answer.
  const about = describe.isFetchedAfterMount && !describe.isError ? (describe.data ?? null) : null;
  const checkError = shownError(describe.error);
  const gone = checkError?.message === 'errors.backupMissing';
  // A backup that has gone meanwhile leaves the list too.
  useEffect(() => {
    if (gone) void invalidate(['backup.list']);
  }, [gone, invalidate]);
  const restoreBackup = useChannelMutation('backup.restore');
  const [error, setError] = useState<AppErrorShape | null>(null);
  const { control, handleSubmit, setValue } = useForm<PasswordForm>({
    resolver: zodResolver(passwordSchema),
    defaultValues: { password: '' },
  });
  const password = useWatch({ control, name: 'password' });
  const busy = restoreBackup.isPending;
  const restore = handleSubmit(async (input) => {
    setError(null);
    try {
      const r = await restoreBackup.mutateAsync({ name: backup.name, password: input.password });
      void modal.success({ title: t('backup.restore.done', { name: r.restored, kept: r.keptAs ?? '—' }) });
      onClose();
      await refresh(); // signed out: the login page shows
    } catch (e) {
      const err = errorOf(e);
      // A wrong password answers `unauthenticated` too and is shown here; a lost session or a
      // lockout is not: the login or lock screen takes over.
      setError(err.code === 'locked' || err.message === 'errors.notSignedIn' ? null : err);
      setValue('password', '');
    }
  });
  return (
    <Modal
      open
      title={t('backup.restore.title', { name: backup.name })}
      onCancel={busy ? undefined : onClose}
      maskClosable={false}
      okText={t('backup.restore.confirm')}
      cancelText={t('backup.restore.cancel')}
      okButtonProps={{ danger: true, disabled: !about || password === '', loading: busy }}
      cancelButtonProps={{ disabled: busy }}
      onOk={() => void restore()}
      width={560}
    >
      <Space orientation="vertical" style={{ width: '100%' }}>
        {!about && !checkError && (
          <Space>
            <Spin size="small" />
            <Typography.Text>{t('backup.restore.checking')}</Typography.Text>
          </Space>
        )}
        <ErrorAlert error={checkError} />
        {about && (
          <>
            <Alert
              type="success"
              showIcon
              title={t('backup.restore.summary', {
                loans: about.loans,
                records: about.records,
                audit: about.auditEntries,
                last: f.dateTime(about.lastActivityAt),
              })}
            />
            <Alert type="warning" showIcon title={t('backup.restore.warning')} />
            <label htmlFor="restore-password">{t('backup.restore.password')}</label>
            <Controller
              name="password"
              control={control}
              render={({ field }) => (
                <Input.Password
                  {...field}
                  id="restore-password"
                  autoComplete="current-password"
                  onPressEnter={() => {
                    if (password !== '' && !busy) void restore();
                  }}
                  autoFocus
                />
              )}
            />
          </>
        )}
        <ErrorAlert error={error} />
      </Space>
    </Modal>
  );
}
