/**
 * Typed message keys: i18next reads the key set from the default (zh-CN) catalogue, so `t('no.such.key')`
 * is a type error in the renderer. Server messages are runtime strings: they go through `tMessage`
 * (messages.ts), the one place that treats a string as a key.
 */
import type { defaultMessages } from '../../../shared/i18n/index';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof defaultMessages };
  }
}
