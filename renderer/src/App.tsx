/** Top level: antd theme and locale, session gate (recovery / login / lock / shell), hash routes. */
import { QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider, Result, Spin, Button } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { tError } from './i18n/messages';
import { HashRouter } from 'react-router';
import { createQueryClient } from './app/query';
import { antdLocale } from './i18n/index';
import { AppShell } from './app/AppShell';
import { ErrorBoundary } from './ui/ErrorBoundary';
import { LockScreen } from './features/auth/LockScreen';
import { LoginPage } from './features/auth/LoginPage';
import { RecoveryScreen } from './features/recovery/RecoveryScreen';
import { SessionProvider, useSession } from './app/session/SessionContext';

function Gate() {
  const { session, loadError, refresh } = useSession();
  const { t } = useTranslation();
  if (loadError?.message === 'errors.recoveryMode') return <RecoveryScreen onRestored={refresh} />;
  if (loadError && !session) {
    return (
      <div className="cbd-center">
        <Result
          status="warning"
          title={tError(t, loadError)}
          extra={<Button onClick={() => void refresh()}>{t('common.retry')}</Button>}
        />
      </div>
    );
  }
  if (!session) {
    return (
      <div className="cbd-center">
        <Spin size="large" aria-label={t('common.loading')} />
      </div>
    );
  }
  if (!session.user) return <LoginPage />;
  if (session.locked) return <LockScreen />;
  return <AppShell />;
}

export function App() {
  const { i18n } = useTranslation();
  const [queryClient] = useState(createQueryClient);
  return (
    <ConfigProvider locale={antdLocale(i18n.language)} theme={{ token: { colorPrimary: '#1f5fbf', borderRadius: 4 } }}>
      <AntApp style={{ height: '100%' }}>
        <ErrorBoundary>
          <QueryClientProvider client={queryClient}>
            <SessionProvider>
              <HashRouter>
                <Gate />
              </HashRouter>
            </SessionProvider>
          </QueryClientProvider>
        </ErrorBoundary>
      </AntApp>
    </ConfigProvider>
  );
}
