/** 设置 › 节假日日历: the years the calendar holds, the years open tasks miss, and the import of a later year. */
import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, App, Button, Card, Space, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { contract, type ChannelInput } from '../../../../shared/contract';
import { describeIssue } from '../../../../shared/import/messages';
import type { AppErrorShape } from '../../../../shared/result';
import { shownError, useChannel, useChannelMutation } from '../../app/query';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { invalidInput } from '../../ui/invalidInput';
import { tMessage } from '../../i18n/messages';

type CalendarFile = ChannelInput<'calendar.import'>;

export function CalendarCard({ admin }: { admin: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const calendar = useChannel('calendar.status', {});
  // A new year plans the tasks that fall in it, and clears the workbench's missing-year warning.
  const importFile = useChannelMutation('calendar.import', { invalidates: ['calendar', 'tasks', 'workbench'] });
  const [actionError, setError] = useState<AppErrorShape | null>(null);
  const [fileErrors, setFileErrors] = useState<{ row: number; column: string; code: string }[]>([]);
  // The chosen file is the form's value, checked by the contract's schema (name, size) before it is sent.
  const { setValue, handleSubmit } = useForm<CalendarFile>({
    resolver: zodResolver(contract['calendar.import'].input),
  });
  const status = calendar.data ?? null;
  const error = actionError ?? shownError(calendar.error);
  const send = handleSubmit(
    async (input) => {
      try {
        const r = await importFile.mutateAsync(input);
        if (r.errors.length > 0) setFileErrors(r.errors);
        else message.success(t('calendar.imported', { years: r.years.join('、'), days: r.days }));
      } catch (e) {
        setError(shownError(e));
      }
    },
    (errors) => setError(invalidInput(errors)),
  );
  const upload = async (file: File) => {
    setFileErrors([]);
    setError(null);
    try {
      const buf = new Uint8Array(await file.arrayBuffer());
      let bin = '';
      for (let i = 0; i < buf.length; i += 0x8000) bin += String.fromCharCode(...buf.subarray(i, i + 0x8000));
      setValue('fileName', file.name);
      setValue('content', btoa(bin));
    } catch {
      return setError({ code: 'internal', message: 'errors.internal' });
    }
    await send();
  };
  const years = status?.years ?? [];
  return (
    <Card title={t('calendar.title')}>
      <ErrorAlert error={error} />
      {status && (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Typography.Text>
            {t('calendar.years', {
              from: years[0] ?? '—',
              to: years[years.length - 1] ?? '—',
              count: years.length,
            })}
          </Typography.Text>
          {status.missing.length > 0 ? (
            <Alert type="warning" showIcon title={t('calendar.missing', { years: status.missing.join('、') })} />
          ) : (
            <Alert type="success" showIcon title={t('calendar.ok')} />
          )}
          {admin && (
            <>
              <Typography.Text type="secondary">{t('calendar.format')}</Typography.Text>
              <Upload
                accept=".csv,.json,text/csv,application/json"
                showUploadList={false}
                beforeUpload={(f) => {
                  void upload(f);
                  return false;
                }}
              >
                <Button>{t('calendar.import')}</Button>
              </Upload>
            </>
          )}
          {fileErrors.length > 0 && (
            <Alert
              type="error"
              role="alert"
              showIcon
              title={t('calendar.errors')}
              description={
                <ul style={{ margin: 0, paddingLeft: 20 }}>
                  {fileErrors.slice(0, 20).map((e) => (
                    <li key={`${e.row}-${e.column}-${e.code}`}>{describeIssue((k, p) => tMessage(t, k, p), e)}</li>
                  ))}
                </ul>
              }
            />
          )}
        </Space>
      )}
    </Card>
  );
}
