import { LOCALES, SUPPORT_TYPES } from '@ctip/domain';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLocale } from '../../i18n/i18n';

/** A language's name in the interface language (browser Intl), else the code. */
export function languageName(code: string): string {
  try {
    return new Intl.DisplayNames([currentLocale(), 'en'], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** The seven interface languages as select options, named in the interface language. */
export function useLanguageOptions(): { value: string; label: string }[] {
  const { i18n } = useTranslation();
  const lng = i18n.resolvedLanguage;
  // biome-ignore lint/correctness/useExhaustiveDependencies: relabel when the language changes
  return useMemo(() => LOCALES.map((l) => ({ value: l, label: languageName(l) })), [lng]);
}

/** The HTCDS support types (services) as select options. */
export function useServiceOptions(): { value: string; label: string }[] {
  const { t } = useTranslation();
  return useMemo(
    () => SUPPORT_TYPES.map((s) => ({ value: s, label: t(`referrals.service.${s}`) })),
    [t],
  );
}
