/**
 * 总行服务器: the upload address and access token. Administrators edit them (an empty token field
 * keeps the stored token for the same address, 清除令牌 removes it; a new address needs the token
 * again); managers see them read-only. The token is never shown back, only whether one is set.
 * A refused address (not https://) shows the server's plain message in the alert above the form.
 */
import { App, Button, Card, Form, Input, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppErrorShape } from '../../../shared/result';
import type { SyncView } from '../../../shared/contract/sync';
import { call, errorOf } from '../api';
import { ErrorAlert } from '../components/ErrorAlert';
import { reportAuthProblem } from '../session/SessionContext';

export function TargetCard(props: { target: SyncView['target']; admin: boolean; onSaved(v: SyncView): void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { target, admin } = props;
  const [url, setUrl] = useState(target.url);
  const [token, setToken] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppErrorShape | null>(null);
  // The server drops the stored token when the address changes: say so before saving.
  const urlChanged = target.tokenSet && url.trim() !== target.url;

  const save = async (input: { url: string; token?: string }) => {
    setBusy(true);
    setError(null);
    try {
      const v = await call('sync.setTarget', input);
      setToken('');
      setUrl(v.target.url);
      props.onSaved(v);
      message.success(t('sync.target.saved'));
    } catch (e) {
      reportAuthProblem(e);
      setError(errorOf(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card
      size="small"
      title={t('sync.target.title')}
      extra={!admin && <Typography.Text type="secondary">{t('sync.target.adminOnly')}</Typography.Text>}
    >
      <ErrorAlert error={error} />
      <Form layout="vertical" component="div" disabled={!admin || busy}>
        <form
          aria-label={t('sync.target.title')}
          className="cbd-sync-target"
          onSubmit={(e) => {
            e.preventDefault();
            void save({ url: url.trim(), ...(token ? { token } : {}) });
          }}
        >
          <Form.Item label={t('sync.target.url')} htmlFor="sync-url" className="cbd-sync-url">
            <Input
              id="sync-url"
              value={url}
              placeholder={t('sync.target.urlPlaceholder')}
              autoComplete="off"
              spellCheck={false}
              onChange={(e) => setUrl(e.target.value)}
            />
          </Form.Item>
          <Form.Item
            label={t('sync.target.token')}
            htmlFor="sync-token"
            className="cbd-sync-token"
            extra={urlChanged && !token ? t('sync.target.tokenAgain') : undefined}
          >
            <Input.Password
              id="sync-token"
              value={token}
              placeholder={target.tokenSet && !urlChanged ? t('sync.target.tokenSet') : t('sync.target.tokenNotSet')}
              autoComplete="new-password"
              visibilityToggle={false}
              onChange={(e) => setToken(e.target.value)}
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
