/** Display formats shared by the pages: money in yuan, dates and times in Asia/Shanghai, durations. */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

export interface Formats {
  /** Fen → `¥1,234.56`. */
  money(cents: number | null | undefined): string;
  /** ISO instant → local date and time (Asia/Shanghai). */
  dateTime(iso: string | null | undefined): string;
  /** ISO instant → local time (Asia/Shanghai). */
  time(iso: string | null | undefined): string;
  /** Seconds → `m:ss`. */
  duration(seconds: number | null | undefined): string;
}

export function useFormats(): Formats {
  const { i18n } = useTranslation();
  const lang = i18n.language;
  return useMemo(() => {
    const money = new Intl.NumberFormat(lang, { style: 'currency', currency: 'CNY' });
    const dt = new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Asia/Shanghai' });
    const tm = new Intl.DateTimeFormat(lang, { timeStyle: 'short', timeZone: 'Asia/Shanghai' });
    return {
      money: (c) => (c === null || c === undefined ? '—' : money.format(c / 100)),
      dateTime: (iso) => (iso ? dt.format(new Date(iso)) : '—'),
      time: (iso) => (iso ? tm.format(new Date(iso)) : '—'),
      duration: (s) =>
        s === null || s === undefined ? '—' : `${Math.floor(s / 60)}:${String(Math.floor(s % 60)).padStart(2, '0')}`,
    };
  }, [lang]);
}
