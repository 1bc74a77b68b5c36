import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { useCalendar } from '../../../auth/session';

/** A calendar year as the user's calendar writes it (2567 for 2024 in the Buddhist Era). */
export function useYearLabel(): (year: number) => string {
  const calendar = useCalendar();
  const { i18n } = useTranslation();
  const locale = i18n.resolvedLanguage ?? 'en';
  return useCallback(
    (year: number) => {
      try {
        return new Intl.DateTimeFormat(`${locale}-u-ca-${calendar}`, {
          year: 'numeric',
          timeZone: 'UTC',
        }).format(new Date(Date.UTC(year, 6, 1)));
      } catch {
        return String(year);
      }
    },
    [calendar, locale],
  );
}

/** Money with two decimals at most, in the current language. */
export function useMoneyLabel(): (amount: number | null, currency: string) => string {
  const { i18n } = useTranslation();
  const locale = i18n.resolvedLanguage ?? 'en';
  return useCallback(
    (amount, currency) => {
      if (amount === null) {
        return '—';
      }
      try {
        return new Intl.NumberFormat(locale, {
          style: 'currency',
          currency,
          maximumFractionDigits: 2,
        }).format(amount);
      } catch {
        return `${amount} ${currency}`;
      }
    },
    [locale],
  );
}
