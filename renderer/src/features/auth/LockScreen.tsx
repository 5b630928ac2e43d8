/** Shown after idle time or a manual lock: the same user unlocks with the password, or signs out. */
import { zodResolver } from '@hookform/resolvers/zod';
import { Button, Card, Input, Space, Typography } from 'antd';
import { useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import type { AppErrorShape } from '../../../../shared/result';
import { errorOf } from '../../app/api';
import { useChannelMutation } from '../../app/query';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { useSession } from '../../app/session/SessionContext';

/** An empty password is not sent (the button does nothing), as a wrong one would count against the account. */
const schema = z.object({ password: z.string().min(1) });
type Values = z.infer<typeof schema>;

export function LockScreen() {
  const { t } = useTranslation();
  const { session, setSession } = useSession();
  const unlock = useChannelMutation('auth.unlock');
  const logout = useChannelMutation('auth.logout');
  // Shown here whatever the code: a wrong password answers `unauthenticated`, a lockout `locked`,
  // and both are this screen's to tell (the caches also refresh the session, so a lockout that
  // signed the user out brings the login page).
  const [error, setError] = useState<AppErrorShape | null>(null);
  const { control, handleSubmit, setValue } = useForm<Values>({
    resolver: zodResolver(schema),
    defaultValues: { password: '' },
  });
  const submit = handleSubmit(async ({ password }) => {
    setError(null);
    try {
      setSession(await unlock.mutateAsync({ password }));
    } catch (err) {
      setError(errorOf(err));
      setValue('password', '');
    }
  });
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
            <Controller
              name="password"
              control={control}
              render={({ field }) => (
                <Input.Password id="unlock-password" autoFocus autoComplete="current-password" {...field} />
              )}
            />
            <Space>
              <Button type="primary" htmlType="submit" loading={unlock.isPending}>
                {t('auth.lock.unlock')}
              </Button>
              <Button onClick={() => logout.mutate({}, { onSuccess: setSession })}>{t('auth.lock.switchUser')}</Button>
            </Space>
          </Space>
        </form>
      </Card>
    </div>
  );
}
