/**
 * Message catalogues for every language, used by the renderer (i18next), core and the CLI. One file
 * per namespace in messages/ (its top-level key; zh-CN and en side by side), merged in messages/index.ts.
 */
import { en, zhCN } from './messages/index';
import type { Widen } from './widen';

export type Messages = Widen<typeof zhCN>;

export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'zh-CN';

/** The default catalogue with its literal texts: the source of the typed keys (renderer/src/i18n/types.ts). */
export const defaultMessages = zhCN;

export const resources: Record<Language, Messages> = { 'zh-CN': zhCN, en };
