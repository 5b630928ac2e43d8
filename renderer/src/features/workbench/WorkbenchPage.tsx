/** 工作台: today's counts for the signed-in officer, the branch pool, and booked callbacks due within the hour. */
import { Alert, Button, Card, Col, Empty, List, Row, Statistic, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { shownError, useChannel } from '../../app/query';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { useSession } from '../../app/session/SessionContext';
import { SearchAlerts } from '../loans/SearchAlerts';
import { roleAllows } from '../../../../shared/roles';
import { SHANGHAI_TZ } from '../../../../shared/domain/shanghai';

export function WorkbenchPage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const { session } = useSession();
  // Refreshed each minute: "due within the hour" moves with the clock.
  const { data, error } = useChannel('workbench.summary', {}, { refetchInterval: 60_000 });
  const time = new Intl.DateTimeFormat(i18n.language, { timeStyle: 'short', timeZone: SHANGHAI_TZ });
  return (
    <section aria-label={t('workbench.title')} style={{ overflow: 'auto', height: '100%' }}>
      <Typography.Title level={4}>{t('workbench.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">
        {t('workbench.greeting', { name: session?.user?.displayName ?? '', date: data?.asOf ?? '' })}
      </Typography.Paragraph>
      <ErrorAlert error={shownError(error)} />
      {session?.user && roleAllows('manager', session.user.role) && <SearchAlerts />}
      {data && data.calendarMissing.length > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('workbench.calendarMissing', { years: data.calendarMissing.join('、') })}
        />
      )}
      <Row gutter={16}>
        {(
          [
            ['today', data?.mine.today],
            ['overdue', data?.mine.overdue],
            ['dueSoon', data?.mine.due_soon],
            ['pool', data?.pool],
          ] as const
        ).map(([k, v]) => (
          <Col span={6} key={k}>
            <Card>
              <Statistic
                title={t(`workbench.${k}`)}
                value={v ?? '—'}
                styles={k === 'overdue' && v ? { content: { color: '#cf1322' } } : {}}
              />
            </Card>
          </Col>
        ))}
      </Row>
      <Card title={t('workbench.bookedSoon')} style={{ marginTop: 16 }}>
        {data && data.bookedSoon.length === 0 ? (
          <Empty description={t('workbench.noBooked')} />
        ) : (
          <List
            dataSource={data?.bookedSoon ?? []}
            renderItem={(r) => (
              <List.Item>
                {r.bookedAt ? time.format(new Date(r.bookedAt)) : ''} · {r.loanNo} · {r.borrowerName} ·{' '}
                {t(`taskTypes.${r.type}`)}
              </List.Item>
            )}
          />
        )}
      </Card>
      <Button type="primary" style={{ marginTop: 16 }} onClick={() => void navigate('/tasks')}>
        {t('workbench.openQueue')}
      </Button>
    </section>
  );
}
