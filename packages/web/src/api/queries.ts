import type { Locale, Role } from '@ctip/domain';
import { useQuery } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLocale, isLocale } from '../i18n/i18n';
import { agenciesApi, type Country, referenceApi, rolesApi } from './endpoints';

const HOUR = 60 * 60_000;

/** Countries of the reference data (rarely change: cached for an hour). */
export function useCountries() {
  return useQuery({
    queryKey: ['reference', 'countries'],
    queryFn: async () => (await referenceApi.countries()).items,
    staleTime: HOUR,
  });
}

/** Organisation types for agencies. */
export function useOrganisationTypes() {
  return useQuery({
    queryKey: ['reference', 'organisation-types'],
    queryFn: async () => (await referenceApi.organisationTypes()).items,
    staleTime: HOUR,
  });
}

/**
 * An organisation type's name in the current language (`orgType.<code>` of the catalogues); for a
 * code the catalogues lack, the server's English `name`, else the code itself.
 */
export function organisationTypeLabel(t: TFunction, code: string, name?: string | null): string {
  const fallback = name || code;
  return /^\w+$/.test(code) ? t(`orgType.${code}`, { defaultValue: fallback }) : fallback;
}

/** `organisationTypeLabel` bound to the cached reference list and the current language. */
export function useOrganisationTypeLabel(): (code: string | null | undefined) => string {
  const { data } = useOrganisationTypes();
  const { t } = useTranslation();
  return useCallback(
    (code) =>
      code ? organisationTypeLabel(t, code, data?.find((ty) => ty.code === code)?.name) : '',
    [data, t],
  );
}

/** All roles the user may see. */
export function useRoles(enabled = true) {
  return useQuery({
    queryKey: ['roles'],
    queryFn: async () => (await rolesApi.list()).items,
    enabled,
  });
}

/** Agencies for pickers (first 200, by name). */
export function useAgencyOptions(enabled = true) {
  return useQuery({
    queryKey: ['agencies', 'options'],
    queryFn: async () => (await agenciesApi.list({ page: 1, pageSize: 200 })).items,
    enabled,
    staleTime: 60_000,
  });
}

/** A country's name in the current language: reference data first, then the browser's Intl. */
export function countryLabel(
  code: string,
  countries: readonly Country[] | undefined,
  locale: Locale = currentLocale(),
): string {
  const ref = countries?.find((c) => c.code === code);
  const fromRef = ref?.names[locale] ?? ref?.name;
  if (fromRef) {
    return fromRef;
  }
  try {
    return new Intl.DisplayNames([locale, 'en'], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** `countryLabel` bound to the cached reference list and the current language. */
export function useCountryLabel(): (code: string | null | undefined) => string {
  const { data } = useCountries();
  const { i18n } = useTranslation();
  const language = i18n.resolvedLanguage;
  const locale = isLocale(language) ? language : 'en';
  return useCallback((code) => (code ? countryLabel(code, data, locale) : ''), [data, locale]);
}

/** A role's display name: built-in roles are translated, custom roles show their own name. */
export function roleLabel(t: TFunction, role: Pick<Role, 'key' | 'name' | 'isBuiltIn'>): string {
  return role.isBuiltIn ? t(`role.${role.key}.name`, { defaultValue: role.name }) : role.name;
}

/** A role's description, translated for built-in roles. */
export function roleDescription(
  t: TFunction,
  role: Pick<Role, 'key' | 'description' | 'isBuiltIn'>,
): string {
  return role.isBuiltIn
    ? t(`role.${role.key}.description`, { defaultValue: role.description ?? '' })
    : (role.description ?? '');
}
