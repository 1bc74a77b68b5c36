import { AGREEMENT_SUBJECTS, AGREEMENT_TYPES, type Agreement } from '@ctip/domain';
import { Anchor, Badge, Button, Group, Select, Stack, Tabs, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { ColumnDef } from '@tanstack/react-table';
import { type ReactElement, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useCountries, useCountryLabel } from '../../api/queries';
import { useCan } from '../../auth/session';
import { AgreementFormModal } from '../../components/crossborder/agreement/AgreementFormModal';
import { agreementsApi } from '../../components/crossborder/agreement/agreements.api';
import { BorderPointsTable } from '../../components/crossborder/agreement/BorderPointsTable';
import { DataTable } from '../../components/DataTable/DataTable';
import { ErrorAlert } from '../../components/ErrorAlert/ErrorAlert';
import { PageHeader } from '../../components/PageHeader/PageHeader';
import { useFormatDate } from '../../i18n/hooks';

const PAGE_SIZE = 25;

/** A `date` value (YYYY-MM-DD) as an instant at noon UTC, so no time zone shifts its day. */
export function dateOnly(iso: string | null | undefined): string | null {
  return iso ? `${iso.slice(0, 10)}T12:00:00Z` : null;
}

/** The signing date in the user's calendar, else the date as the source prints it. */
export function useAgreementDate(): (a: Pick<Agreement, 'signedOn' | 'dateNote'>) => string {
  const formatDate = useFormatDate();
  return (a) => (a.signedOn ? formatDate(dateOnly(a.signedOn)) : (a.dateNote ?? '—'));
}

/** The registry of instruments: filter by country, type, subject and policy; register one. */
export function AgreementsPage(): ReactElement {
  const { t } = useTranslation();
  const can = useCan();
  const countries = useCountries();
  const countryLabel = useCountryLabel();
  const dateOf = useAgreementDate();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  const [country, setCountry] = useState<string | null>(null);
  const [type, setType] = useState<string | null>(null);
  const [subject, setSubject] = useState<string | null>(null);
  const [withPolicy, setWithPolicy] = useState<string | null>(null);
  const [page, setPage] = useState(1);
  const [creating, setCreating] = useState(false);
  const filters = { q, country, type, subject, withPolicy };
  const list = useQuery({
    queryKey: ['agreements', 'list', filters, page],
    queryFn: () =>
      agreementsApi.list({
        page,
        pageSize: PAGE_SIZE,
        q: q || undefined,
        country: country ?? undefined,
        type: type ?? undefined,
        subject: subject ?? undefined,
        withPolicy: (withPolicy as 'true' | 'false' | null) ?? undefined,
      }),
    placeholderData: keepPreviousData,
  });
  const filter =
    <T,>(set: (v: T) => void) =>
    (v: T) => {
      set(v);
      setPage(1);
    };

  const columns = useMemo<ColumnDef<Agreement, unknown>[]>(
    () => [
      {
        id: 'title',
        header: t('agreements.titleField'),
        cell: ({ row }) => (
          <Stack gap={0}>
            <Anchor component={Link} to={`/cross-border/agreements/${row.original.id}`} size="sm">
              {row.original.title}
            </Anchor>
            <Text size="xs" c="dimmed">
              {row.original.code}
            </Text>
          </Stack>
        ),
      },
      {
        id: 'parties',
        header: t('agreements.parties'),
        cell: ({ row }) => row.original.parties.map(countryLabel).join(' – '),
      },
      {
        id: 'type',
        header: t('agreements.type'),
        cell: ({ row }) => t(`agreements.agrType.${row.original.type}`),
      },
      {
        id: 'subject',
        header: t('agreements.subject'),
        cell: ({ row }) => t(`agreements.agrSubject.${row.original.subject}`),
      },
      {
        id: 'status',
        header: t('agreements.status'),
        cell: ({ row }) => (
          <Badge variant="light" color={row.original.status === 'Expired' ? 'gray' : 'blue'}>
            {t(`agreements.agrStatus.${row.original.status}`)}
          </Badge>
        ),
      },
      {
        id: 'signed',
        header: t('agreements.signed'),
        cell: ({ row }) => dateOf(row.original),
      },
      {
        id: 'policy',
        header: t('agreements.policyInForce'),
        cell: ({ row }) =>
          row.original.activePolicyVersion ? (
            <Badge color="green" data-testid="policy-badge">
              {t('agreements.policy.inForceBadge', { version: row.original.activePolicyVersion })}
            </Badge>
          ) : (
            <Text size="sm" c="dimmed">
              {t('agreements.noPolicy')}
            </Text>
          ),
      },
    ],
    [t, countryLabel, dateOf],
  );

  const countryOptions = (countries.data ?? [])
    .slice()
    .sort((a, b) => Number(b.isCommit) - Number(a.isCommit))
    .map((c) => ({ value: c.code, label: countryLabel(c.code) }));

  return (
    <Stack data-testid="AgreementsPage">
      <PageHeader
        title={t('agreements.title')}
        description={t('agreements.description')}
        actions={
          can('create', 'agreement') ? (
            <Button onClick={() => setCreating(true)} data-testid="agreement-create">
              {t('agreements.register')}
            </Button>
          ) : null
        }
      />
      <Tabs defaultValue="instruments" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="instruments">{t('agreements.tabs.instruments')}</Tabs.Tab>
          <Tabs.Tab value="border">{t('agreements.border.title')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="instruments" pt="md">
          <Stack>
            <Group align="flex-end">
              <TextInput
                type="search"
                label={t('common.search')}
                value={search}
                onChange={(e) => {
                  setSearch(e.currentTarget.value);
                  setPage(1);
                }}
              />
              <Select
                label={t('agreements.country')}
                placeholder={t('common.all')}
                data={countryOptions}
                value={country}
                onChange={filter(setCountry)}
                searchable
                clearable
              />
              <Select
                label={t('agreements.type')}
                placeholder={t('common.all')}
                data={AGREEMENT_TYPES.map((v) => ({
                  value: v,
                  label: t(`agreements.agrType.${v}`),
                }))}
                value={type}
                onChange={filter(setType)}
                clearable
              />
              <Select
                label={t('agreements.subject')}
                placeholder={t('common.all')}
                data={AGREEMENT_SUBJECTS.map((v) => ({
                  value: v,
                  label: t(`agreements.agrSubject.${v}`),
                }))}
                value={subject}
                onChange={filter(setSubject)}
                clearable
              />
              <Select
                label={t('agreements.policyInForce')}
                placeholder={t('common.all')}
                data={[
                  { value: 'true', label: t('agreements.withPolicyYes') },
                  { value: 'false', label: t('agreements.withPolicyNo') },
                ]}
                value={withPolicy}
                onChange={filter(setWithPolicy)}
                clearable
              />
            </Group>
            <ErrorAlert error={list.error} />
            {list.data && list.data.total === 0 ? (
              <Text c="dimmed">{t('common.noResults')}</Text>
            ) : (
              <DataTable
                label={t('agreements.title')}
                columns={columns}
                rows={list.data?.items ?? []}
                getRowId={(a) => a.id}
                loading={list.isFetching}
                paging={{
                  page,
                  pageSize: PAGE_SIZE,
                  total: list.data?.total ?? 0,
                  onPageChange: setPage,
                }}
                data-testid="agreement-table"
              />
            )}
          </Stack>
        </Tabs.Panel>
        <Tabs.Panel value="border" pt="md">
          <BorderPointsTable />
        </Tabs.Panel>
      </Tabs>
      <AgreementFormModal opened={creating} onClose={() => setCreating(false)} />
    </Stack>
  );
}
