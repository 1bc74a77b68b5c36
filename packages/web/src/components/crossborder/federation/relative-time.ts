import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';

const STEPS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['second', 60],
  ['minute', 60],
  ['hour', 24],
  ['day', 30],
  ['month', 12],
  ['year', Number.POSITIVE_INFINITY],
];

/** `fn(iso)` → "3 minutes ago" in the interface language; '' for no date. */
export function useRelativeTime(): (iso: string | null | undefined, now?: number) => string {
  const { i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'en';
  return useCallback(
    (iso, now = Date.now()) => {
      if (!iso) {
        return '';
      }
      const fmt = new Intl.RelativeTimeFormat(language, { numeric: 'auto' });
      let value = (Date.parse(iso) - now) / 1000;
      for (const [unit, size] of STEPS) {
        if (Math.abs(value) < size) {
          return fmt.format(Math.round(value), unit);
        }
        value /= size;
      }
      return '';
    },
    [language],
  );
}
