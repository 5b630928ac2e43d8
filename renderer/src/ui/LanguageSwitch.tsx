/** 中文 / English switch; antd, dayjs and i18next change together. */
import { Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../../shared/i18n/index';
import { setLanguage } from '../i18n/index';

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <Segmented<Language>
      aria-label={t('header.language')}
      size="small"
      value={i18n.language as Language}
      options={[
        { label: '中文', value: 'zh-CN' },
        { label: 'English', value: 'en' },
      ]}
      onChange={(v) => void setLanguage(v)}
    />
  );
}
