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

/** "2019–2021" for a span of years, "2020" for one, '' for none. */
export function yearSpan(r: { yearStart: number | null; yearEnd: number | null }): string {
  if (r.yearStart !== null && r.yearEnd !== null && r.yearStart !== r.yearEnd) {
    return `${r.yearStart}–${r.yearEnd}`;
  }
  const y = r.yearStart ?? r.yearEnd;
  return y !== null ? String(y) : '';
}
