import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { useCalendar } from '../../../auth/session';

/** A year in the user's calendar (Thai Buddhist Era when chosen). */
export function useFrameworkYear(): (year: number) => string {
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

/** "2011–2013, extended to 2014" in the user's calendar. */
export function usePeriodLabel(): (f: {
  periodStart: number;
  periodEnd: number;
  extendedTo: number | null;
}) => string {
  const { t } = useTranslation();
  const year = useFrameworkYear();
  return useCallback(
    (f) => {
      const base = `${year(f.periodStart)}–${year(f.periodEnd)}`;
      return f.extendedTo !== null && f.extendedTo !== f.periodEnd
        ? t('plansFrameworks.period.extended', { period: base, year: year(f.extendedTo) })
        : base;
    },
    [t, year],
  );
}
