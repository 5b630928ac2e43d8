/** 导入: the import wizard and the import history, for managers and administrators (a commit reloads both). */
import { Tabs, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { DamagedTextNotice } from './DamagedTextNotice';
import { ImportHistory } from './ImportHistory';
import { ImportWizard } from './ImportWizard';

export function ImportPage() {
  const { t } = useTranslation();
  return (
    <section aria-label={t('imports.title')} className="cbd-page">
      <Typography.Title level={4} style={{ margin: '0 0 4px' }}>
        {t('imports.title')}
      </Typography.Title>
      <DamagedTextNotice />
      <Tabs
        className="cbd-fill cbd-tabs-fill"
        items={[
          {
            key: 'wizard',
            label: t('imports.tabWizard'),
            children: <ImportWizard />,
          },
          { key: 'history', label: t('imports.tabHistory'), children: <ImportHistory /> },
        ]}
      />
    </section>
  );
}
