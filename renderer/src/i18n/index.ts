/**
 * UI language: i18next with the shared catalogues (keys typed, types.ts); antd and dayjs locales switch with it.
 * The choice is remembered on this workstation.
 */
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import enUS from 'antd/es/locale/en_US';
import zhCN from 'antd/es/locale/zh_CN';
import type { Locale } from 'antd/es/locale';
import { DEFAULT_LANGUAGE, LANGUAGES, resources, type Language } from '../../../shared/i18n/index';
import './types';

const STORAGE_KEY = 'callback-desk.language';

function initialLanguage(): Language {
  const saved = localStorage.getItem(STORAGE_KEY);
  return (LANGUAGES as readonly string[]).includes(saved ?? '') ? (saved as Language) : DEFAULT_LANGUAGE;
}

export function antdLocale(lang: string): Locale {
  return lang === 'en' ? enUS : zhCN;
}

function applyLanguage(lang: Language): void {
  dayjs.locale(lang === 'en' ? 'en' : 'zh-cn');
  document.documentElement.lang = lang;
}

const lng = initialLanguage();
applyLanguage(lng);
void i18next.use(initReactI18next).init({
  lng,
  fallbackLng: DEFAULT_LANGUAGE,
  initAsync: false,
  resources: Object.fromEntries(Object.entries(resources).map(([k, v]) => [k, { translation: v }])),
  interpolation: { escapeValue: false },
});

export async function setLanguage(lang: Language): Promise<void> {
  localStorage.setItem(STORAGE_KEY, lang);
  applyLanguage(lang);
  await i18next.changeLanguage(lang);
}

export default i18next;
