import { BUILT_IN_DATA_ELEMENTS, type StatViolationView } from '@ctip/domain';
import { Group, Pagination, Select, Stack, Text, TextInput } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { type ReactElement, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { statisticsDataApi, type ViolationListParams } from '../../api/statistics-data.api';
import { useCan } from '../../auth/session';
import { ErrorAlert } from '../../components/ErrorAlert/ErrorAlert';
import { PageHeader } from '../../components/PageHeader/PageHeader';
import { useStatLabels } from '../../components/statistics/entry/labels';
import { useStatCountries } from '../../components/statistics/entry/scope';
import { AnnotateDialog } from '../../components/statistics/validation/AnnotateDialog';
import { ViolationTable } from '../../components/statistics/validation/ViolationTable';

const PAGE_SIZE = 50;
const STATUSES = ['Open', 'Annotated', 'Resolved', 'any'] as const;
type StatusFilter = (typeof STATUSES)[number];

/**
 * /statistics/validation: the validation findings, filtered by status, country, element and
 * period: the rule in words, the cells involved, the value found against the expected one; an
 * open finding can be annotated with the reason it stands (it then shows Annotated).
 */
export function ValidationPage(): ReactElement {
  const { t } = useTranslation();
  const labels = useStatLabels();
  const can = useCan();
  const countries = useStatCountries('read');
  const [params, setParams] = useSearchParams();
  const [page, setPage] = useState(1);
  const [annotating, setAnnotating] = useState<StatViolationView | null>(null);
  const statusParam = params.get('status');
  const status: StatusFilter = (STATUSES as readonly string[]).includes(statusParam ?? '')
    ? (statusParam as StatusFilter)
    : 'Open';
  const country = params.get('country') ?? (countries.length === 1 ? (countries[0] ?? '') : '');
  const dataElement = params.get('dataElement') ?? '';
  const period = params.get('period') ?? '';

  const elements = useQuery({
    queryKey: ['stat-elements'],
    queryFn: statisticsDataApi.elements,
    staleTime: 5 * 60_000,
  });

  const setFilter = (key: string, value: string | null) => {
    const next = new URLSearchParams(params);
    if (value) {
      next.set(key, value);
    } else {
      next.delete(key);
    }
    setParams(next, { replace: true });
    setPage(1);
  };

  const query: ViolationListParams = {
    status,
    country: country || undefined,
    dataElement: dataElement || undefined,
    period: period || undefined,
    limit: PAGE_SIZE,
    offset: (page - 1) * PAGE_SIZE,
  };
  const list = useQuery({
    queryKey: ['stat-violations', query],
    queryFn: () => statisticsDataApi.violations(query),
    placeholderData: keepPreviousData,
  });
  const elementCodes =
    elements.data?.map((e) => e.code) ?? BUILT_IN_DATA_ELEMENTS.map((e) => e.code);
  const total = list.data?.total ?? 0;
  // Annotating changes a finding's status: open to those who may update statistics there.
  const canAnnotate = (v: StatViolationView) =>
    can('update', 'statistic', { countryCode: v.country });

  return (
    <Stack>
      <PageHeader
        title={t('statisticsData.validation.title')}
        description={t('statisticsData.validation.description')}
      />
      <Group align="flex-end">
        <Select
          label={t('statisticsData.validation.status')}
          data={STATUSES.map((s) => ({
            value: s,
            label: s === 'any' ? t('common.all') : t(`statisticsData.violationStatus.${s}`),
          }))}
          value={status}
          onChange={(v) => setFilter('status', v)}
          allowDeselect={false}
        />
        <Select
          label={t('statisticsData.country')}
          placeholder={t('common.all')}
          data={countries.map((c) => ({ value: c, label: labels.country(c) }))}
          value={country || null}
          onChange={(v) => setFilter('country', v)}
          clearable={countries.length > 1}
        />
        <Select
          label={t('statisticsData.element')}
          placeholder={t('common.all')}
          data={elementCodes.map((c) => ({ value: c, label: labels.element(c) }))}
          value={dataElement || null}
          onChange={(v) => setFilter('dataElement', v)}
          clearable
          searchable
        />
        <TextInput
          label={t('statisticsData.period.label')}
          description={t('statisticsData.validation.periodHint')}
          defaultValue={period}
          onBlur={(e) => setFilter('period', e.currentTarget.value.trim() || null)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              setFilter('period', e.currentTarget.value.trim() || null);
            }
          }}
          w={140}
        />
      </Group>
      <ErrorAlert error={list.error} />
      {list.data && list.data.items.length === 0 ? (
        <Text c="dimmed" data-testid="no-violations">
          {t('statisticsData.validation.none')}
        </Text>
      ) : null}
      {list.data && list.data.items.length > 0 ? (
        <>
          <Text size="sm" c="dimmed">
            {t('common.totalRows', { count: total })}
          </Text>
          <ViolationTable
            items={list.data.items}
            onAnnotate={setAnnotating}
            canAnnotate={canAnnotate}
            data-testid="violations"
          />
          {total > PAGE_SIZE ? (
            <Pagination
              total={Math.ceil(total / PAGE_SIZE)}
              value={page}
              onChange={setPage}
              getControlProps={(control) => ({
                'aria-label':
                  control === 'next'
                    ? t('common.nextPage')
                    : control === 'previous'
                      ? t('common.previousPage')
                      : undefined,
              })}
            />
          ) : null}
        </>
      ) : null}
      <AnnotateDialog violation={annotating} onClose={() => setAnnotating(null)} />
    </Stack>
  );
}
