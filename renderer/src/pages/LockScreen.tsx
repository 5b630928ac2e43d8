/** Shown after idle time or a manual lock: the same user unlocks with the password, or signs out. */
import { Button, Card, Input, Space, Typography } from 'antd';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppErrorShape } from '../../../shared/result';
import { call, errorOf } from '../api';
import { ErrorAlert } from '../components/ErrorAlert';
import { useSession } from '../session/SessionContext';

export function LockScreen() {
  const { t } = useTranslation();
  const { session, setSession } = useSession();
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppErrorShape | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!password) return;
    setBusy(true);
    setError(null);
    try {
      setSession(await call('auth.unlock', { password }));
    } catch (err) {
      setError(errorOf(err));
      setPassword('');
      if (errorOf(err).code === 'locked') setSession(await call('auth.session', {}));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="cbd-center">
      <Card style={{ width: 400 }}>
        <form onSubmit={(e) => void submit(e)} aria-label={t('auth.lock.title')}>
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            <Typography.Title level={4} style={{ margin: 0 }}>
              {t('auth.lock.title')}
            </Typography.Title>
            <Typography.Text>{t('auth.lock.hint', { name: session?.user?.displayName ?? '' })}</Typography.Text>
            <ErrorAlert error={error} />
            <label htmlFor="unlock-password">{t('auth.login.password')}</label>
            <Input.Password
              id="unlock-password"
              autoFocus
              autoComplete="current-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
            <Space>
              <Button type="primary" htmlType="submit" loading={busy}>
                {t('auth.lock.unlock')}
              </Button>
              <Button onClick={() => void call('auth.logout', {}).then(setSession)}>{t('auth.lock.switchUser')}</Button>
            </Space>
          </Space>
        </form>
      </Card>
    </div>
  );
}
