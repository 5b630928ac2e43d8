/**
 * A masked ID or phone number with a small button to see it in full. Seeing it asks for a reason
 * (quick picks or free text, 2–200 characters; react-hook-form + the contract's reason rule); the
 * main side decrypts and audits it
 * (`pii.reveal`). The full value shows in place of the mask and hides itself after 60 seconds,
 * when the officer hides it, or when the component goes away.
 */
import { zodResolver } from '@hookform/resolvers/zod';
import { EyeInvisibleOutlined, EyeOutlined } from '@ant-design/icons';
import { Button, Input, Modal, Space, Tooltip, Typography } from 'antd';
import { useEffect, useId, useState } from 'react';
import { Controller, useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { reasonSchema } from '../../../../shared/text';
import { shownError, useChannelMutation } from '../../app/query';
import { ErrorAlert } from '../../ui/ErrorAlert';

/** How long a revealed value stays on screen. */
export const REVEAL_MS = 60_000;

/** The same rule as the contract's (shared/text.ts): 2 visible characters at least. */
const reasonFormSchema = z.object({ reason: reasonSchema(200) });
const QUICK = {
  phone: ['call', 'identity', 'customer'],
  idNumber: ['identity', 'review', 'customer'],
} as const;

export interface RevealPiiProps {
  partyId: number;
  field: 'idNumber' | 'phone';
  /** The masked value as the file view gives it (`138****5678`). */
  masked: string;
}

export function RevealPii({ partyId, field, masked }: RevealPiiProps) {
  const { t } = useTranslation();
  const [value, setValue] = useState<string | null>(null);
  const [asking, setAsking] = useState(false);

  // Hide again after a minute; a new reveal restarts the minute.
  useEffect(() => {
    if (value === null) return;
    const timer = window.setTimeout(() => setValue(null), REVEAL_MS);
    return () => window.clearTimeout(timer);
  }, [value]);

  const showLabel = field === 'phone' ? t('pii.reveal.showPhone') : t('pii.reveal.showId');
  if (!masked) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <span style={{ whiteSpace: 'nowrap' }}>
      {value === null ? (
        <>
          <span className="cbd-pii-masked">{masked}</span>
          <Tooltip title={showLabel}>
            <Button
              size="small"
              type="text"
              icon={<EyeOutlined />}
              aria-label={showLabel}
              onClick={() => setAsking(true)}
            />
          </Tooltip>
        </>
      ) : (
        <>
          <Tooltip title={t('pii.reveal.autoHide')}>
            <Typography.Text strong copyable={{ text: value }} className="cbd-pii-revealed" data-field={field}>
              {value}
            </Typography.Text>
          </Tooltip>
          <Button
            size="small"
            type="text"
            icon={<EyeInvisibleOutlined />}
            aria-label={t('pii.reveal.hide')}
            title={t('pii.reveal.hide')}
            onClick={() => setValue(null)}
          />
        </>
      )}
      {asking && (
        <ReasonModal
          partyId={partyId}
          field={field}
          masked={masked}
          onCancel={() => setAsking(false)}
          onRevealed={(v) => {
            setAsking(false);
            setValue(v);
          }}
        />
      )}
    </span>
  );
}

function ReasonModal(props: {
  partyId: number;
  field: 'idNumber' | 'phone';
  masked: string;
  onCancel(): void;
  onRevealed(value: string): void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const reveal = useChannelMutation('pii.reveal');
  // Checked as the officer types; the message shows once the field was left, picked or submitted.
  const { control, handleSubmit, setValue, formState } = useForm({
    resolver: zodResolver(reasonFormSchema),
    mode: 'onTouched',
    defaultValues: { reason: '' },
  });
  const reason = useWatch({ control, name: 'reason' });
  const valid = formState.isValid;
  const busy = reveal.isPending;
  const submit = handleSubmit(async (v) => {
    if (busy) return;
    try {
      const r = await reveal.mutateAsync({ partyId: props.partyId, field: props.field, reason: v.reason });
      props.onRevealed(r.value);
    } catch {
      // Shown from the mutation's error (a session problem brings the lock or login screen instead).
    }
  });
  const invalid = !!formState.errors.reason;
  const title = props.field === 'phone' ? t('pii.reveal.titlePhone') : t('pii.reveal.titleId');
  return (
    <Modal
      open
      title={title}
      okText={t('pii.reveal.submit')}
      okButtonProps={{ disabled: !valid, loading: busy }}
      onOk={() => void submit()}
      onCancel={props.onCancel}
      destroyOnHidden
    >
      <Space orientation="vertical" style={{ width: '100%', paddingBottom: 16 }}>
        <Typography.Text strong>{props.masked}</Typography.Text>
        <Typography.Text type="secondary">{t('pii.reveal.hint')}</Typography.Text>
        <ErrorAlert error={shownError(reveal.error)} />
        <div role="group" aria-label={t('pii.reveal.quickLabel')}>
          <Typography.Text style={{ marginRight: 8 }}>{t('pii.reveal.quickLabel')}</Typography.Text>
          <Space size={[4, 4]} wrap>
            {QUICK[props.field].map((k) => {
              const label = t(`pii.reveal.quick.${k}`);
              return (
                <Button
                  key={k}
                  size="small"
                  type={reason === label ? 'primary' : 'default'}
                  aria-pressed={reason === label}
                  onClick={() => setValue('reason', label, { shouldTouch: true, shouldValidate: true })}
                >
                  {label}
                </Button>
              );
            })}
          </Space>
        </div>
        <label htmlFor={`${id}-reason`}>{t('pii.reveal.reason')}</label>
        <Controller
          control={control}
          name="reason"
          render={({ field }) => (
            <Input.TextArea
              {...field}
              id={`${id}-reason`}
              rows={2}
              maxLength={200}
              showCount
              autoFocus
              placeholder={t('pii.reveal.reasonPlaceholder')}
              status={invalid ? 'error' : undefined}
              aria-invalid={invalid}
              onPressEnter={(e) => {
                if (e.nativeEvent.isComposing) return;
                e.preventDefault();
                void submit();
              }}
            />
          )}
        />
        {invalid && <Typography.Text type="danger">{t('pii.reveal.reasonLength')}</Typography.Text>}
      </Space>
    </Modal>
  );
}
