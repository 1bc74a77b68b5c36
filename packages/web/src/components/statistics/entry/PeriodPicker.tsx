import { MONTH_ABBREVIATIONS, type PeriodType, parsePeriod } from '@ctip/domain';
import { Group, Select } from '@mantine/core';
import { type ReactElement, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useCalendar } from '../../../auth/session';
import { displayYear, useStatLabels } from './labels';

export type PeriodPickerProps = {
  periodType: PeriodType;
  value: string | null;
  onChange: (period: string) => void;
  /** The reporting country's fiscal start month (1–12), for FinancialYear. */
  fiscalStartMonth?: number;
  /** The latest calendar year offered (default: this year). */
  latestYear?: number;
  /** How many years back are offered. */
  years?: number;
};

/** The period of `type` the picker starts on: the latest complete or current one. */
export function defaultPeriod(type: PeriodType, now: Date, fiscalStartMonth = 1): string {
  const year = now.getUTCFullYear();
  const month = now.getUTCMonth() + 1;
  switch (type) {
    case 'Yearly':
      return String(year - 1);
    case 'Quarterly':
      return month <= 3 ? `${year - 1}Q4` : `${year}Q${Math.ceil(month / 3) - 1}`;
    case 'Monthly':
      return month === 1 ? `${year - 1}12` : `${year}${String(month - 1).padStart(2, '0')}`;
    case 'FinancialYear': {
      // The last fiscal year that has ended.
      const startYear = month >= fiscalStartMonth ? year - 1 : year - 2;
      return `${startYear}${MONTH_ABBREVIATIONS[fiscalStartMonth - 1]}`;
    }
  }
}

/**
 * Choose a reporting period of the data set's type: a year (in the user's calendar), a fiscal year
 * named by the year it ends in, a quarter or a month of a year.
 */
export function PeriodPicker({
  periodType,
  value,
  onChange,
  fiscalStartMonth = 1,
  latestYear,
  years = 15,
}: PeriodPickerProps): ReactElement {
  const { t, i18n } = useTranslation();
  const calendar = useCalendar();
  const labels = useStatLabels();
  const last = latestYear ?? new Date().getUTCFullYear();
  const parsed = value ? parsePeriod(value) : null;
  const year = parsed?.year ?? last - 1;
  const yearOptions = useMemo(
    () =>
      Array.from({ length: years }, (_, i) => last - i).map((y) => ({
        value: String(y),
        label: String(displayYear(y, calendar)),
      })),
    [last, years, calendar],
  );

  if (periodType === 'FinancialYear') {
    const mon = MONTH_ABBREVIATIONS[fiscalStartMonth - 1] ?? 'Jan';
    const data = Array.from({ length: years }, (_, i) => `${last - i}${mon}`).map((id) => ({
      value: id,
      label: labels.period(id),
    }));
    if (value && !data.some((d) => d.value === value)) {
      data.unshift({ value, label: labels.period(value) });
    }
    return (
      <Select
        label={t('statisticsData.period.label')}
        data={data}
        value={value}
        onChange={(v) => v && onChange(v)}
        allowDeselect={false}
        data-testid="period-picker"
      />
    );
  }

  const yearSelect = (
    <Select
      label={
        periodType === 'Yearly' ? t('statisticsData.period.label') : t('statisticsData.period.year')
      }
      data={yearOptions}
      value={String(year)}
      onChange={(v) => {
        if (!v) {
          return;
        }
        if (periodType === 'Yearly') {
          onChange(v);
        } else if (periodType === 'Quarterly') {
          onChange(`${v}Q${parsed?.index ?? 1}`);
        } else {
          onChange(`${v}${String(parsed?.index ?? 1).padStart(2, '0')}`);
        }
      }}
      allowDeselect={false}
      data-testid="period-year"
    />
  );
  if (periodType === 'Yearly') {
    return yearSelect;
  }
  const locale = i18n.resolvedLanguage ?? 'en';
  const sub =
    periodType === 'Quarterly'
      ? [1, 2, 3, 4].map((q) => ({
          value: String(q),
          label: t('statisticsData.period.quarterShort', { quarter: q }),
        }))
      : Array.from({ length: 12 }, (_, i) => ({
          value: String(i + 1),
          label: new Intl.DateTimeFormat(locale, { month: 'long', timeZone: 'UTC' }).format(
            new Date(Date.UTC(2000, i, 1)),
          ),
        }));
  return (
    <Group gap="xs" align="flex-end">
      {yearSelect}
      <Select
        label={
          periodType === 'Quarterly'
            ? t('statisticsData.period.quarterLabel')
            : t('statisticsData.period.monthLabel')
        }
        data={sub}
        value={String(parsed?.index ?? 1)}
        onChange={(v) => {
          if (!v) {
            return;
          }
          onChange(periodType === 'Quarterly' ? `${year}Q${v}` : `${year}${v.padStart(2, '0')}`);
        }}
        allowDeselect={false}
        data-testid="period-sub"
      />
    </Group>
  );
}
