import { COUNTRY_CURRENCY } from '@ctip/domain';
import { Button, Group, NumberInput, Select, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { type ReactElement, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { isApiError } from '../../../api/client';
import { useCountryLabel } from '../../../api/queries';
import { ErrorAlert } from '../../ErrorAlert/ErrorAlert';
import { type WorkplanFrameworkOption, workplansApi } from './workplans.api';

/** Start a workplan: country, framework, a year inside the framework, currency and USD rate. */
export function WorkplanCreateForm({
  countries,
  frameworks,
}: {
  countries: readonly string[];
  frameworks: readonly WorkplanFrameworkOption[];
}): ReactElement {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const countryLabel = useCountryLabel();
  const [country, setCountry] = useState(countries[0] ?? '');
  const [frameworkId, setFrameworkId] = useState(frameworks[0]?.id ?? '');
  const [year, setYear] = useState<number | string>('');
  const [currency, setCurrency] = useState<string>(COUNTRY_CURRENCY[countries[0] ?? ''] ?? 'USD');
  const [usdRate, setUsdRate] = useState<number | string>('');
  const [title, setTitle] = useState('');
  const fw = frameworks.find((f) => f.id === frameworkId);
  const own = COUNTRY_CURRENCY[country];
  const create = useMutation({
    mutationFn: () =>
      workplansApi.create({
        countryCode: country,
        frameworkId,
        year: Number(year),
        currency: currency as 'USD',
        usdRate: usdRate === '' ? null : Number(usdRate),
        title: title.trim() || null,
      }),
    onSuccess: (wp) => navigate(`/plans/workplans/${wp.id}`),
  });
  const err = (name: string) =>
    isApiError(create.error) && create.error.field === name ? t('validation.invalid') : undefined;
  return (
    <form
      data-testid="workplan-create"
      onSubmit={(e) => {
        e.preventDefault();
        create.mutate();
      }}
    >
      <Group align="flex-end" wrap="wrap">
        <Select
          label={t('plansWorkplans.field.country')}
          data={countries.map((c) => ({ value: c, label: countryLabel(c) }))}
          value={country}
          onChange={(v) => {
            setCountry(v ?? '');
            setCurrency(COUNTRY_CURRENCY[v ?? ''] ?? 'USD');
          }}
          disabled={countries.length <= 1}
          allowDeselect={false}
          w={160}
        />
        <Select
          label={t('plansWorkplans.field.framework')}
          data={frameworks.map((f) => ({ value: f.id, label: f.shortTitle ?? f.title }))}
          value={frameworkId}
          onChange={(v) => setFrameworkId(v ?? '')}
          error={err('frameworkId')}
          allowDeselect={false}
          w={200}
        />
        <NumberInput
          label={t('plansWorkplans.field.year')}
          description={fw ? t('plansWorkplans.yearRange', { from: fw.first, to: fw.last }) : null}
          min={fw?.first}
          max={fw?.last}
          value={year}
          onChange={setYear}
          error={err('year')}
          required
          w={140}
        />
        <Select
          label={t('plansWorkplans.field.currency')}
          data={[...(own ? [own] : []), 'USD']}
          value={currency}
          onChange={(v) => setCurrency(v ?? 'USD')}
          error={err('currency')}
          allowDeselect={false}
          w={110}
        />
        <NumberInput
          label={t('plansWorkplans.field.usdRate')}
          description={t('plansWorkplans.usdRateHint', { currency })}
          min={0}
          decimalScale={6}
          value={usdRate}
          onChange={setUsdRate}
          error={err('usdRate')}
          disabled={currency === 'USD'}
          w={180}
        />
        <TextInput
          label={t('plansWorkplans.field.title')}
          value={title}
          onChange={(e) => setTitle(e.currentTarget.value)}
          w={240}
        />
        <Button type="submit" loading={create.isPending}>
          {t('plansWorkplans.create')}
        </Button>
      </Group>
      {create.error && !(isApiError(create.error) && create.error.field) ? (
        <ErrorAlert error={create.error} />
      ) : null}
    </form>
  );
}
