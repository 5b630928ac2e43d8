/** The `header` namespace: the app header bar. zh is the default language; en has the same keys. */
import type { Widen } from '../widen';

export const zh = { logout: '退出登录', language: '语言', branch: '网点' } as const;

export const en: Widen<typeof zh> = { logout: 'Sign out', language: 'Language', branch: 'Branch' };
