/** The `common` namespace: cross-cutting words (retry, loading, yuan). zh is the default language; en has the same keys. */
import type { Widen } from '../widen';

export const zh = { retry: '重试', loading: '加载中…', yuan: '元' } as const;

export const en: Widen<typeof zh> = { retry: 'Retry', loading: 'Loading…', yuan: 'CNY' };
