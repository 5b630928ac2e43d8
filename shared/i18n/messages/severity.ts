/** The `severity` namespace: the flag severities (shared vocabulary). zh is the default language; en has the same keys. */
import type { Widen } from '../widen';

export const zh = { high: '高', medium: '中', low: '低' } as const;

export const en: Widen<typeof zh> = { high: 'High', medium: 'Medium', low: 'Low' };
