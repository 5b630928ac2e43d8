/**
 * 总行服务器: the upload address and access token. Administrators edit them (an empty token field
 * keeps the stored token for the same address, 清除令牌 removes it; a new address needs the token
 * again); managers see them read-only. The token is never shown back, only whether one is set.
 * The form is checked by the contract's schema before it is sent; a refused address (not
 * https://) shows the server's plain message in the alert above the form.
 */
import { zodResolver } from '@hookform/resolvers/zod';
import { App, Button, Card, Form, Input, Space, Typography } from 'antd';
import { useState } from 'react';
import { Controller, useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import type { AppErrorShape } from '../../../../shared/result';
import { syncTargetInputSchema, type SyncView } from '../../../../shared/contract';
import { shownError, useChannelMutation } from '../../app/query';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { invalidInput } from '../../ui/invalidInput';

/** The form as typed, sent as the contract wants it: the address trimmed, an empty token field left out (kept). */
const targetFormSchema = z
  .object({ url: z.string(), token: z.string() })
  .transform(({ url, token }) => ({ url: url.trim(), ...(token ? { token } : {}) }))
  .pipe(syncTargetInputSchema);
type TargetForm = z.input<typeof targetFormSchema>;
type TargetInput = z.output<typeof targetFormSchema>;

export function TargetCard(props: { target: SyncView['target']; admin: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { target, admin } = props;
  const setTarget = useChannelMutation('sync.setTarget', { invalidates: ['sync'] });
  const [error, setError] = useState<AppErrorShape | null>(null);
  const { control, handleSubmit, reset } = useForm<TargetForm, unknown, TargetInput>({
    resolver: zodResolver(targetFormSchema),
    defaultValues: { url: target.url, token: '' },
  });
  const url = useWatch({ control, name: 'url' });
  const token = useWatch({ control, name: 'token' });
  const busy = setTarget.isPending;
  // The server drops the stored token when the address changes: say so before saving.
  const urlChanged = target.tokenSet && url.trim() !== target.url;

  const save = async (input: TargetInput) => {
    setError(null);
    try {
      const v = await setTarget.mutateAsync(input);
      reset({ url: v.target.url, token: '' });
      message.success(t('sync.target.saved'));
    } catch (e) {
      setError(shownError(e));
    }
  };
  const submit = handleSubmit(save, (errors) => setError(invalidInput(errors)));

  return (
    <Card
      size="small"
      title={t('sync.target.title')}
      extra={!admin && <Typography.Text type="secondary">{t('sync.target.adminOnly')}</Typography.Text>}
    >
      <ErrorAlert error={error} />
      <Form layout="vertical" component="div" disabled={!admin || busy}>
        <form aria-label={t('sync.target.title')} className="cbd-sync-target" onSubmit={(e) => void submit(e)}>
          <Form.Item label={t('sync.target.url')} htmlFor="sync-url" className="cbd-sync-url">
            <Controller
              name="url"
              control={control}
              render={({ field }) => (
                <Input
                  {...field}
                  id="sync-url"
                  placeholder={t('sync.target.urlPlaceholder')}
                  autoComplete="off"
                  spellCheck={false}
                />
              )}
            />
          </Form.Item>
          <Form.Item
            label={t('sync.target.token')}
            htmlFor="sync-token"
            className="cbd-sync-token"
            extra={urlChanged && !token ? t('sync.target.tokenAgain') : undefined}
          >
            <Controller
              name="token"
              control={control}
              render={({ field }) => (
                <Input.Password
                  {...field}
                  id="sync-token"
                  placeholder={
                    target.tokenSet && !urlChanged ? t('sync.target.tokenSet') : t('sync.target.tokenNotSet')
                  }
                  autoComplete="new-password"
                  visibilityToggle={false}
                />
              )}
            />
          </Form.Item>
          {admin && (
            <div className="cbd-sync-target-actions">
              <Space wrap>
                <Button type="primary" htmlType="submit" loading={busy}>
                  {t('sync.target.save')}
                </Button>
                {target.tokenSet && (
                  <Button danger onClick={() => void save({ url: target.url, token: '' })}>
                    {t('sync.target.clearToken')}
                  </Button>
                )}
              </Space>
            </div>
          )}
        </form>
      </Form>
    </Card>
  );
}
