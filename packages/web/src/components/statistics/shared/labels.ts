import {
  type Calendar,
  type Locale,
  type PivotAxis,
  periodLabelParts,
  REGION_UNIT,
} from '@ctip/domain';
import type { TFunction } from 'i18next';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useCountryLabel } from '../../../api/queries';
import { useCalendar } from '../../../auth/session';
import { isLocale } from '../../../i18n/i18n';

/** Axes whose options are country codes (named through the reference data / Intl). */
const COUNTRY_AXES: readonly PivotAxis[] = ['country', 'nationality', 'country_from', 'country_to'];

/** Everything a statistics screen needs to name codes and format numbers in the user's language. */
export type StatLabels = {
  locale: Locale;
  calendar: Calendar;
  element: (code: string) => string;
  indicator: (code: string) => string;
  dataSet: (code: string) => string;
  dimension: (axis: PivotAxis) => string;
  /** An option of an axis; '' is the total of that axis. */
  option: (axis: PivotAxis, code: string) => string;
  period: (id: string) => string;
  /** A calendar year as the user's calendar writes it (2567 BE for 2024 in the Buddhist calendar). */
  year: (year: number) => string;
  number: (value: number, decimals?: number) => string;
  country: (code: string) => string;
};

function yearLabel(locale: Locale, calendar: Calendar, year: number): string {
  try {
    return new Intl.DateTimeFormat(`${locale}-u-ca-${calendar}`, {
      year: 'numeric',
      timeZone: 'UTC',
    }).format(new Date(Date.UTC(year, 6, 1)));
  } catch {
    return String(year);
  }
}

function monthLabel(
  locale: Locale,
  calendar: Calendar,
  year: number,
  month: number,
  withYear: boolean,
): string {
  try {
    return new Intl.DateTimeFormat(`${locale}-u-ca-${calendar}`, {
      ...(withYear ? { year: 'numeric' } : {}),
      month: 'short',
      timeZone: 'UTC',
    }).format(new Date(Date.UTC(year, month - 1, 15)));
  } catch {
    return withYear ? `${year}-${String(month).padStart(2, '0')}` : String(month);
  }
}

/**
 * Build the labels from their parts (pure, for tests); see useStatLabels.
 * ### Example
 * `makeStatLabels(t, 'en', 'buddhist', c => c).period('2014Oct')` → "FY 2558 BE (Oct–Sep)".
 */
export function makeStatLabels(
  t: TFunction,
  locale: Locale,
  calendar: Calendar,
  country: (code: string) => string,
): StatLabels {
  const numberFormats = new Map<number, Intl.NumberFormat>();
  const formatNumber = (value: number, decimals = 0): string => {
    let f = numberFormats.get(decimals);
    if (!f) {
      f = new Intl.NumberFormat(locale, {
        maximumFractionDigits: decimals,
        minimumFractionDigits: 0,
      });
      numberFormats.set(decimals, f);
    }
    return f.format(value);
  };
  const year = (y: number) => yearLabel(locale, calendar, y);
  const period = (id: string): string => {
    const parts = periodLabelParts(id);
    if (!parts) {
      return id;
    }
    switch (parts.type) {
      case 'Yearly':
        return year(parts.year);
      case 'Quarterly':
        return t('statistics.period.quarter', { quarter: parts.quarter, year: year(parts.year) });
      case 'Monthly':
        return monthLabel(locale, calendar, parts.year, parts.month, true);
      case 'FinancialYear':
        return t('statistics.period.fiscal', {
          year: year(parts.endYear),
          from: monthLabel(locale, calendar, parts.startYear, parts.startMonth, false),
          to: monthLabel(locale, calendar, parts.endYear, parts.endMonth, false),
        });
    }
  };
  const countryName = (code: string) =>
    code === REGION_UNIT ? t('statistics.option.region') : country(code);
  return {
    locale,
    calendar,
    element: (code) => t(`statistics.element.${code}`, { defaultValue: code }),
    indicator: (code) => t(`statistics.indicator.${code}`, { defaultValue: code }),
    dataSet: (code) => t(`statistics.dataSet.${code}`, { defaultValue: code }),
    dimension: (axis) => t(`statistics.dimension.${axis}`, { defaultValue: axis }),
    option: (axis, code) => {
      if (code === '') {
        return t('statistics.option.total');
      }
      if (axis === 'period') {
        return period(code);
      }
      if (COUNTRY_AXES.includes(axis)) {
        return countryName(code);
      }
      return t(`statistics.option.${axis}.${code}`, { defaultValue: code });
    },
    period,
    year,
    number: formatNumber,
    country: countryName,
  };
}

/** makeStatLabels bound to the current language, the user's calendar and the reference countries. */
export function useStatLabels(): StatLabels {
  const { t, i18n } = useTranslation();
  const calendar = useCalendar();
  const countryLabel = useCountryLabel();
  const language = i18n.resolvedLanguage ?? i18n.language;
  const locale: Locale = isLocale(language) ? language : 'en';
  return useMemo(
    () => makeStatLabels(t, locale, calendar, countryLabel),
    [t, locale, calendar, countryLabel],
  );
}
