import { BUILT_IN_DATA_ELEMENTS, COMMIT_COUNTRIES, type StatDimension } from '@ctip/domain';
import { Group, Loader, Select, Stack, Text } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { type ReactElement, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { statisticsAnalyticsApi } from '../../api/statistics-analytics.api';
import { useSession } from '../../auth/session';
import { ErrorAlert } from '../../components/ErrorAlert/ErrorAlert';
import { PageHeader } from '../../components/PageHeader/PageHeader';
import { ComparisonPanel } from '../../components/statistics/charts/ComparisonPanel';
import { yearChoices } from '../../components/statistics/shared/DashboardControls';
import { useStatLabels } from '../../components/statistics/shared/labels';

const DERIVED_ELEMENTS = BUILT_IN_DATA_ELEMENTS.filter((e) => e.caseDerived);

/** Official figures against the counts derived from cases, with the reasons they differ. */
export function ComparisonPage(): ReactElement {
  const { t } = useTranslation();
  const labels = useStatLabels();
  const session = useSession();
  const [search] = useSearchParams();
  const thisYear = new Date().getFullYear();
  const [country, setCountry] = useState(
    search.get('country') ?? session?.user.countryCode ?? 'TH',
  );
  const [element, setElement] = useState(search.get('dataElement') ?? 'VICTIMS_IDENTIFIED');
  const [dimension, setDimension] = useState<StatDimension | ''>('');
  const [from, setFrom] = useState(String(thisYear - 4));
  const [to, setTo] = useState(String(thisYear));
  const rangeOk = from <= to;
  const params = { country, dataElement: element, periodFrom: from, periodTo: to, dimension };
  const result = useQuery({
    queryKey: ['statistics', 'comparison', params],
    queryFn: () => statisticsAnalyticsApi.comparison(params),
    enabled: rangeOk,
    placeholderData: keepPreviousData,
  });
  const dims = BUILT_IN_DATA_ELEMENTS.find((e) => e.code === element)?.dimensions ?? [];
  const years = yearChoices().map((y) => ({ value: y, label: labels.year(Number(y)) }));

  return (
    <Stack data-testid="ComparisonPage">
      <PageHeader
        title={t('statistics.comparison.title')}
        description={t('statistics.comparison.description')}
      />
      <Group align="flex-end" wrap="wrap">
        <Select
          label={labels.dimension('country')}
          data={COMMIT_COUNTRIES.map((c) => ({ value: c, label: labels.country(c) }))}
          value={country}
          onChange={(v) => v && setCountry(v)}
          allowDeselect={false}
          searchable
        />
        <Select
          label={t('statistics.pivot.element')}
          data={DERIVED_ELEMENTS.map((e) => ({ value: e.code, label: labels.element(e.code) }))}
          value={element}
          onChange={(v) => {
            if (v) {
              setElement(v);
              setDimension('');
            }
          }}
          allowDeselect={false}
          miw={240}
        />
        <Select
          label={t('statistics.comparison.breakdown')}
          data={[
            { value: '', label: t('statistics.comparison.noBreakdown') },
            ...dims.map((d) => ({ value: d, label: labels.dimension(d) })),
          ]}
          value={dimension}
          onChange={(v) => setDimension((v ?? '') as StatDimension | '')}
          allowDeselect={false}
        />
        <Select
          label={t('statistics.range.from')}
          data={years}
          value={from}
          onChange={(v) => v && setFrom(v)}
          allowDeselect={false}
          w={140}
        />
        <Select
          label={t('statistics.range.to')}
          data={years}
          value={to}
          onChange={(v) => v && setTo(v)}
          allowDeselect={false}
          w={140}
          error={rangeOk ? undefined : t('statistics.range.toBeforeFrom')}
        />
      </Group>
      <Text size="sm" c="dimmed">
        {t('statistics.comparison.explain')}
      </Text>
      <ErrorAlert error={result.error} />
      {result.isPending && rangeOk ? (
        <Loader size="sm" aria-label={t('statistics.loading')} />
      ) : null}
      {result.data ? (
        <ComparisonPanel
          title={t('statistics.comparison.chartTitle', {
            element: labels.element(element),
            country: labels.country(country),
          })}
          rows={result.data.rows}
          labels={labels}
          xlsxQuery={{
            source: 'national',
            dataElement: element,
            rows: ['period'],
            columns: dimension ? [dimension] : [],
            filters: { country: [country] },
            periodType: 'Yearly',
            periodFrom: from,
            periodTo: to,
          }}
          fileName={`comparison-${element}-${country}-${from}-${to}`}
        />
      ) : null}
    </Stack>
  );
}
