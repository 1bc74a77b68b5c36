import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { useYearLabel } from '../shared/labels';

/** "2011–2013, extended to 2014" in the user's calendar. */
export function usePeriodLabel(): (f: {
  periodStart: number;
  periodEnd: number;
  extendedTo: number | null;
}) => string {
  const { t } = useTranslation();
  const year = useYearLabel();
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
