/** Sign-in form (react-hook-form + zod). Wrong passwords and locked accounts are told plainly. */
import { zodResolver } from '@hookform/resolvers/zod';
import { Button, Card, Form, Input, Space, Typography } from 'antd';
import { useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { tMessage } from '../../i18n/messages';
import { z } from 'zod';
import type { AppErrorShape } from '../../../../shared/result';
import { errorOf } from '../../app/api';
import { HOME } from '../../app/pages';
import { useChannelMutation } from '../../app/query';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { LanguageSwitch } from '../../ui/LanguageSwitch';
import { useSession } from '../../app/session/SessionContext';

const schema = z.object({
  username: z.string().trim().min(1, 'auth.login.usernameRequired'),
  password: z.string().min(1, 'auth.login.passwordRequired'),
});
type Values = z.infer<typeof schema>;

export function LoginPage() {
  const { t } = useTranslation();
  const { session, setSession, lastUser } = useSession();
  const navigate = useNavigate();
  const login = useChannelMutation('auth.login');
  // Shown whatever the code: a wrong password answers `unauthenticated`, a lockout `locked`, and
  // both are this page's to tell (shownError would hide them, as session problems).
  const [error, setError] = useState<AppErrorShape | null>(null);
  const { control, handleSubmit, formState, setValue } = useForm<Values>({
    resolver: zodResolver(schema),
    defaultValues: { username: '', password: '' },
  });
  const onSubmit = handleSubmit(async (v) => {
    setError(null);
    try {
      const signedIn = await login.mutateAsync(v);
      // Someone else than the last user: start at home, not on the page the last one left open.
      const before = lastUser();
      if (before !== null && before !== signedIn.user?.username) void navigate(HOME, { replace: true });
      setSession(signedIn);
    } catch (e) {
      setError(errorOf(e));
      setValue('password', '');
    }
  });
  const notInitialized = session && !session.branch;
  return (
    <div className="cbd-center">
      <Card style={{ width: 400 }}>
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}>
            <div>
              <Typography.Title level={3} style={{ margin: 0 }}>
                {t('app.name')}
              </Typography.Title>
              <Typography.Text type="secondary">
                {session?.branch ? session.branch.name : t('app.subtitle')}
              </Typography.Text>
            </div>
            <LanguageSwitch />
          </div>
          {notInitialized && <ErrorAlert error={{ code: 'conflict', message: 'auth.login.notInitialized' }} />}
          <ErrorAlert error={error} />
          <Form layout="vertical" component="div">
            <form onSubmit={(e) => void onSubmit(e)} aria-label={t('auth.login.title')} noValidate>
              <Form.Item
                label={t('auth.login.username')}
                htmlFor="login-username"
                validateStatus={formState.errors.username ? 'error' : ''}
                help={formState.errors.username ? tMessage(t, formState.errors.username.message ?? '') : undefined}
              >
                <Controller
                  name="username"
                  control={control}
                  render={({ field }) => <Input id="login-username" autoComplete="username" autoFocus {...field} />}
                />
              </Form.Item>
              <Form.Item
                label={t('auth.login.password')}
                htmlFor="login-password"
                validateStatus={formState.errors.password ? 'error' : ''}
                help={formState.errors.password ? tMessage(t, formState.errors.password.message ?? '') : undefined}
              >
                <Controller
                  name="password"
                  control={control}
                  render={({ field }) => (
                    <Input.Password id="login-password" autoComplete="current-password" {...field} />
                  )}
                />
              </Form.Item>
              <Button type="primary" htmlType="submit" block loading={formState.isSubmitting}>
                {t('auth.login.submit')}
              </Button>
            </form>
          </Form>
        </Space>
      </Card>
    </div>
  );
}
