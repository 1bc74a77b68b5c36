import {
  type Calendar,
  DIMENSION_OPTIONS,
  type Disaggregation,
  periodLabelParts,
  STAT_DIMENSIONS,
  type StatDimension,
  TOTAL,
} from '@ctip/domain';
import type { TFunction } from 'i18next';
import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useCountryLabel } from '../../../api/queries';
import { useCalendar } from '../../../auth/session';
import { isLocale } from '../../../i18n/i18n';

/** Dimensions whose options are country codes (named by the reference data). */
export function dimensionIsCountry(dim: StatDimension): boolean {
  return DIMENSION_OPTIONS[dim] === null;
}

/** A year as the user's calendar writes it (Buddhist Era: +543). */
export function displayYear(year: number, calendar: Calendar): number {
  return calendar === 'buddhist' ? year + 543 : year;
}

function monthName(month: number, locale: string, style: 'long' | 'short'): string {
  try {
    return new Intl.DateTimeFormat(locale, { month: style, timeZone: 'UTC' }).format(
      new Date(Date.UTC(2000, month - 1, 1)),
    );
  } catch {
    return String(month);
  }
}

function monthYear(year: number, month: number, locale: string, calendar: Calendar): string {
  const date = new Date(Date.UTC(year, month - 1, 1));
  try {
    return new Intl.DateTimeFormat(calendar === 'buddhist' ? `${locale}-u-ca-buddhist` : locale, {
      month: 'long',
      year: 'numeric',
      timeZone: 'UTC',
    }).format(date);
  } catch {
    return `${monthName(month, locale, 'long')} ${displayYear(year, calendar)}`;
  }
}

/**
 * A period id as text: `2024` → "2024" (BE "2567"), `2024Q1` → "Q1 2024", `202403` → "March 2024",
 * fiscal `2014Oct` → "FY 2015 (Oct 2014 – Sep 2015)", named by its end year as Thailand does.
 * ### Example
 * `periodText(t, '2014Oct', 'en', 'buddhist')` → "FY 2558 (Oct 2557 – Sep 2558)"
 */
export function periodText(t: TFunction, id: string, locale: string, calendar: Calendar): string {
  const p = periodLabelParts(id);
  if (!p) {
    return id;
  }
  switch (p.type) {
    case 'Yearly':
      return String(displayYear(p.year, calendar));
    case 'Quarterly':
      return t('statistics.period.quarter', {
        quarter: p.quarter,
        year: displayYear(p.year, calendar),
      });
    case 'Monthly':
      return monthYear(p.year, p.month, locale, calendar);
    case 'FinancialYear':
      return t('statistics.period.fiscal', {
        year: displayYear(p.endYear, calendar),
        from: `${monthName(p.startMonth, locale, 'short')} ${displayYear(p.startYear, calendar)}`,
        to: `${monthName(p.endMonth, locale, 'short')} ${displayYear(p.endYear, calendar)}`,
      });
  }
}

/** The short name of a period inside its year: "Q1", "Mar"; the full text otherwise. */
export function periodShortText(
  t: TFunction,
  id: string,
  locale: string,
  calendar: Calendar,
): string {
  const p = periodLabelParts(id);
  if (p?.type === 'Quarterly') {
    return t('statisticsData.period.quarterShort', { quarter: p.quarter });
  }
  if (p?.type === 'Monthly') {
    return monthName(p.month, locale, 'short');
  }
  return periodText(t, id, locale, calendar);
}

export type StatLabels = {
  element: (code: string) => string;
  dimension: (dim: StatDimension) => string;
  option: (dim: StatDimension, code: string) => string;
  /** "Female · Under 18", or "Total" for the all-total disaggregation. */
  disaggregation: (d: Disaggregation) => string;
  period: (id: string) => string;
  periodShort: (id: string) => string;
  country: (code: string | null | undefined) => string;
  ruleText: (ruleCode: string, kind: string) => string;
  dataSet: (code: string, name?: string | null) => string;
};

/**
 * Names of elements, dimensions and options (the `statistics` area of the dashboards, falling back
 * to the code), countries (reference data), and periods in the user's calendar.
 */
export function useStatLabels(): StatLabels {
  const { t, i18n } = useTranslation();
  const countryLabel = useCountryLabel();
  const calendar = useCalendar();
  const language = i18n.resolvedLanguage ?? i18n.language;
  const locale = isLocale(language) ? language : 'en';
  const element = useCallback(
    (code: string) => t(`statistics.element.${code}`, { defaultValue: code }),
    [t],
  );
  const dimension = useCallback(
    (dim: StatDimension) => t(`statistics.dimension.${dim}`, { defaultValue: dim }),
    [t],
  );
  const option = useCallback(
    (dim: StatDimension, code: string) => {
      if (code === TOTAL) {
        return t('statistics.option.total');
      }
      return dimensionIsCountry(dim)
        ? countryLabel(code)
        : t(`statistics.option.${dim}.${code}`, { defaultValue: code });
    },
    [t, countryLabel],
  );
  const disaggregation = useCallback(
    (d: Disaggregation) => {
      const parts = STAT_DIMENSIONS.filter((dim) => (d[dim] ?? TOTAL) !== TOTAL).map((dim) =>
        option(dim, d[dim] ?? TOTAL),
      );
      return parts.length === 0 ? t('statistics.option.total') : parts.join(' · ');
    },
    [option, t],
  );
  const period = useCallback(
    (id: string) => periodText(t, id, locale, calendar),
    [t, locale, calendar],
  );
  const periodShort = useCallback(
    (id: string) => periodShortText(t, id, locale, calendar),
    [t, locale, calendar],
  );
  const ruleText = useCallback(
    (ruleCode: string, kind: string) =>
      t(`statisticsData.rule.${ruleCode}`, {
        defaultValue: t(`statisticsData.ruleKind.${kind}`, { defaultValue: ruleCode }),
      }),
    [t],
  );
  const dataSet = useCallback(
    (code: string, name?: string | null) =>
      t(`statistics.dataSet.${code}`, { defaultValue: name || code }),
    [t],
  );
  return useMemo(
    () => ({
      dataSet,
      element,
      dimension,
      option,
      disaggregation,
      period,
      periodShort,
      country: countryLabel,
      ruleText,
    }),
    [
      dataSet,
      element,
      dimension,
      option,
      disaggregation,
      period,
      periodShort,
      countryLabel,
      ruleText,
    ],
  );
}
