/** Display formats shared by the pages: money in yuan, dates and times in Asia/Shanghai, durations, file sizes. */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { SHANGHAI_TZ } from '../../../shared/domain/shanghai';

export interface Formats {
  /** Fen → `¥1,234.56`. */
  money(cents: number | null | undefined): string;
  /** ISO instant → local date and time (Asia/Shanghai). */
  dateTime(iso: string | null | undefined): string;
  /** ISO instant → local time (Asia/Shanghai). */
  time(iso: string | null | undefined): string;
  /** Seconds → `m:ss`. */
  duration(seconds: number | null | undefined): string;
  /** Bytes → `840 KB`, `12.3 MB`. */
  size(bytes: number): string;
}

export function useFormats(): Formats {
  const { i18n } = useTranslation();
  const lang = i18n.language;
  return useMemo(() => {
    const money = new Intl.NumberFormat(lang, { style: 'currency', currency: 'CNY' });
    const dt = new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short', timeZone: SHANGHAI_TZ });
    const tm = new Intl.DateTimeFormat(lang, { timeStyle: 'short', timeZone: SHANGHAI_TZ });
    const kb = new Intl.NumberFormat(lang, { style: 'unit', unit: 'kilobyte', maximumFractionDigits: 0 });
    const mb = new Intl.NumberFormat(lang, { style: 'unit', unit: 'megabyte', maximumFractionDigits: 1 });
    return {
      money: (c) => (c === null || c === undefined ? '—' : money.format(c / 100)),
      dateTime: (iso) => (iso ? dt.format(new Date(iso)) : '—'),
      time: (iso) => (iso ? tm.format(new Date(iso)) : '—'),
      duration: (s) =>
        s === null || s === undefined ? '—' : `${Math.floor(s / 60)}:${String(Math.floor(s % 60)).padStart(2, '0')}`,
      size: (b) => (b < 1024 * 1024 ? kb.format(Math.max(1, Math.round(b / 1024))) : mb.format(b / (1024 * 1024))),
    };
  }, [lang]);
}
