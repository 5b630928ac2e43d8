/**
 * 设置: callback rules (react-hook-form + the shared zod schema; administrators edit, managers
 * read), call rules (CallRulesCard), the holiday calendar (years present, years missing, import of a later
 * year) and, for administrators, backup and restore (BackupCard).
 */
import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, App, Button, Card, Checkbox, Form, Input, InputNumber, Space, Typography, Upload } from 'antd';
import { useState } from 'react';
import { Controller, useForm, type Path } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { contract, type ChannelInput } from '../../../../shared/contract';
import { parseOffsets, taskRulesSchema, type TaskRules } from '../../../../shared/domain/taskRules';
import { describeIssue } from '../../../../shared/import/messages';
import type { AppErrorShape } from '../../../../shared/result';
import { roleAllows } from '../../../../shared/roles';
import { shownError, useChannel, useChannelMutation } from '../../app/query';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { invalidInput } from '../../ui/invalidInput';
import { BackupCard } from '../backup/BackupCard';
import { CallRulesCard } from './CallRulesCard';
import { StoredValue } from './StoredValue';
import { settingsError } from './settingsForm';
import { useSession } from '../../app/session/SessionContext';
import { tMessage, type MessageKey } from '../../i18n/messages';

export function SettingsPage() {
  const { t } = useTranslation();
  const { session } = useSession();
  const role = session!.user!.role;
  return (
    <section aria-label={t('settings.title')} style={{ height: '100%', overflow: 'auto' }}>
      <Typography.Title level={4}>{t('settings.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">
        {t('settings.idle', { minutes: session!.idleLockMinutes })}
      </Typography.Paragraph>
      {roleAllows('manager', role) && (
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <CalendarCard admin={role === 'admin'} />
          <RulesCard admin={role === 'admin'} />
          <CallRulesCard admin={role === 'admin'} />
          {role === 'admin' && <BackupCard />}
        </Space>
      )}
    </section>
  );
}

type CalendarFile = ChannelInput<'calendar.import'>;

function CalendarCard({ admin }: { admin: boolean }) {
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
        else message.success(t('settings.calendarImported', { years: r.years.join('、'), days: r.days }));
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
    <Card title={t('settings.calendarTitle')}>
      <ErrorAlert error={error} />
      {status && (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Typography.Text>
            {t('settings.calendarYears', {
              from: years[0] ?? '—',
              to: years[years.length - 1] ?? '—',
              count: years.length,
            })}
          </Typography.Text>
          {status.missing.length > 0 ? (
            <Alert
              type="warning"
              showIcon
              title={t('settings.calendarMissing', { years: status.missing.join('、') })}
            />
          ) : (
            <Alert type="success" showIcon title={t('settings.calendarOk')} />
          )}
          {admin && (
            <>
              <Typography.Text type="secondary">{t('settings.calendarFormat')}</Typography.Text>
              <Upload
                accept=".csv,.json,text/csv,application/json"
                showUploadList={false}
                beforeUpload={(f) => {
                  void upload(f);
                  return false;
                }}
              >
                <Button>{t('settings.calendarImport')}</Button>
              </Upload>
            </>
          )}
          {fileErrors.length > 0 && (
            <Alert
              type="error"
              role="alert"
              showIcon
              title={t('settings.calendarErrors')}
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

const NUMBER_FIELDS = [
  ['horizonDays', 'settings.horizonDays'],
  ['backfillDays', 'settings.backfillDays'],
  ['postApproval.startWorkingDay', 'settings.startWorkingDay'],
  ['postApproval.dueWorkingDay', 'settings.dueWorkingDay'],
  ['postDisbursement.windowDays', 'settings.windowDays'],
  ['repaymentReminder.daysBefore', 'settings.daysBefore'],
  ['collateralRevaluation.everyMonths', 'settings.everyMonths'],
  ['collateralRevaluation.windowDays', 'settings.windowDays'],
] as const satisfies readonly (readonly [Path<TaskRules>, MessageKey])[];
const GROUPS = {
  horizonDays: ['', 'horizonDays'],
  postApproval: ['settings.postApproval', 'postApproval.enabled'],
  postDisbursement: ['settings.postDisbursement', 'postDisbursement.enabled'],
  repaymentReminder: ['settings.repaymentReminder', 'repaymentReminder.enabled'],
  collateralRevaluation: ['settings.collateralRevaluation', 'collateralRevaluation.enabled'],
} as const satisfies Record<string, readonly [MessageKey | '', Path<TaskRules>]>;

/** Tasks planned from the rules change when they do (the save regenerates them). */
const RULES_CHANGED = ['settings', 'tasks', 'workbench'];

function RulesCard({ admin }: { admin: boolean }) {
  const { t } = useTranslation();
  return (
    <StoredValue channel="settings.taskRules" title={t('settings.rulesTitle')}>
      {(stored) => <RulesForm admin={admin} stored={stored} />}
    </StoredValue>
  );
}

function RulesForm({ admin, stored }: { admin: boolean; stored: TaskRules }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [error, setError] = useState<AppErrorShape | null>(null);
  const setRules = useChannelMutation('settings.setTaskRules', { invalidates: RULES_CHANGED });
  const { control, handleSubmit, formState } = useForm<TaskRules>({
    resolver: zodResolver(taskRulesSchema),
    defaultValues: stored,
  });
  const save = handleSubmit(async (rules) => {
    setError(null);
    try {
      const r = await setRules.mutateAsync({ rules });
      message.success(t('settings.saved', r));
    } catch (e) {
      setError(shownError(e));
    }
  });
  const fieldError = (name: string) => settingsError(formState.errors, name, t);
  const groupOf = (name: string) => name.split('.')[0]!;
  return (
    <Card
      title={t('settings.rulesTitle')}
      extra={!admin && <Typography.Text type="secondary">{t('settings.readOnly')}</Typography.Text>}
    >
      <ErrorAlert error={error} />
      <Typography.Paragraph type="secondary">{t('settings.rulesHint')}</Typography.Paragraph>
      <Form layout="vertical" component="div" disabled={!admin}>
        <form onSubmit={(e) => void save(e)} aria-label={t('settings.rulesTitle')}>
          {Object.entries(GROUPS).map(([group, [title, enabled]]) => (
            <fieldset key={group} style={{ border: 0, padding: 0, margin: '0 0 12px' }}>
              {title && (
                <Space>
                  <Typography.Text strong>{t(title)}</Typography.Text>
                  <Controller
                    name={enabled}
                    control={control}
                    render={({ field }) => (
                      <Checkbox
                        checked={Boolean(field.value)}
                        onChange={(e) => field.onChange(e.target.checked)}
                        disabled={!admin}
                      >
                        {t('settings.enabled')}
                      </Checkbox>
                    )}
                  />
                </Space>
              )}
              <Space wrap style={{ marginTop: 8 }}>
                {NUMBER_FIELDS.filter(
                  ([n]) => groupOf(n) === group || (group === 'horizonDays' && n === 'backfillDays'),
                ).map(([name, label]) => (
                  <Form.Item
                    key={name}
                    label={t(label)}
                    htmlFor={`rule-${name}`}
                    validateStatus={fieldError(name) ? 'error' : ''}
                    help={fieldError(name)}
                    style={{ marginBottom: 8 }}
                  >
                    <Controller
                      name={name}
                      control={control}
                      render={({ field }) => (
                        <InputNumber
                          id={`rule-${name}`}
                          min={0}
                          value={field.value as number}
                          onChange={(v) => field.onChange(v ?? 0)}
                          style={{ width: 200 }}
                        />
                      )}
                    />
                  </Form.Item>
                ))}
                {group === 'postDisbursement' && (
                  <Form.Item label={t('settings.offsetsDays')} htmlFor="rule-offsets" style={{ marginBottom: 8 }}>
                    <Controller
                      name="postDisbursement.offsetsDays"
                      control={control}
                      render={({ field }) => <OffsetsInput value={field.value} onChange={field.onChange} />}
                    />
                  </Form.Item>
                )}
              </Space>
            </fieldset>
          ))}
          {admin && (
            <Button type="primary" htmlType="submit" loading={formState.isSubmitting}>
              {t('settings.save')}
            </Button>
          )}
        </form>
      </Form>
    </Card>
  );
}

/** The post-disbursement offsets as typed ("30, 60, 90"): the text stays as written, the form gets the numbers. */
function OffsetsInput(props: { value: number[]; onChange(days: number[]): void }) {
  const [text, setText] = useState(() => props.value.join(', '));
  return (
    <Input
      id="rule-offsets"
      value={text}
      style={{ width: 200 }}
      onChange={(e) => {
        setText(e.target.value);
        props.onChange(parseOffsets(e.target.value));
      }}
    />
  );
}
