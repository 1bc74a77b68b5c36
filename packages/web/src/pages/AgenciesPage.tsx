import type { Agency } from '@ctip/domain';
import { Button, Group, Select, Stack, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ColumnDef } from '@tanstack/react-table';
import { type ReactElement, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/client';
import { agenciesApi } from '../api/endpoints';
import {
  useAgencyOptions,
  useCountries,
  useCountryLabel,
  useOrganisationTypeLabel,
} from '../api/queries';
import { useCan } from '../auth/session';
import { AgencyFormModal } from '../components/AgencyFormModal/AgencyFormModal';
import { ConfirmDialog } from '../components/ConfirmDialog/ConfirmDialog';
import { DataTable } from '../components/DataTable/DataTable';
import { ErrorAlert } from '../components/ErrorAlert/ErrorAlert';
import { PageHeader } from '../components/PageHeader/PageHeader';
import { errorText } from '../i18n/errors';
import { notify } from '../i18n/notify';

const PAGE_SIZE = 25;

/** Agencies administration: filter by country, search, create, edit, delete. */
export function AgenciesPage(): ReactElement {
  const { t } = useTranslation();
  const can = useCan();
  const queryClient = useQueryClient();
  const countryLabel = useCountryLabel();
  const countries = useCountries();
  const typeName = useOrganisationTypeLabel();
  const allAgencies = useAgencyOptions();
  const [page, setPage] = useState(1);
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  const [countryCode, setCountryCode] = useState<string | null>(null);
  const [editing, setEditing] = useState<Agency | null | undefined>(undefined);
  const [deleting, setDeleting] = useState<Agency | null>(null);

  const agencies = useQuery({
    queryKey: ['agencies', 'page', { page, q, countryCode }],
    queryFn: () =>
      agenciesApi.list({ page, pageSize: PAGE_SIZE, q, countryCode: countryCode ?? undefined }),
    placeholderData: keepPreviousData,
  });

  async function handleDelete(agency: Agency): Promise<void> {
    try {
      await agenciesApi.remove(agency.id);
      await queryClient.invalidateQueries({ queryKey: ['agencies'] });
      notify('success', t('agencies.deleted', { name: agency.name }));
    } catch (err) {
      const message =
        isApiError(err) && err.code === 'CONFLICT'
          ? t('agencies.deleteConflict')
          : errorText(t, err);
      notify('error', message);
    }
  }

  const countryOptions = (countries.data ?? [])
    .filter((c) => c.isCommit)
    .map((c) => ({ value: c.code, label: countryLabel(c.code) }));

  const columns = useMemo<ColumnDef<Agency, unknown>[]>(() => {
    const agencyName = (id: string | null): string =>
      id ? (allAgencies.data?.find((a) => a.id === id)?.name ?? '') : '';
    return [
      { id: 'name', header: t('agencies.name'), accessorKey: 'name' },
      { id: 'shortName', header: t('agencies.shortName'), accessorKey: 'shortName' },
      { id: 'type', header: t('agencies.type'), cell: ({ row }) => typeName(row.original.type) },
      {
        id: 'country',
        header: t('agencies.country'),
        cell: ({ row }) => countryLabel(row.original.countryCode),
      },
      {
        id: 'parent',
        header: t('agencies.parent'),
        cell: ({ row }) => agencyName(row.original.parentId),
      },
      {
        id: 'actions',
        header: t('common.actions'),
        cell: ({ row }) => {
          const a = row.original;
          const record = { agencyId: a.id, countryCode: a.countryCode };
          return (
            <Group gap="xs" wrap="nowrap">
              {can('update', 'agency', record) ? (
                <Button size="xs" variant="light" onClick={() => setEditing(a)}>
                  {t('common.edit')}
                </Button>
              ) : null}
              {can('delete', 'agency', record) ? (
                <Button size="xs" variant="subtle" color="red" onClick={() => setDeleting(a)}>
                  {t('common.delete')}
                </Button>
              ) : null}
            </Group>
          );
        },
      },
    ];
  }, [t, can, countryLabel, typeName, allAgencies.data]);

  return (
    <Stack>
      <PageHeader
        title={t('nav.agencies')}
        description={t('agencies.description')}
        actions={
          can('create', 'agency') ? (
            <Button onClick={() => setEditing(null)} data-testid="agency-create">
              {t('agencies.create')}
            </Button>
          ) : null
        }
      />
      <Group align="flex-end">
        <TextInput
          type="search"
          label={t('common.search')}
          value={search}
          onChange={(e) => {
            setSearch(e.currentTarget.value);
            setPage(1);
          }}
          w={300}
        />
        <Select
          label={t('agencies.country')}
          placeholder={t('common.all')}
          data={countryOptions}
          value={countryCode}
          onChange={(v) => {
            setCountryCode(v);
            setPage(1);
          }}
          clearable
          w={240}
          data-testid="agency-country-filter"
        />
      </Group>
      <ErrorAlert error={agencies.error} />
      <DataTable
        label={t('nav.agencies')}
        columns={columns}
        rows={agencies.data?.items ?? []}
        getRowId={(a) => a.id}
        loading={agencies.isFetching}
        paging={{
          page,
          pageSize: PAGE_SIZE,
          total: agencies.data?.total ?? 0,
          onPageChange: setPage,
        }}
        data-testid="agencies-table"
      />
      <AgencyFormModal
        opened={editing !== undefined}
        agency={editing ?? null}
        onClose={() => setEditing(undefined)}
      />
      <ConfirmDialog
        opened={deleting !== null}
        title={t('agencies.deleteTitle')}
        message={t('agencies.deleteConfirm', { name: deleting?.name ?? '' })}
        confirmLabel={t('common.delete')}
        onClose={() => setDeleting(null)}
        onConfirm={() => (deleting ? handleDelete(deleting) : undefined)}
      />
    </Stack>
  );
}
