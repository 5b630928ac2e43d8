/**
 * 设置: callback rules (react-hook-form + the shared zod schema; administrators edit, managers
 * read), call rules (CallRulesCard), the holiday calendar (features/calendar/CalendarCard) and, for
 * administrators, backup and restore (features/backup/BackupCard).
 */
import { zodResolver } from '@hookform/resolvers/zod';
import { App, Button, Card, Checkbox, Form, Input, InputNumber, Space, Typography } from 'antd';
import { useState } from 'react';
import { Controller, useForm, type Path } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { parseOffsets, taskRulesSchema, type TaskRules } from '../../../../shared/domain/taskRules';
import type { AppErrorShape } from '../../../../shared/result';
import { roleAllows } from '../../../../shared/roles';
import { shownError, useChannelMutation } from '../../app/query';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { BackupCard } from '../backup/BackupCard';
import { CalendarCard } from '../calendar/CalendarCard';
import { CallRulesCard } from './CallRulesCard';
import { StoredValue } from './StoredValue';
import { settingsError } from './settingsForm';
import { useSession } from '../../app/session/SessionContext';
import { type MessageKey } from '../../i18n/messages';

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

/** Tasks planned from the rules change when they do (the save regenerates them), and with them the years they miss a calendar for. */
const RULES_CHANGED = ['settings', 'tasks', 'workbench', 'calendar'];

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
