/** The signed-in frame: navigation on the left, branch and user in the header, pages by route. */
import { LockOutlined, LogoutOutlined } from '@ant-design/icons';
import { Button, Layout, Menu, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router';
import { HOME, pagesFor } from './pages';
import { useChannelMutation } from './query';
import { useSession } from './session/SessionContext';
import { useIdleLock } from './session/useIdleLock';
import { LanguageSwitch } from '../ui/LanguageSwitch';

export function AppShell() {
  const { t } = useTranslation();
  const { session, setSession } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  useIdleLock();
  // The answer is the new session view (locked, or nobody signed in): the session module takes it.
  const lock = useChannelMutation('auth.lock');
  const logout = useChannelMutation('auth.logout');
  const user = session!.user!;
  // Only the pages this role may open get a route: any other address falls through to HOME.
  const pages = pagesFor(user.role);
  const items = pages.flatMap((p) => (p.nav ? [p.nav] : []));
  const section = location.pathname.split('/')[1] || 'workbench';
  const current = section === 'call' ? 'tasks' : section;
  return (
    <Layout style={{ height: '100%' }}>
      <Layout.Sider width={184} breakpoint="lg" collapsedWidth={64}>
        <div className="cbd-brand">{t('app.name')}</div>
        <nav aria-label={t('app.name')}>
          <Menu
            theme="dark"
            mode="inline"
            selectedKeys={[current]}
            items={items.map(({ key, Icon }) => ({ key, icon: <Icon />, label: t(`nav.${key}`) }))}
            onClick={(e) => void navigate(`/${e.key}`)}
          />
        </nav>
      </Layout.Sider>
      <Layout style={{ minWidth: 0 }}>
        <Layout.Header
          style={{
            background: '#fff',
            padding: '0 16px',
            display: 'flex',
            alignItems: 'center',
            justifyContent: 'space-between',
            borderBottom: '1px solid #f0f0f0',
            gap: 12,
          }}
        >
          <Typography.Text strong ellipsis>
            {session!.branch ? `${session!.branch.name}（${session!.branch.code}）` : ''}
          </Typography.Text>
          <Space size="middle">
            <span>
              {user.displayName} <Tag color="blue">{t(`roles.${user.role}`)}</Tag>
            </span>
            <LanguageSwitch />
            <Button icon={<LockOutlined />} onClick={() => lock.mutate({}, { onSuccess: setSession })}>
              {t('auth.lock.lockNow')}
            </Button>
            <Button icon={<LogoutOutlined />} onClick={() => logout.mutate({}, { onSuccess: setSession })}>
              {t('header.logout')}
            </Button>
          </Space>
        </Layout.Header>
        <Layout.Content style={{ padding: 16, minHeight: 0, overflow: 'hidden' }}>
          <main className="cbd-page">
            <Routes>
              <Route path="/" element={<Navigate to={HOME} replace />} />
              {pages.map(({ path, Page }) => (
                <Route key={path} path={path} element={<Page />} />
              ))}
              <Route path="*" element={<Navigate to={HOME} replace />} />
            </Routes>
          </main>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
