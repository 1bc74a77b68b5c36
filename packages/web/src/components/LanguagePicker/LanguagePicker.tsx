import { LOCALES, type Locale } from '@ctip/domain';
import { NativeSelect } from '@mantine/core';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../i18n/errors';
import { useChangeLanguage } from '../../i18n/hooks';
import { currentLocale, isLocale } from '../../i18n/i18n';
import { notify } from '../../i18n/notify';

/**
 * Each language by its own name (an endonym is the same in every catalogue, so it is not translated:
 * a reader must recognise their language whatever the current one is).
 */
export const LANGUAGE_ENDONYMS: Record<Locale, string> = {
  en: 'English',
  km: 'ភាសាខ្មែរ',
  zh: '中文（简体）',
  lo: 'ພາສາລາວ',
  my: 'မြန်မာဘာသာ',
  th: 'ภาษาไทย',
  vi: 'Tiếng Việt',
};

export type LanguagePickerProps = { label?: boolean };

/** The interface-language select; saves to the profile when logged in. */
export function LanguagePicker({ label = false }: LanguagePickerProps): ReactElement {
  const { t } = useTranslation();
  const changeLanguage = useChangeLanguage();
  const data = LOCALES.map((code) => ({ value: code, label: LANGUAGE_ENDONYMS[code] }));

  function handleChange(value: string): void {
    if (!isLocale(value)) {
      return;
    }
    changeLanguage(value).catch((err: unknown) => {
      notify('error', errorText(t, err));
    });
  }

  return (
    <NativeSelect
      data={data}
      value={currentLocale()}
      onChange={(event) => handleChange(event.currentTarget.value)}
      label={label ? t('common.language') : undefined}
      aria-label={label ? undefined : t('common.language')}
      data-testid="language-select"
      size="sm"
    />
  );
}
