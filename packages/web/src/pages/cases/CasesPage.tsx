import type { CaseFilters, CaseListItem } from '@ctip/domain';
import {
  Anchor,
  Badge,
  Button,
  Checkbox,
  Group,
  Modal,
  Select,
  SimpleGrid,
  Stack,
  TextInput,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ColumnDef } from '@tanstack/react-table';
import { type ReactElement, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { casesApi } from '../../api/cases.api';
import { useCountryLabel } from '../../api/queries';
import { useCan } from '../../auth/session';
import { CaseExportButton } from '../../components/CaseExportButton/CaseExportButton';
import { useCountryOptions } from '../../components/CaseForm/CaseFields';
import {
  caseStatusColor,
  htcdsLabel,
  identificationColor,
  useHtcdsOptions,
} from '../../components/CaseForm/htcds-lists';
import { DataTable } from '../../components/DataTable/DataTable';
import { DateText } from '../../components/DateText/DateText';
import { ErrorAlert } from '../../components/ErrorAlert/ErrorAlert';
import { PageHeader } from '../../components/PageHeader/PageHeader';
import { errorText } from '../../i18n/errors';
import { notify } from '../../i18n/notify';

const PAGE_SIZE = 25;

/** Drop empty filters (so the URL and saved searches carry only what is set). */
function cleanFilters(filters: CaseFilters): CaseFilters {
  return Object.fromEntries(
    Object.entries(filters).filter(([, v]) => v !== undefined && v !== null && v !== ''),
  ) as CaseFilters;
}

/** The case list: filters, saved searches, paging. Rows show codes and coded fields, never names. */
export function CasesPage(): ReactElement {
  const { t } = useTranslation();
  const can = useCan();
  const queryClient = useQueryClient();
  const countryLabel = useCountryLabel();
  const countryOptions = useCountryOptions();
  const statuses = useHtcdsOptions('caseStatus');
  const idStatuses = useHtcdsOptions('identificationStatus');
  const genders = useHtcdsOptions('gender');
  const forms = useHtcdsOptions('formOfExploitation');
  const [page, setPage] = useState(1);
  const [filters, setFilters] = useState<CaseFilters>({});
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [debouncedCode] = useDebouncedValue(code.trim(), 300);
  const [debouncedName] = useDebouncedValue(name.trim(), 500);
  const [savedId, setSavedId] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [saveName, setSaveName] = useState('');

  const query = cleanFilters({
    ...filters,
    code: debouncedCode || undefined,
    name: debouncedName || undefined,
  });
  const cases = useQuery({
    queryKey: ['cases', 'list', { page, ...query }],
    queryFn: () => casesApi.list({ ...query, page, pageSize: PAGE_SIZE }),
    placeholderData: keepPreviousData,
  });
  const saved = useQuery({
    queryKey: ['cases', 'saved-searches'],
    queryFn: casesApi.savedSearches,
  });

  function setFilter<K extends keyof CaseFilters>(key: K, value: CaseFilters[K] | null): void {
    setFilters((f) => ({ ...f, [key]: value ?? undefined }));
    setSavedId(null);
    setPage(1);
  }

  function applySaved(id: string | null): void {
    setSavedId(id);
    const found = saved.data?.items.find((s) => s.id === id);
    const next = found?.filters ?? {};
    setFilters({ ...next, code: undefined, name: undefined });
    setCode(next.code ?? '');
    setName('');
    setPage(1);
  }

  async function handleSave(): Promise<void> {
    try {
      const created = await casesApi.saveSearch({
        name: saveName.trim(),
        filters: cleanFilters({ ...filters, code: code.trim() || undefined }),
      });
      await queryClient.invalidateQueries({ queryKey: ['cases', 'saved-searches'] });
      setSavedId(created.id);
      setSaving(false);
      setSaveName('');
      notify('success', t('cases.list.searchSaved'));
    } catch (err) {
      notify('error', errorText(t, err));
    }
  }

  async function handleDeleteSaved(): Promise<void> {
    if (!savedId) {
      return;
    }
    try {
      await casesApi.deleteSavedSearch(savedId);
      await queryClient.invalidateQueries({ queryKey: ['cases', 'saved-searches'] });
      setSavedId(null);
    } catch (err) {
      notify('error', errorText(t, err));
    }
  }

  const yesNo = [
    { value: 'true', label: t('cases.common.yes') },
    { value: 'false', label: t('cases.common.no') },
  ];

  const columns = useMemo<ColumnDef<CaseListItem, unknown>[]>(
    () => [
      {
        id: 'code',
        header: t('cases.list.code'),
        cell: ({ row }) => (
          <Anchor
            component={Link}
            to={`/cases/${row.original.id}`}
            ff="monospace"
            style={{ whiteSpace: 'nowrap' }}
          >
            {row.original.code}
          </Anchor>
        ),
      },
      {
        id: 'status',
        header: t('cases.list.status'),
        cell: ({ row }) => (
          <Badge color={caseStatusColor(row.original.status)} miw="max-content">
            {htcdsLabel(t, 'caseStatus', row.original.status)}
          </Badge>
        ),
      },
      {
        id: 'identification',
        header: t('cases.list.identificationStatus'),
        cell: ({ row }) => (
          <Badge
            variant="light"
            color={identificationColor(row.original.identificationStatus)}
            miw="max-content"
          >
            {htcdsLabel(t, 'identificationStatus', row.original.identificationStatus)}
          </Badge>
        ),
      },
      {
        id: 'gender',
        header: t('cases.list.gender'),
        cell: ({ row }) => htcdsLabel(t, 'gender', row.original.gender),
      },
      {
        id: 'age',
        header: t('cases.list.age'),
        cell: ({ row }) =>
          row.original.ageAtIdentification == null
            ? ''
            : `${row.original.ageAtIdentification}${row.original.isChild ? ` (${t('cases.list.child')})` : ''}`,
      },
      {
        id: 'nationality',
        header: t('cases.list.nationality'),
        cell: ({ row }) => countryLabel(row.original.nationality),
      },
      {
        id: 'forms',
        header: t('cases.list.forms'),
        cell: ({ row }) =>
          row.original.formsOfExploitation
            .map((f) => htcdsLabel(t, 'formOfExploitation', f))
            .join(', '),
      },
      { id: 'agency', header: t('cases.list.agency'), accessorKey: 'agencyName' },
      { id: 'owner', header: t('cases.list.owner'), accessorKey: 'ownerName' },
      {
        id: 'created',
        header: t('cases.list.created'),
        cell: ({ row }) => <DateText value={row.original.createdAt} />,
      },
    ],
    [t, countryLabel],
  );

  return (
    <Stack>
      <PageHeader
        title={t('cases.list.title')}
        description={t('cases.list.description')}
        actions={
          <Group gap="xs">
            <CaseExportButton />
            {can('create', 'case') ? (
              <Button component={Link} to="/cases/new" data-testid="case-new">
                {t('cases.list.new')}
              </Button>
            ) : null}
          </Group>
        }
      />
      <Group align="flex-end">
        <Select
          label={t('cases.list.savedSearches')}
          placeholder={t('cases.list.savedSearchesPlaceholder')}
          data={(saved.data?.items ?? []).map((s) => ({ value: s.id, label: s.name }))}
          value={savedId}
          onChange={applySaved}
          clearable
          w={260}
        />
        <Button variant="light" onClick={() => setSaving(true)}>
          {t('cases.list.saveSearch')}
        </Button>
        {savedId ? (
          <Button variant="subtle" color="red" onClick={handleDeleteSaved}>
            {t('cases.list.deleteSearch')}
          </Button>
        ) : null}
      </Group>
      <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }}>
        <TextInput
          type="search"
          label={t('cases.list.code')}
          placeholder="TH-2026-"
          value={code}
          onChange={(e) => {
            setCode(e.currentTarget.value);
            setPage(1);
          }}
        />
        <TextInput
          type="search"
          label={t('cases.list.name')}
          placeholder={t('cases.list.nameHelp')}
          title={t('cases.list.nameHelp')}
          autoComplete="off"
          value={name}
          onChange={(e) => {
            setName(e.currentTarget.value);
            setPage(1);
          }}
        />
        <Select
          label={t('cases.list.status')}
          placeholder={t('common.all')}
          data={statuses}
          value={filters.status ?? null}
          onChange={(v) => setFilter('status', v as CaseFilters['status'])}
          clearable
        />
        <Select
          label={t('cases.list.identificationStatus')}
          placeholder={t('common.all')}
          data={idStatuses}
          value={filters.identificationStatus ?? null}
          onChange={(v) =>
            setFilter('identificationStatus', v as CaseFilters['identificationStatus'])
          }
          clearable
        />
        <Select
          label={t('cases.list.gender')}
          placeholder={t('common.all')}
          data={genders}
          value={filters.gender ?? null}
          onChange={(v) => setFilter('gender', v as CaseFilters['gender'])}
          clearable
        />
        <Select
          label={t('cases.list.nationality')}
          placeholder={t('common.all')}
          data={countryOptions}
          value={filters.nationality ?? null}
          onChange={(v) => setFilter('nationality', v ?? undefined)}
          searchable
          clearable
          nothingFoundMessage={t('common.noResults')}
        />
        <Select
          label={t('cases.list.formOfExploitation')}
          placeholder={t('common.all')}
          data={forms}
          value={filters.formOfExploitation ?? null}
          onChange={(v) => setFilter('formOfExploitation', v as CaseFilters['formOfExploitation'])}
          clearable
        />
        <Group grow>
          <Select
            label={t('cases.list.child')}
            placeholder={t('common.all')}
            data={yesNo}
            value={filters.isChild ?? null}
            onChange={(v) => setFilter('isChild', v as CaseFilters['isChild'])}
            clearable
          />
          <Select
            label={t('cases.list.crossBorder')}
            placeholder={t('common.all')}
            data={yesNo}
            value={filters.isCrossBorder ?? null}
            onChange={(v) => setFilter('isCrossBorder', v as CaseFilters['isCrossBorder'])}
            clearable
          />
        </Group>
      </SimpleGrid>
      <Checkbox
        label={t('cases.list.mine')}
        checked={filters.mine === 'true'}
        onChange={(e) => setFilter('mine', e.currentTarget.checked ? 'true' : undefined)}
      />
      <ErrorAlert error={cases.error} />
      <DataTable
        label={t('cases.list.title')}
        columns={columns}
        rows={cases.data?.items ?? []}
        getRowId={(c) => c.id}
        loading={cases.isFetching}
        paging={{
          page,
          pageSize: PAGE_SIZE,
          total: cases.data?.total ?? 0,
          totalIsLowerBound: cases.data?.totalIsLowerBound ?? false,
          onPageChange: setPage,
        }}
        data-testid="cases-table"
      />
      <Modal
        opened={saving}
        onClose={() => setSaving(false)}
        title={t('cases.list.saveSearch')}
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        <Stack>
          <TextInput
            label={t('cases.list.searchName')}
            description={t('cases.list.saveSearchHelp')}
            value={saveName}
            onChange={(e) => setSaveName(e.currentTarget.value)}
            data-autofocus
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setSaving(false)}>
              {t('common.cancel')}
            </Button>
            <Button onClick={handleSave} disabled={!saveName.trim()}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
