/** Message catalogues for every language, used by the renderer (i18next) and the CLI. */
import { en } from './en';
import { zhCN } from './zh-CN';

type Widen<T> = { -readonly [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
export type Messages = Widen<typeof zhCN>;

export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'zh-CN';

export const resources: Record<Language, Messages> = { 'zh-CN': zhCN, en };
