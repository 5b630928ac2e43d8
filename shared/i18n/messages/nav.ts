/** The `nav` namespace: the navigation menu entries. zh is the default language; en has the same keys. */
import type { Widen } from '../widen';

export const zh = {
  workbench: '工作台',
  tasks: '回访任务',
  loans: '贷款档案',
  import: '导入',
  review: '复核',
  reports: '报表',
  sync: '同步',
  settings: '设置',
} as const;

export const en: Widen<typeof zh> = {
  workbench: 'Workbench',
  tasks: 'Callback tasks',
  loans: 'Loan files',
  import: 'Import',
  review: 'Review',
  reports: 'Reports',
  sync: 'Sync',
  settings: 'Settings',
};
