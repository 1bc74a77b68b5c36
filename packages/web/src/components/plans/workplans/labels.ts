import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';

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
