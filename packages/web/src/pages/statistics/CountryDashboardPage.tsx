import { BUILT_IN_INDICATORS, COMMIT_COUNTRIES, type StatQuery } from '@ctip/domain';
import { Anchor, Group, Loader, SegmentedControl, Select, SimpleGrid, Stack } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { type ReactElement, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { statisticsAnalyticsApi } from '../../api/statistics-analytics.api';
import { useSession } from '../../auth/session';
import { ErrorAlert } from '../../components/ErrorAlert/ErrorAlert';
import { PageHeader } from '../../components/PageHeader/PageHeader';
import { ComparisonPanel } from '../../components/statistics/charts/ComparisonPanel';
import { TableChart } from '../../components/statistics/charts/TableChart';
import { FlowMap } from '../../components/statistics/map/FlowMap';
import { StatTableView } from '../../components/statistics/pivot/StatTableView';
import {
  DashboardControls,
  type StatSource,
} from '../../components/statistics/shared/DashboardControls';
import { type StatLabels, useStatLabels } from '../../components/statistics/shared/labels';
import { ApprovalsPanel, ViolationsPanel } from '../../components/statistics/shared/OverviewPanels';
import { InternalBanner, TableNotes } from '../../components/statistics/shared/TableNotes';

export const JUSTICE_ELEMENTS = [
  'INVESTIGATIONS',
  'SUSPECTS',
  'ARRESTS',
  'PROSECUTIONS',
  'CONVICTIONS',
] as const;

/** One chart of the country, from its own query (so its XLSX is that query). */
function QueryChart({
  title,
  query,
  labels,
  stack = false,
  kind = 'bar',
  decimals = 0,
  fileName,
  testId,
  showTable = false,
}: {
  title: string;
  query: Partial<StatQuery>;
  labels: StatLabels;
  stack?: boolean;
  kind?: 'bar' | 'line';
  decimals?: number;
  fileName: string;
  testId: string;
  showTable?: boolean;
}): ReactElement {
  const { t } = useTranslation();
  const result = useQuery({
    queryKey: ['statistics', 'query', query],
    queryFn: () => statisticsAnalyticsApi.query(query),
    placeholderData: keepPreviousData,
  });
  if (result.error) {
    return <ErrorAlert error={result.error} />;
  }
  if (!result.data) {
    return <Loader size="sm" aria-label={t('statistics.loading')} />;
  }
  return (
    <TableChart
      title={title}
      table={result.data}
      labels={labels}
      categoryAxis="period"
      stack={stack}
      kind={kind}
      decimals={decimals}
      fileName={fileName}
      data-testid={testId}
    >
      {result.data.disclosure.internal ? <InternalBanner /> : null}
      {showTable ? <StatTableView table={result.data} labels={labels} caption={title} /> : null}
      <TableNotes table={result.data} />
    </TableChart>
  );
}

/** A country's figures: victims by sex and age, flows, justice, indicators, official vs cases. */
export function CountryDashboardPage(): ReactElement {
  const { t } = useTranslation();
  const labels = useStatLabels();
  const navigate = useNavigate();
  const session = useSession();
  const params = useParams();
  const country = (params.country ?? session?.user.countryCode ?? 'TH').toUpperCase();
  const [source, setSource] = useState<StatSource>('national');
  const [from, setFrom] = useState<string | null>(null);
  const [to, setTo] = useState<string | null>(null);
  const [internal, setInternal] = useState(false);
  const [justice, setJustice] = useState<string>('PROSECUTIONS');
  const [indicator, setIndicator] = useState<string>('SDG_16_2_2');
  const isInternal = internal && source === 'national';
  const rangeOk = !from || !to || from <= to;
  const overviewParams = {
    source,
    periodFrom: from ?? undefined,
    periodTo: to ?? undefined,
    internal: isInternal,
  };
  const overview = useQuery({
    queryKey: ['statistics', 'overview', overviewParams],
    queryFn: () => statisticsAnalyticsApi.overview(overviewParams),
    enabled: rangeOk,
    placeholderData: keepPreviousData,
  });
  const o = overview.data;
  const periodFrom = from ?? o?.periodFrom;
  const periodTo = to ?? o?.periodTo;
  const base = {
    source,
    filters: { country: [country] },
    periodType: 'Yearly' as const,
    periodFrom,
    periodTo,
    internal: isInternal,
  };
  const comparison = useQuery({
    queryKey: ['statistics', 'comparison', country, periodFrom, periodTo],
    queryFn: () =>
      statisticsAnalyticsApi.comparison({
        country,
        dataElement: 'VICTIMS_IDENTIFIED',
        periodFrom,
        periodTo,
      }),
    enabled: Boolean(o) && rangeOk,
  });
  const stem = `${country}-${periodFrom ?? ''}-${periodTo ?? ''}`;
  const countries = COMMIT_COUNTRIES.map((c) => ({ value: c, label: labels.country(c) }));

  return (
    <Stack data-testid="CountryDashboardPage">
      <PageHeader
        title={t('statistics.country.title', { country: labels.country(country) })}
        description={t('statistics.country.description')}
        actions={
          <Select
            aria-label={t('statistics.country.choose')}
            data={countries}
            value={country}
            onChange={(v) => v && navigate(`/statistics/country/${v}`)}
            allowDeselect={false}
            searchable
          />
        }
      />
      <DashboardControls
        labels={labels}
        source={source}
        onSource={setSource}
        from={periodFrom ?? null}
        to={periodTo ?? null}
        onFrom={setFrom}
        onTo={setTo}
        internal={internal}
        onInternal={setInternal}
      />
      <ErrorAlert error={overview.error} />
      {overview.isPending && rangeOk ? (
        <Loader size="sm" aria-label={t('statistics.loading')} />
      ) : null}
      {o ? (
        <>
          <QueryChart
            title={t('statistics.country.identifiedBySex')}
            query={{
              ...base,
              dataElement: 'VICTIMS_IDENTIFIED',
              rows: ['period'],
              columns: ['sex'],
            }}
            labels={labels}
            stack
            fileName={`victims-by-sex-${stem}`}
            testId="chart-country-sex"
            showTable
          />
          <QueryChart
            title={t('statistics.country.identifiedByAge')}
            query={{
              ...base,
              dataElement: 'VICTIMS_IDENTIFIED',
              rows: ['period'],
              columns: ['age_group'],
            }}
            labels={labels}
            stack
            fileName={`victims-by-age-${stem}`}
            testId="chart-country-age"
          />
          <FlowMap
            title={t('statistics.country.flows')}
            flows={o.flows.filter((f) => f.from === country || f.to === country)}
            labels={labels}
            xlsxQuery={{
              ...base,
              filters: {},
              dataElement: 'VICTIMS_REPATRIATED',
              rows: ['country_from'],
              columns: ['country_to'],
            }}
            fileName={`repatriation-flows-${stem}`}
          />
          <Stack gap="xs">
            <Group>
              <SegmentedControl
                aria-label={t('statistics.country.justiceElement')}
                value={justice}
                onChange={setJustice}
                data={JUSTICE_ELEMENTS.map((code) => ({
                  value: code,
                  label: labels.element(code),
                }))}
              />
            </Group>
            <QueryChart
              title={t('statistics.country.justice', { element: labels.element(justice) })}
              query={{ ...base, dataElement: justice, rows: ['period'], columns: ['sex'] }}
              labels={labels}
              stack
              fileName={`${justice}-${stem}`}
              testId="chart-country-justice"
            />
          </Stack>
          <Stack gap="xs">
            <Group>
              <Select
                label={t('statistics.country.indicator')}
                data={BUILT_IN_INDICATORS.map((i) => ({
                  value: i.code,
                  label: labels.indicator(i.code),
                }))}
                value={indicator}
                onChange={(v) => v && setIndicator(v)}
                allowDeselect={false}
              />
            </Group>
            <QueryChart
              title={labels.indicator(indicator)}
              query={{ ...base, indicator, rows: ['period'], columns: [] }}
              labels={labels}
              kind="line"
              decimals={BUILT_IN_INDICATORS.find((i) => i.code === indicator)?.decimals ?? 2}
              fileName={`${indicator}-${stem}`}
              testId="chart-country-indicator"
              showTable
            />
          </Stack>
          <ErrorAlert error={comparison.error} />
          {comparison.data ? (
            <ComparisonPanel
              title={t('statistics.comparison.panelTitle')}
              rows={comparison.data.rows}
              labels={labels}
              xlsxQuery={{
                ...base,
                dataElement: 'VICTIMS_IDENTIFIED',
                rows: ['period'],
                columns: [],
              }}
              fileName={`official-vs-cases-${stem}`}
            />
          ) : null}
          <Anchor component={Link} to={`/statistics/comparison?country=${country}`}>
            {t('statistics.comparison.openFull')}
          </Anchor>
          <SimpleGrid cols={{ base: 1, lg: 2 }}>
            <ViolationsPanel
              items={o.openViolationsByCountry.filter((v) => v.country === country)}
              labels={labels}
            />
            <ApprovalsPanel
              items={o.approvals.filter((a) => a.country === country)}
              labels={labels}
            />
          </SimpleGrid>
        </>
      ) : null}
    </Stack>
  );
}
