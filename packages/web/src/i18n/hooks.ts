import type { Locale } from '@ctip/domain';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { meApi } from '../api/endpoints';
import { applyUser, useCalendar, useSession } from '../auth/session';
import { formatDisplayDate } from './dates';
import { i18n, isLocale, setPreLoginChoice } from './i18n';

/**
 * Switch the interface language; when logged in, also save it to the user's profile so it follows
 * the user to other devices. Before login it is kept in localStorage only.
 */
export function useChangeLanguage(): (locale: Locale) => Promise<void> {
  const queryClient = useQueryClient();
  const session = useSession();
  return useCallback(
    async (locale: Locale) => {
      await i18n.changeLanguage(locale);
      if (!session) {
        setPreLoginChoice(locale);
        return;
      }
      if (session.user.locale !== locale) {
        const user = await meApi.update({ locale });
        applyUser(queryClient, user);
      }
    },
    [queryClient, session],
  );
}

export type FormatDateFn = (value: Date | string | null | undefined, withTime?: boolean) => string;

/** Date formatting in the current language and the user's calendar (see formatDisplayDate). */
export function useFormatDate(): FormatDateFn {
  const { i18n: instance } = useTranslation();
  const calendar = useCalendar();
  const language = instance.resolvedLanguage ?? instance.language;
  const locale = isLocale(language) ? language : 'en';
  return useCallback<FormatDateFn>(
    (value, withTime = false) => formatDisplayDate(value, { locale, calendar, withTime }),
    [calendar, locale],
  );
}
