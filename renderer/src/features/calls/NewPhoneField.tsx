/**
 * 新联系电话: the field for a new phone number the borrower gives during the call (react-hook-form +
 * zod). The number goes straight to `calls.newPhone` (stored encrypted, checked as a mainland mobile
 * there with the same reading, `normalizeMobile`) instead of a note, where it would be kept masked
 * only; the numbers already given are listed masked.
 */
import { zodResolver } from '@hookform/resolvers/zod';
import { Button, Input, Space, Typography } from 'antd';
import { useState } from 'react';
import { Controller, useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import type { CallView } from '../../../../shared/contract';
import { normalizeMobile } from '../../../../shared/domain/phone';
import { shownError, useChannelMutation } from '../../app/query';
import { ErrorAlert } from '../../ui/ErrorAlert';

/** The field's rule: what the main side would accept, refused here first in the same words. */
const newPhoneFormSchema = z.object({
  phone: z.string().refine((v) => normalizeMobile(v) !== null, { message: 'errors.newPhoneInvalid' }),
});
type NewPhoneForm = z.infer<typeof newPhoneFormSchema>;

export function NewPhoneField(props: { taskId: number; saved: CallView['newPhones']; disabled: boolean }) {
  const { t } = useTranslation();
  // Kept here rather than reloading the call view, which would disturb the call in progress.
  const [added, setAdded] = useState<CallView['newPhones']>([]);
  const list = [...props.saved, ...added];
  const report = useChannelMutation('calls.newPhone');
  const form = useForm<NewPhoneForm>({
    resolver: zodResolver(newPhoneFormSchema),
    defaultValues: { phone: '' },
    // The message stays until the next save, as the main side's answer would.
    reValidateMode: 'onSubmit',
  });
  const value = useWatch({ control: form.control, name: 'phone' });
  const busy = report.isPending;
  const invalid = form.formState.errors.phone?.message;
  const error = invalid ? { code: 'invalid_input' as const, message: invalid } : shownError(report.error);

  const save = form.handleSubmit(
    async ({ phone }) => {
      try {
        const saved = await report.mutateAsync({ taskId: props.taskId, phone });
        setAdded((a) => [...a, saved]);
        form.reset({ phone: '' });
      } catch {
        // Shown from the mutation's error (a session problem brings the lock or login screen instead).
      }
    },
    () => report.reset(),
  );
  return (
    <section className="cbd-call-new-phone" aria-label={t('calls.newPhone')}>
      <label>
        <Typography.Text strong>{t('calls.newPhone')}</Typography.Text>
        <Space.Compact style={{ width: '100%' }}>
          <Controller
            control={form.control}
            name="phone"
            render={({ field }) => (
              <Input
                {...field}
                aria-label={t('calls.newPhone')}
                placeholder={t('calls.newPhoneHint')}
                maxLength={40}
                inputMode="tel"
                autoComplete="off"
                disabled={props.disabled || busy}
                onPressEnter={(e) => {
                  if (!e.nativeEvent.isComposing) void save();
                }}
              />
            )}
          />
          <Button onClick={() => void save()} loading={busy} disabled={props.disabled || value.trim() === ''}>
            {t('calls.newPhoneSave')}
          </Button>
        </Space.Compact>
      </label>
      <ErrorAlert error={error} />
      {list.length > 0 && (
        <ul aria-label={t('calls.newPhoneSaved')} className="cbd-call-new-phone-list">
          {list.map((p) => (
            <li key={p.id}>{p.phone}</li>
          ))}
        </ul>
      )}
    </section>
  );
}
