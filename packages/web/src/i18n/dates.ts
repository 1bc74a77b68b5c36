import { type Calendar, formatDate, type Locale } from '@ctip/domain';

export type DateDisplayOptions = { locale: Locale; calendar: Calendar; withTime?: boolean };

/**
 * The one way the web app turns a date into text: the user's language and calendar, through
 * `formatDate()` of @ctip/domain (so Buddhist Era years read 2569 for 2026).
 * @param value - A Date or an ISO string; null/undefined/invalid give an empty string.
 * @param options - Locale, calendar and whether to show the time.
 * @returns The formatted date, or '' when there is none.
 */
export function formatDisplayDate(
  value: Date | string | null | undefined,
  options: DateDisplayOptions,
): string {
  if (value === null || value === undefined || value === '') {
    return '';
  }
  const date = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) {
    return '';
  }
  return formatDate(date, {
    locale: options.locale,
    calendar: options.calendar,
    withTime: options.withTime,
    // Users read local time; storage and the API stay in UTC.
    timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
  });
}
