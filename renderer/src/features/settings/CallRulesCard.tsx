/**
 * 设置 › 拨打与结果规则: attempt limits, calling hours and the flags of each outcome code
 * (`callRules`). react-hook-form with the shared zod schema; administrators edit, managers read.
 */
import { zodResolver } from '@hookform/resolvers/zod';
import { App, Button, Card, Checkbox, Form, Input, InputNumber, Select, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { Controller, useFieldArray, useForm, type Control } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import {
  callRulesSchema,
  OUTCOMES,
  type CallRules,
  type Outcome,
  type OutcomeRule,
} from '../../../../shared/domain/calls';
import type { AppErrorShape } from '../../../../shared/result';
import { shownError, useChannelMutation } from '../../app/query';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { settingsError } from './settingsForm';
import { StoredValue } from './StoredValue';

const FLAGS = ['contact', 'rightParty', 'final', 'escalate', 'needsConfirmation'] as const;
const RETRY_KINDS = ['none', 'booked', 'next_day', 'minutes'] as const;

export function CallRulesCard({ admin }: { admin: boolean }) {
  const { t } = useTranslation();
  return (
    <StoredValue channel="settings.callRules" title={t('settings.callRulesTitle')}>
      {(stored) => <CallRulesForm admin={admin} stored={stored} />}
    </StoredValue>
  );
}

function CallRulesForm({ admin, stored }: { admin: boolean; stored: CallRules }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [error, setError] = useState<AppErrorShape | null>(null);
  // The next attempt follows the new rules; the tasks themselves do not change.
  const setRules = useChannelMutation('settings.setCallRules', { invalidates: ['settings'] });
  const { control, handleSubmit, reset, formState } = useForm<CallRules>({
    resolver: zodResolver(callRulesSchema),
    defaultValues: stored,
  });
  const hours = useFieldArray({ control, name: 'callingHours' });
  const save = handleSubmit(async (rules) => {
    setError(null);
    try {
      reset(await setRules.mutateAsync({ rules }));
      message.success(t('settings.callRulesSaved'));
    } catch (e) {
      setError(shownError(e));
    }
  });
  const title = t('settings.callRulesTitle');
  const err = (name: string) => settingsError(formState.errors, name, t);
  const listError = err('callingHours') ?? err('callingHours.root');
  const outcomesError = err('outcomes');
  return (
    <Card title={title} extra={!admin && <Typography.Text type="secondary">{t('settings.readOnly')}</Typography.Text>}>
      <ErrorAlert error={error} />
      <Typography.Paragraph type="secondary">{t('settings.callRulesHint')}</Typography.Paragraph>
      <Form layout="vertical" component="div" disabled={!admin}>
        <form onSubmit={(e) => void save(e)} aria-label={title}>
          <Space wrap align="start">
            {(['maxAttempts', 'minDistinctDays'] as const).map((name) => (
              <Form.Item
                key={name}
                label={t(`settings.${name}`)}
                htmlFor={`call-${name}`}
                validateStatus={err(name) ? 'error' : ''}
                help={err(name)}
                style={{ marginBottom: 8 }}
              >
                <Controller
                  name={name}
                  control={control}
                  render={({ field }) => (
                    <InputNumber
                      id={`call-${name}`}
                      min={1}
                      max={20}
                      value={field.value}
                      onChange={(v) => field.onChange(v ?? 0)}
                      style={{ width: 160 }}
                    />
                  )}
                />
              </Form.Item>
            ))}
          </Space>
          <fieldset style={{ border: 0, padding: 0, margin: '0 0 12px' }}>
            <Typography.Text strong>{t('settings.callingHours')}</Typography.Text>
            {hours.fields.map((f, i) => (
              <Space key={f.id} align="start" style={{ display: 'flex', marginTop: 8 }}>
                {(['from', 'to'] as const).map((end) => (
                  <Form.Item
                    key={end}
                    validateStatus={err(`callingHours.${i}.${end}`) ? 'error' : ''}
                    help={err(`callingHours.${i}.${end}`) ?? (end === 'to' ? err(`callingHours.${i}`) : undefined)}
                    style={{ marginBottom: 0 }}
                  >
                    <Controller
                      name={`callingHours.${i}.${end}`}
                      control={control}
                      render={({ field }) => (
                        <Input
                          aria-label={t(`settings.hours_${end}`, { n: i + 1 })}
                          placeholder="09:00"
                          maxLength={5}
                          value={field.value}
                          onChange={(e) => field.onChange(e.target.value.trim())}
                          style={{ width: 110 }}
                        />
                      )}
                    />
                  </Form.Item>
                ))}
                {admin && hours.fields.length > 1 && (
                  <Button onClick={() => hours.remove(i)} aria-label={t('settings.removeHours', { n: i + 1 })}>
                    {t('settings.remove')}
                  </Button>
                )}
              </Space>
            ))}
            {listError && (
              <Typography.Text type="danger" role="alert" style={{ display: 'block', marginTop: 4 }}>
                {listError}
              </Typography.Text>
            )}
            {admin && hours.fields.length < 6 && (
              <Button type="dashed" style={{ marginTop: 8 }} onClick={() => hours.append({ from: '', to: '' })}>
                {t('settings.addHours')}
              </Button>
            )}
          </fieldset>
          <Typography.Text strong>{t('settings.outcomeRules')}</Typography.Text>
          <OutcomeTable control={control} admin={admin} />
          {outcomesError && (
            <Typography.Text type="danger" role="alert" style={{ display: 'block', marginTop: 4 }}>
              {outcomesError}
            </Typography.Text>
          )}
          {admin && (
            <Button type="primary" htmlType="submit" loading={formState.isSubmitting} style={{ marginTop: 12 }}>
              {t('settings.saveCallRules')}
            </Button>
          )}
        </form>
      </Form>
    </Card>
  );
}

/** One row per outcome code: its flags as checkboxes and when the next attempt is due. */
function OutcomeTable(props: { control: Control<CallRules>; admin: boolean }) {
  const { t } = useTranslation();
  const { control, admin } = props;
  const flagColumn = (flag: (typeof FLAGS)[number]) => ({
    key: flag,
    title: t(`settings.flag_${flag}`),
    width: 92,
    render: (_: unknown, o: Outcome) => (
      <Controller
        name={`outcomes.${o}.${flag}`}
        control={control}
        render={({ field }) => (
          <Checkbox
            aria-label={`${t(`outcomes.${o}`)} ${t(`settings.flag_${flag}`)}`}
            checked={Boolean(field.value)}
            disabled={!admin}
            onChange={(e) => field.onChange(e.target.checked)}
          />
        )}
      />
    ),
  });
  return (
    <Table<Outcome>
      size="small"
      pagination={false}
      rowKey={(o) => o}
      dataSource={[...OUTCOMES]}
      style={{ marginTop: 8 }}
      columns={[
        { key: 'outcome', title: t('settings.outcome'), render: (_: unknown, o: Outcome) => t(`outcomes.${o}`) },
        ...FLAGS.map(flagColumn),
        {
          key: 'retry',
          title: t('settings.retry'),
          width: 440,
          render: (_: unknown, o: Outcome) => (
            <Controller
              name={`outcomes.${o}.retry`}
              control={control}
              render={({ field }) => (
                <RetryInput outcome={o} value={field.value} onChange={field.onChange} admin={admin} />
              )}
            />
          ),
        },
      ]}
    />
  );
}

function RetryInput(props: {
  outcome: Outcome;
  value: OutcomeRule['retry'];
  onChange: (v: OutcomeRule['retry']) => void;
  admin: boolean;
}) {
  const { t } = useTranslation();
  const name = t(`outcomes.${props.outcome}`);
  const v = props.value;
  return (
    <Space size="small">
      <Select
        aria-label={`${name} ${t('settings.retry')}`}
        value={v.kind}
        disabled={!props.admin}
        style={{ width: 140 }}
        options={RETRY_KINDS.map((k) => ({ value: k, label: t(`settings.retry_${k}`) }))}
        onChange={(k) => props.onChange(k === 'minutes' ? { kind: 'minutes', minutes: 60 } : { kind: k })}
      />
      {v.kind === 'minutes' && (
        <InputNumber
          aria-label={`${name} ${t('settings.retryMinutes')}`}
          min={1}
          max={10_080}
          value={v.minutes}
          disabled={!props.admin}
          suffix={t('settings.minutes')}
          style={{ width: 120 }}
          onChange={(m) => props.onChange({ ...v, minutes: m ?? 0 })}
        />
      )}
      {v.kind === 'minutes' && (
        <InputNumber
          aria-label={`${name} ${t('settings.retryNextDayAfter')}`}
          title={t('settings.retryNextDayAfterHint')}
          min={1}
          max={10}
          value={v.nextDayAfter ?? null}
          placeholder={t('settings.retryNextDayNever')}
          disabled={!props.admin}
          suffix={t('settings.retryNextDayAfterSuffix')}
          style={{ width: 150 }}
          onChange={(n) =>
            props.onChange({ kind: 'minutes', minutes: v.minutes, ...(n === null ? {} : { nextDayAfter: n }) })
          }
        />
      )}
    </Space>
  );
}
