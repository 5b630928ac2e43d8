/** The `roles` namespace: the role names (shared vocabulary). zh is the default language; en has the same keys. */
import type { Widen } from '../widen';

export const zh = { officer: '回访员', manager: '网点负责人', admin: '系统管理员' } as const;

export const en: Widen<typeof zh> = { officer: 'Call-back officer', manager: 'Branch manager', admin: 'Administrator' };
