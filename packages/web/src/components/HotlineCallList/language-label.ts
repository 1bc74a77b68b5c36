import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * A language code's name in the current interface language (the browser's Intl data), else the code.
 * ### Example
 * In Thai, `label('my')` → `'พม่า'`.
 */
export function useLanguageLabel(): (code: string) => string {
  const { i18n } = useTranslation();
  const locale = i18n.resolvedLanguage ?? 'en';
  return useCallback(
    (code: string) => {
      try {
        return new Intl.DisplayNames([locale, 'en'], { type: 'language' }).of(code) ?? code;
      } catch {
        return code;
      }
    },
    [locale],
  );
}
