/** The `menu` namespace: the Electron application menu's top-level entries. zh is the default language; en has the same keys. */
import type { Widen } from '../widen';

export const zh = {
  app: '回访工作台',
  file: '文件',
  edit: '编辑',
  view: '视图',
  window: '窗口',
  developer: '开发',
} as const;

export const en: Widen<typeof zh> = {
  app: 'Callback Desk',
  file: 'File',
  edit: 'Edit',
  view: 'View',
  window: 'Window',
  developer: 'Developer',
};
