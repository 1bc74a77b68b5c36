/** The seven interface languages (BCP 47 tags used by i18next and Intl). */
export const LOCALES = ['en', 'km', 'zh', 'lo', 'my', 'th', 'vi'] as const;
export type Locale = (typeof LOCALES)[number];

/** Calendars a user can choose for displaying dates. */
export const CALENDARS = ['gregory', 'buddhist'] as const;
export type Calendar = (typeof CALENDARS)[number];

/** The six COMMIT countries (ISO 3166-1 alpha-2). */
export const COMMIT_COUNTRIES = ['KH', 'CN', 'LA', 'MM', 'TH', 'VN'] as const;
export type CommitCountry = (typeof COMMIT_COUNTRIES)[number];

/** Whether a country code is one of the six COMMIT countries. */
export function isCommitCountry(code: string): code is CommitCountry {
  return (COMMIT_COUNTRIES as readonly string[]).includes(code);
}
