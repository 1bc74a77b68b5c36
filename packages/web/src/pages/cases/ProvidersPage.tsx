import { type ServiceProvider, SUPPORT_TYPES } from '@ctip/domain';
import { Badge, Button, Group, Select, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { ColumnDef } from '@tanstack/react-table';
import { type ReactElement, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCountries, useCountryLabel, useOrganisationTypeLabel } from '../../api/queries';
import { providersApi } from '../../api/referrals.api';
import { useCan } from '../../auth/session';
import { DataTable } from '../../components/DataTable/DataTable';
import { ErrorAlert } from '../../components/ErrorAlert/ErrorAlert';
import { PageHeader } from '../../components/PageHeader/PageHeader';
import { ProviderFormModal } from '../../components/ProviderForm/ProviderFormModal';
import { languageName, useLanguageOptions } from '../../components/ReferralForm/options';

/** The service-provider directory: filter by country, service and language; add and edit. */
export function ProvidersPage(): ReactElement {
  const { t } = useTranslation();
  const can = useCan();
  const countries = useCountries();
  const countryLabel = useCountryLabel();
  const typeLabel = useOrganisationTypeLabel();
  const languages = useLanguageOptions();
  const [country, setCountry] = useState<string | null>(null);
  const [service, setService] = useState<string | null>(null);
  const [language, setLanguage] = useState<string | null>(null);
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  const [editing, setEditing] = useState<ServiceProvider | null | undefined>(undefined);
  const regionWide = can('read', 'service_provider', { countryCode: '__other__' });
  const list = useQuery({
    queryKey: ['providers', { country, service, language, q }],
    queryFn: () =>
      providersApi.list({
        country: country ?? undefined,
        service: service ?? undefined,
        language: language ?? undefined,
        q: q || undefined,
      }),
    placeholderData: keepPreviousData,
  });

  const columns = useMemo<ColumnDef<ServiceProvider, unknown>[]>(
    () => [
      {
        id: 'name',
        header: t('providers.name'),
        cell: ({ row }) => (
          <Stack gap={0}>
            <Text size="sm" fw={500}>
              {row.original.name}
            </Text>
            {row.original.isActive ? null : (
              <Badge color="gray" size="xs">
                {t('providers.inactive')}
              </Badge>
            )}
          </Stack>
        ),
      },
      {
        id: 'type',
        header: t('providers.agencyType'),
        cell: ({ row }) => typeLabel(row.original.agencyType),
      },
      {
        id: 'where',
        header: t('providers.province'),
        cell: ({ row }) =>
          [row.original.province, countryLabel(row.original.countryCode)]
            .filter(Boolean)
            .join(', '),
      },
      {
        id: 'services',
        header: t('providers.services'),
        cell: ({ row }) => (
          <Group gap={4}>
            {row.original.services.map((s) => (
              <Badge key={s} variant="light" size="sm">
                {t(`referrals.service.${s}`)}
              </Badge>
            ))}
          </Group>
        ),
      },
      {
        id: 'languages',
        header: t('providers.languages'),
        cell: ({ row }) => row.original.languages.map(languageName).join(', '),
      },
      {
        id: 'capacity',
        header: t('providers.capacity'),
        cell: ({ row }) => row.original.capacity ?? '—',
      },
      {
        id: 'contact',
        header: t('providers.contact'),
        cell: ({ row }) => [row.original.phone, row.original.email].filter(Boolean).join(' · '),
      },
      {
        id: 'actions',
        header: t('common.actions'),
        cell: ({ row }) =>
          can('update', 'service_provider', {
            countryCode: row.original.countryCode,
            agencyId: row.original.agencyId,
          }) ? (
            <Button size="xs" variant="light" onClick={() => setEditing(row.original)}>
              {t('common.edit')}
            </Button>
          ) : null,
      },
    ],
    [t, can, countryLabel, typeLabel],
  );

  return (
    <Stack data-testid="ProvidersPage">
      <PageHeader
        title={t('providers.title')}
        description={t('providers.description')}
        actions={
          can('create', 'service_provider') ? (
            <Button onClick={() => setEditing(null)} data-testid="provider-create">
              {t('providers.create')}
            </Button>
          ) : null
        }
      />
      <Group align="flex-end">
        <TextInput
          type="search"
          label={t('common.search')}
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
        />
        {regionWide ? (
          <Select
            label={t('providers.country')}
            placeholder={t('common.all')}
            data={(countries.data ?? [])
              .filter((c) => c.isCommit)
              .map((c) => ({ value: c.code, label: countryLabel(c.code) }))}
            value={country}
            onChange={setCountry}
            clearable
          />
        ) : null}
        <Select
          label={t('providers.services')}
          placeholder={t('common.all')}
          data={SUPPORT_TYPES.map((s) => ({ value: s, label: t(`referrals.service.${s}`) }))}
          value={service}
          onChange={setService}
          clearable
        />
        <Select
          label={t('providers.languages')}
          placeholder={t('common.all')}
          data={languages}
          value={language}
          onChange={setLanguage}
          clearable
        />
      </Group>
      <ErrorAlert error={list.error} />
      {list.data && list.data.length === 0 ? (
        <Text c="dimmed">{t('common.noResults')}</Text>
      ) : (
        <DataTable
          label={t('providers.title')}
          columns={columns}
          rows={list.data ?? []}
          getRowId={(p) => p.id}
          loading={list.isFetching}
          data-testid="provider-table"
        />
      )}
      <ProviderFormModal
        opened={editing !== undefined}
        provider={editing ?? null}
        onClose={() => setEditing(undefined)}
      />
    </Stack>
  );
}
