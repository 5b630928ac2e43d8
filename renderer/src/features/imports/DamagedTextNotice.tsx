/**
 * A warning on the import page while loans hold text damaged by XLSX imports before the reader
 * was fixed (U+FFFD in a name or address), saying how to repair it: import the extract again.
 * Reloads when an import is committed (the commit invalidates `imports.*`).
 */
import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import { useChannel } from '../../app/query';

export function DamagedTextNotice() {
  const { t, i18n } = useTranslation();
  // Only a hint: a failure here shows nothing and must not stand in the way of an import.
  const { data: damaged } = useChannel('imports.damagedText', {});
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
