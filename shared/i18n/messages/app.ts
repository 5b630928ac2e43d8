/** The `app` namespace: the application name and subtitle. zh is the default language; en has the same keys. */
import type { Widen } from '../widen';

export const zh = { name: '回访工作台', subtitle: '房贷回访核实系统' } as const;

export const en: Widen<typeof zh> = { name: 'Callback Desk', subtitle: 'Mortgage call-back verification' };
