/**
 * The signed-in pages, one row each: address, least role, and menu entry. The menu and the routes
 * both read this table, so a page hidden from a role is also unreachable by its address.
 */
import {
  AuditOutlined,
  BarChartOutlined,
  CloudSyncOutlined,
  DesktopOutlined,
  FileSearchOutlined,
  PhoneOutlined,
  SettingOutlined,
  UploadOutlined,
} from '@ant-design/icons';
import type { ComponentType } from 'react';
import { roleAllows, type ChannelRole, type Role } from '../../../shared/roles';
import { CallPage } from '../features/calls/CallPage';
import { ImportPage } from '../features/imports/ImportPage';
import { LoansPage } from '../features/loans/LoansPage';
import { SettingsPage } from '../features/settings/SettingsPage';
import { WorkbenchPage } from '../features/workbench/WorkbenchPage';
import { LoanFilePage } from '../features/loans/LoanFilePage';
import { ReportsPage } from '../features/reports/ReportsPage';
import { ReviewPage } from '../features/review/ReviewPage';
import { SyncPage } from '../features/sync/SyncPage';
import { TasksPage } from '../features/tasks/TasksPage';
import type { Messages } from '../../../shared/i18n/index';

export interface AppPage {
  path: string;
  Page: ComponentType;
  role: ChannelRole;
  /** In the menu, under `nav.<key>`; the key is also the first part of the path. */
  nav?: { key: keyof Messages['nav']; Icon: ComponentType };
}

/** Where the shell starts, and where an address the user may not open leads. */
export const HOME = '/workbench';

/** In menu order. */
export const PAGES: readonly AppPage[] = [
  { path: '/workbench', Page: WorkbenchPage, role: 'officer', nav: { key: 'workbench', Icon: DesktopOutlined } },
  { path: '/tasks', Page: TasksPage, role: 'officer', nav: { key: 'tasks', Icon: PhoneOutlined } },
  { path: '/call/:taskId', Page: CallPage, role: 'officer' },
  { path: '/loans', Page: LoansPage, role: 'officer', nav: { key: 'loans', Icon: FileSearchOutlined } },
  { path: '/loans/:loanNo', Page: LoanFilePage, role: 'officer' },
  { path: '/import', Page: ImportPage, role: 'manager', nav: { key: 'import', Icon: UploadOutlined } },
  { path: '/review', Page: ReviewPage, role: 'manager', nav: { key: 'review', Icon: AuditOutlined } },
  { path: '/reports', Page: ReportsPage, role: 'manager', nav: { key: 'reports', Icon: BarChartOutlined } },
  { path: '/sync', Page: SyncPage, role: 'manager', nav: { key: 'sync', Icon: CloudSyncOutlined } },
  { path: '/settings', Page: SettingsPage, role: 'officer', nav: { key: 'settings', Icon: SettingOutlined } },
];

/** The pages this role may open (and see in the menu). */
export function pagesFor(role: Role): AppPage[] {
  return PAGES.filter((p) => roleAllows(p.role, role));
}
