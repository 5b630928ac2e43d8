/**
 * 新联系电话: the field for a new phone number the borrower gives during the call. The number goes
 * straight to `calls.newPhone` (stored encrypted, checked as a mainland mobile there) instead of a
 * note, where it would be kept masked only; the numbers already given are listed masked.
 */
import { Button, Input, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallView } from '../../../shared/callViews';
import { isMobile } from '../../../shared/domain/phone';
import type { AppErrorShape } from '../../../shared/result';
import { call, errorOf } from '../api';
import { ErrorAlert } from '../components/ErrorAlert';

export function NewPhoneField(props: { taskId: number; saved: CallView['newPhones']; disabled: boolean }) {
  const { t } = useTranslation();
  const [value, setValue] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppErrorShape | null>(null);
  // Kept here rather than reloading the call view, which would disturb the call in progress.
  const [added, setAdded] = useState<CallView['newPhones']>([]);
  const list = [...props.saved, ...added];
  const digits = value.replace(/[\s\-.]/g, '').replace(/^(?:\+86|0086)/, '');
  const save = async () => {
    if (!isMobile(digits)) {
      setError({ code: 'invalid_input', message: 'errors.newPhoneInvalid' });
      return;
    }
    setBusy(true);
    try {
      const saved = await call('calls.newPhone', { taskId: props.taskId, phone: value });
      setAdded((a) => [...a, saved]);
      setValue('');
      setError(null);
    } catch (e) {
      setError(errorOf(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="cbd-call-new-phone" aria-label={t('calls.newPhone')}>
      <label>
        <Typography.Text strong>{t('calls.newPhone')}</Typography.Text>
        <Space.Compact style={{ width: '100%' }}>
          <Input
            aria-label={t('calls.newPhone')}
            placeholder={t('calls.newPhoneHint')}
            value={value}
            maxLength={40}
            inputMode="tel"
            autoComplete="off"
            disabled={props.disabled || busy}
            onChange={(e) => setValue(e.target.value)}
            onPressEnter={(e) => {
              if (!e.nativeEvent.isComposing) void save();
            }}
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
