import type { Calendar, Locale } from '../reference/locales';

/** Years between the Buddhist Era and the Gregorian calendar (B.E. = C.E. + 543). */
export const BUDDHIST_ERA_OFFSET = 543;

/** The Buddhist-Era year of a Gregorian year. */
export function buddhistYear(gregorianYear: number): number {
  return gregorianYear + BUDDHIST_ERA_OFFSET;
}

/**
 * Format a date for display in the user's language and calendar, in UTC unless a time zone is given.
 * ### Example
 * `formatDate(new Date('2024-03-05T00:00:00Z'), { locale: 'en', calendar: 'buddhist' })` → `"5 Mar 2567 BE"`
 */
export function formatDate(
  value: Date,
  options: { locale: Locale; calendar: Calendar; withTime?: boolean; timeZone?: string },
): string {
  const tag = `${options.locale}-u-ca-${options.calendar}`;
  const fmt = new Intl.DateTimeFormat(tag, {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    ...(options.withTime ? { hour: '2-digit', minute: '2-digit' } : {}),
    timeZone: options.timeZone ?? 'UTC',
  });
  return fmt.format(value);
}
