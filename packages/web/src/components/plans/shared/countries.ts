import { COMMIT_COUNTRIES } from '@ctip/domain';
import { useMemo } from 'react';
import { useCountryLabel } from '../../../api/queries';
import { useCan } from '../../../auth/session';

export type CountryOption = { value: string; label: string };

/**
 * The countries the user may create plans records for; then '' (no country: an entity or the
 * region) under `noCountryLabel` when the user may create without a country and `noCountryAllowed`.
 */
export function useWritableCountries(
  noCountryLabel: string,
  noCountryAllowed = true,
): CountryOption[] {
  const can = useCan();
  const countryLabel = useCountryLabel();
  return useMemo(() => {
    const out: CountryOption[] = COMMIT_COUNTRIES.filter((c) =>
      can('create', 'plan', { countryCode: c }),
    ).map((c) => ({ value: c, label: countryLabel(c) }));
    if (noCountryAllowed && can('create', 'plan', { countryCode: null })) {
      out.push({ value: '', label: noCountryLabel });
    }
    return out;
  }, [can, countryLabel, noCountryLabel, noCountryAllowed]);
}
