/** A failed call shown in the user's language; never a stack trace. */
import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import { tError } from '../i18n/messages';
import type { AppErrorShape } from '../../../shared/result';

export function ErrorAlert({ error }: { error: AppErrorShape | null }) {
  const { t } = useTranslation();
  if (!error) return null;
  return <Alert role="alert" type="error" showIcon title={tError(t, error)} />;
}
