/**
 * For managers on the workbench: who ran into the limit on searches by full phone or ID number in
 * the last 7 days (`loans.searchAlerts`, from the audit log). Shows nothing when there is nothing.
 */
import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import { useChannel } from '../../app/query';
import { SHANGHAI_TZ } from '../../../../shared/domain/shanghai';

export function SearchAlerts() {
  const { t, i18n } = useTranslation();
  // A failed read shows nothing here (a session problem brings the lock or login screen).
  const alerts = useChannel('loans.searchAlerts', { days: 7 }).data ?? [];
  if (alerts.length === 0) return null;
  const time = new Intl.DateTimeFormat(i18n.language, {
    dateStyle: 'short',
    timeStyle: 'short',
    timeZone: SHANGHAI_TZ,
  });
  return (
    <Alert
      type="warning"
      showIcon
      data-testid="search-alerts"
      style={{ marginBottom: 16 }}
      title={t('workbench.searchAlertsTitle')}
      description={
        <ul style={{ margin: 0, paddingLeft: 20 }}>
          {alerts.slice(0, 10).map((a) => (
            <li key={`${a.at}-${a.actor}`}>
              {t('workbench.searchAlert', {
                name: a.actorName ?? a.actor ?? '',
                user: a.actor ?? '',
                time: time.format(new Date(a.at)),
                limit: a.limit,
                minutes: a.windowMinutes,
              })}
            </li>
          ))}
        </ul>
      }
    />
  );
}
