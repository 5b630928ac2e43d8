/**
 * A warning on the import page while loans hold text damaged by XLSX imports before the reader
 * was fixed (U+FFFD in a name or address), saying how to repair it: import the extract again.
 */
import { Alert } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DamagedTextView } from '../../../shared/contract';
import { call } from '../api';
import { reportAuthProblem } from '../session/SessionContext';

export function DamagedTextNotice({ version }: { version: number }) {
  const { t, i18n } = useTranslation();
  const [damaged, setDamaged] = useState<DamagedTextView | null>(null);
  useEffect(() => {
    let stale = false;
    call('imports.damagedText', {}).then(
      (r) => !stale && setDamaged(r),
      // Only a hint: a failure here must not stand in the way of an import.
      (e: unknown) => reportAuthProblem(e),
    );
    return () => {
      stale = true;
    };
  }, [version]);
  if (!damaged || damaged.loans === 0) return null;
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 8 }}
      title={t('imports.damagedTitle', { count: damaged.loans })}
      description={t('imports.damagedBody', {
        examples:
          damaged.examples.join(i18n.language.startsWith('zh') ? '、' : ', ') +
          (damaged.loans > damaged.examples.length ? ' …' : ''),
      })}
    />
  );
}
