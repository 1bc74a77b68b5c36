import { COMMIT_COUNTRIES } from '@ctip/domain';
import { NumberInput, Select } from '@mantine/core';
import { type ReactElement, useCallback, useState } from 'react';
import { useCountryLabel } from '../../../api/queries';

/**
 * Filter state for a plans list: `setFilter(k, v)` sets one filter, and an empty value
 * (undefined, null or '') removes it.
 */
export function useFilters<F extends object>(): [
  F,
  <K extends keyof F>(k: K, v: F[K] | null | undefined) => void,
] {
  const [filters, setFilters] = useState<F>({} as F);
  const setFilter = useCallback(
    <K extends keyof F>(k: K, v: F[K] | null | undefined) =>
      setFilters((f) => {
        const next = { ...f };
        if (v === undefined || v === null || v === '') {
          delete next[k];
        } else {
          next[k] = v;
        }
        return next;
      }),
    [],
  );
  return [filters, setFilter];
}

/** The country filter: one of the COMMIT countries, clearable. */
export function CountryFilter(props: {
  label: string;
  value: string | undefined;
  onChange: (v: string | undefined) => void;
}): ReactElement {
  const countryLabel = useCountryLabel();
  return (
    <Select
      label={props.label}
      clearable
      data={COMMIT_COUNTRIES.map((c) => ({ value: c, label: countryLabel(c) }))}
      value={props.value ?? null}
      onChange={(v) => props.onChange(v ?? undefined)}
    />
  );
}

/** The year filter: a whole year from 1990 to 2100, empty for none. */
export function YearFilter(props: {
  label: string;
  value: number | undefined;
  onChange: (v: number | undefined) => void;
}): ReactElement {
  return (
    <NumberInput
      label={props.label}
      min={1990}
      max={2100}
      allowDecimal={false}
      value={props.value ?? ''}
      onChange={(v) => props.onChange(typeof v === 'number' ? v : undefined)}
    />
  );
}

/** The country a record is written for, from those the user may write (no deselecting). */
export function WritableCountrySelect(props: {
  label: string;
  countries: { value: string; label: string }[];
  value: string;
  onChange: (code: string) => void;
}): ReactElement {
  return (
    <Select
      label={props.label}
      data={props.countries}
      value={props.value}
      allowDeselect={false}
      onChange={(v) => props.onChange(v ?? '')}
    />
  );
}
