import { Alert, Group, Loader, SegmentedControl, SimpleGrid, Stack, Text } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { type ReactElement, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { statisticsAnalyticsApi } from '../../api/statistics-analytics.api';
import { ErrorAlert } from '../../components/ErrorAlert/ErrorAlert';
import { PageHeader } from '../../components/PageHeader/PageHeader';
import { TableChart } from '../../components/statistics/charts/TableChart';
import { FlowMap } from '../../components/statistics/map/FlowMap';
import { StatTableView } from '../../components/statistics/pivot/StatTableView';
import {
  DashboardControls,
  type StatSource,
} from '../../components/statistics/shared/DashboardControls';
import { useStatLabels } from '../../components/statistics/shared/labels';
import { ApprovalsPanel, ViolationsPanel } from '../../components/statistics/shared/OverviewPanels';
import { InternalBanner, TableNotes } from '../../components/statistics/shared/TableNotes';

/**
 * The regional overview: victims identified per country and year, the regional trend, repatriation
 * flows on the GMS map, sex and age breakdowns, open validation findings and approvals.
 */
export function RegionalDashboardPage(): ReactElement {
  const { t } = useTranslation();
  const labels = useStatLabels();
  const [source, setSource] = useState<StatSource>('national');
  const [from, setFrom] = useState<string | null>(null);
  const [to, setTo] = useState<string | null>(null);
  const [internal, setInternal] = useState(false);
  const [kind, setKind] = useState<'bar' | 'line'>('bar');
  const isInternal = internal && source === 'national';
  const rangeOk = !from || !to || from <= to;
  const params = {
    source,
    periodFrom: from ?? undefined,
    periodTo: to ?? undefined,
    internal: isInternal,
  };
  const overview = useQuery({
    queryKey: ['statistics', 'overview', params],
    queryFn: () => statisticsAnalyticsApi.overview(params),
    enabled: rangeOk,
    placeholderData: keepPreviousData,
  });
  const o = overview.data;
  const stem = `${source}-${o?.periodFrom ?? ''}-${o?.periodTo ?? ''}`;
  const flowQuery = o
    ? {
        source,
        dataElement: 'VICTIMS_REPATRIATED',
        rows: ['country_from' as const],
        columns: ['country_to' as const],
        periodFrom: o.periodFrom,
        periodTo: o.periodTo,
        internal: isInternal,
      }
    : undefined;

  return (
    <Stack data-testid="RegionalDashboardPage">
      <PageHeader
        title={t('statistics.regional.title')}
        description={t('statistics.regional.description')}
      />
      <DashboardControls
        labels={labels}
        source={source}
        onSource={setSource}
        from={from ?? o?.periodFrom ?? null}
        to={to ?? o?.periodTo ?? null}
        onFrom={setFrom}
        onTo={setTo}
        internal={internal}
        onInternal={setInternal}
      />
      {source === 'regional' ? (
        <Alert color="blue" variant="light">
          {t('statistics.source.regionalNote')}
        </Alert>
      ) : null}
      {o?.identifiedByCountryYear.disclosure.internal ? <InternalBanner /> : null}
      <ErrorAlert error={overview.error} />
      {overview.isPending && rangeOk ? (
        <Loader size="sm" aria-label={t('statistics.loading')} />
      ) : null}
      {o ? (
        <>
          <TableChart
            title={t('statistics.regional.identified')}
            table={o.identifiedByCountryYear}
            labels={labels}
            categoryAxis="period"
            kind={kind}
            fileName={`victims-identified-${stem}`}
            data-testid="chart-identified"
          >
            <Group>
              <SegmentedControl
                size="xs"
                aria-label={t('statistics.chart.kind')}
                value={kind}
                onChange={(v) => setKind(v as 'bar' | 'line')}
                data={[
                  { value: 'bar', label: t('statistics.chart.bar') },
                  { value: 'line', label: t('statistics.chart.line') },
                ]}
              />
            </Group>
            <StatTableView
              table={o.identifiedByCountryYear}
              labels={labels}
              caption={t('statistics.regional.identified')}
            />
            <TableNotes table={o.identifiedByCountryYear} />
          </TableChart>
          {o.identifiedByCountryYear.hasTotals ? (
            <TableChart
              title={t('statistics.regional.trend')}
              table={o.identifiedByCountryYear}
              labels={labels}
              categoryAxis="period"
              kind="line"
              totalsOnly
              fileName={`victims-identified-trend-${stem}`}
              data-testid="chart-trend"
            />
          ) : null}
          <FlowMap
            title={t('statistics.regional.flows')}
            flows={o.flows}
            labels={labels}
            xlsxQuery={flowQuery}
            fileName={`repatriation-flows-${stem}`}
          />
          <SimpleGrid cols={{ base: 1, lg: 2 }}>
            <TableChart
              title={t('statistics.regional.bySex')}
              table={o.bySex}
              labels={labels}
              categoryAxis="country"
              stack
              fileName={`victims-by-sex-${stem}`}
              data-testid="chart-sex"
            >
              <TableNotes table={o.bySex} />
            </TableChart>
            <TableChart
              title={t('statistics.regional.byAge')}
              table={o.byAge}
              labels={labels}
              categoryAxis="country"
              stack
              fileName={`victims-by-age-${stem}`}
              data-testid="chart-age"
            >
              <TableNotes table={o.byAge} />
            </TableChart>
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, lg: 2 }}>
            <ViolationsPanel items={o.openViolationsByCountry} labels={labels} />
            <ApprovalsPanel items={o.approvals} labels={labels} />
          </SimpleGrid>
          <Text size="sm" c="dimmed">
            {t('statistics.regional.range', {
              from: labels.period(o.periodFrom),
              to: labels.period(o.periodTo),
            })}
          </Text>
        </>
      ) : null}
    </Stack>
  );
}
