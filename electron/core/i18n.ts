/** Message translation outside the renderer (CLI, harness, main-process dialogs), from the shared catalogues via i18next. */
import i18next from 'i18next';
import { DEFAULT_LANGUAGE, LANGUAGES, resources, type Language } from '../../shared/i18n/index';

export function translator(lang: string | undefined): (key: string, params?: Record<string, unknown>) => string {
  const lng: Language = (LANGUAGES as readonly string[]).includes(lang ?? '') ? (lang as Language) : DEFAULT_LANGUAGE;
  const inst = i18next.createInstance();
  void inst.init({
    lng,
    fallbackLng: DEFAULT_LANGUAGE,
    initAsync: false,
    resources: Object.fromEntries(Object.entries(resources).map(([k, v]) => [k, { translation: v }])),
    interpolation: { escapeValue: false },
  });
  return (key, params) => inst.t(key, params ?? {});
}
