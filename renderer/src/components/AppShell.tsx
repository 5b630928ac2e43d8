/** The signed-in frame: navigation on the left, branch and user in the header, pages by route. */
import {
  AuditOutlined,
  BarChartOutlined,
  CloudSyncOutlined,
  DesktopOutlined,
  FileSearchOutlined,
  LockOutlined,
  LogoutOutlined,
  PhoneOutlined,
  SettingOutlined,
  UploadOutlined,
} from '@ant-design/icons';
import { Button, Layout, Menu, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router';
import { roleAllows, type ChannelRole } from '../../../shared/roles';
import { call } from '../api';
import { ImportPage } from '../pages/ImportPage';
import { LoansPage } from '../pages/LoansPage';
import { LoanFilePage } from '../loans/LoanFilePage';
import { SettingsPage } from '../pages/SettingsPage';
import { WorkbenchPage } from '../pages/WorkbenchPage';
import { TasksPage } from '../tasks/TasksPage';
import { CallPage } from '../calls/CallPage';
import { ReviewPage } from '../review/ReviewPage';
import { PlaceholderPage } from '../pages/PlaceholderPage';
import { ReportsPage } from '../reports/ReportsPage';
import { SyncPage } from '../sync/SyncPage';
import { useSession } from '../session/SessionContext';
import { useIdleLock } from '../session/useIdleLock';
import { LanguageSwitch } from './LanguageSwitch';

const NAV: { key: string; icon: React.ReactNode; role: ChannelRole }[] = [
  { key: 'workbench', icon: <DesktopOutlined />, role: 'officer' },
  { key: 'tasks', icon: <PhoneOutlined />, role: 'officer' },
  { key: 'loans', icon: <FileSearchOutlined />, role: 'officer' },
  { key: 'import', icon: <UploadOutlined />, role: 'manager' },
  { key: 'review', icon: <AuditOutlined />, role: 'manager' },
  { key: 'reports', icon: <BarChartOutlined />, role: 'manager' },
  { key: 'sync', icon: <CloudSyncOutlined />, role: 'manager' },
  { key: 'settings', icon: <SettingOutlined />, role: 'officer' },
];

export function AppShell() {
  const { t } = useTranslation();
  const { session, setSession } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  useIdleLock();
  const user = session!.user!;
  const items = NAV.filter((n) => roleAllows(n.role, user.role));
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
            items={items.map((n) => ({ key: n.key, icon: n.icon, label: t(`nav.${n.key}`) }))}
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
            <Button icon={<LockOutlined />} onClick={() => void call('auth.lock', {}).then(setSession)}>
              {t('lock.lockNow')}
            </Button>
            <Button icon={<LogoutOutlined />} onClick={() => void call('auth.logout', {}).then(setSession)}>
              {t('header.logout')}
            </Button>
          </Space>
        </Layout.Header>
        <Layout.Content style={{ padding: 16, minHeight: 0, overflow: 'hidden' }}>
          <main className="cbd-page">
            <Routes>
              <Route path="/" element={<Navigate to="/workbench" replace />} />
              <Route path="/loans" element={<LoansPage />} />
              <Route path="/loans/:loanNo" element={<LoanFilePage />} />
              {roleAllows('manager', user.role) && <Route path="/import" element={<ImportPage />} />}
              {roleAllows('manager', user.role) && <Route path="/review" element={<ReviewPage />} />}
              <Route path="/tasks" element={<TasksPage />} />
              <Route path="/call/:taskId" element={<CallPage />} />
              <Route path="/workbench" element={<WorkbenchPage />} />
              <Route path="/settings" element={<SettingsPage />} />
              <Route path="/reports" element={<ReportsPage />} />
              {roleAllows('manager', user.role) && <Route path="/sync" element={<SyncPage />} />}
              {items
                .filter(
                  (n) =>
                    !['loans', 'import', 'review', 'tasks', 'workbench', 'settings', 'reports', 'sync'].includes(n.key),
                )
                .map((n) => (
                  <Route
                    key={n.key}
                    path={`/${n.key}`}
                    element={
                      <PlaceholderPage
                        title={t(`nav.${n.key}`)}
                        text={t(`placeholder.${n.key}`, { minutes: session!.idleLockMinutes })}
                        action={n.key === 'workbench' ? { label: t('nav.loans'), to: '/loans' } : undefined}
                      />
                    }
                  />
                ))}
              <Route path="*" element={<Navigate to="/workbench" replace />} />
            </Routes>
          </main>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
