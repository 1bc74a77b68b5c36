import type { StatQuery } from '@ctip/domain';
import { Loader, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { type ReactElement, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { statisticsAnalyticsApi } from '../../api/statistics-analytics.api';
import { ErrorAlert } from '../../components/ErrorAlert/ErrorAlert';
import { PageHeader } from '../../components/PageHeader/PageHeader';
import { TableChart } from '../../components/statistics/charts/TableChart';
import { PivotControls } from '../../components/statistics/pivot/PivotControls';
import { type PivotState, pivotQuery } from '../../components/statistics/pivot/pivot-state';
import { StatTableView } from '../../components/statistics/pivot/StatTableView';
import { useCanReadInternal } from '../../components/statistics/shared/DashboardControls';
import { useStatLabels } from '../../components/statistics/shared/labels';
import { InternalBanner, TableNotes } from '../../components/statistics/shared/TableNotes';

const INITIAL: PivotState = {
  kind: 'element',
  code: 'VICTIMS_IDENTIFIED',
  rows: ['country'],
  columns: ['sex'],
  filters: {},
  periodType: 'Yearly',
  periodFrom: '',
  periodTo: '',
  source: 'national',
  internal: false,
};

/** The pivot: one element or indicator, up to two axes each way, filters, a period range. */
export function PivotPage(): ReactElement {
  const { t } = useTranslation();
  const labels = useStatLabels();
  const canInternal = useCanReadInternal();
  const [state, setState] = useState<PivotState>(INITIAL);
  const [asked, setAsked] = useState<Partial<StatQuery> | null>(null);
  const result = useQuery({
    queryKey: ['statistics', 'pivot', asked],
    queryFn: () => statisticsAnalyticsApi.query(asked ?? {}),
    enabled: asked !== null,
  });
  const table = result.data;
  const title = table
    ? table.query.indicator
      ? labels.indicator(table.query.indicator)
      : labels.element(table.query.dataElement ?? '')
    : '';
  const showInternal =
    (state.internal && canInternal && state.source === 'national') || table?.disclosure.internal;

  return (
    <Stack data-testid="PivotPage">
      <PageHeader
        title={t('statistics.pivot.title')}
        description={t('statistics.pivot.description')}
      />
      {showInternal ? <InternalBanner /> : null}
      <PivotControls
        state={state}
        onChange={setState}
        onSubmit={() => setAsked(pivotQuery(state))}
        labels={labels}
        canInternal={canInternal}
      />
      <ErrorAlert error={result.error} />
      {result.isFetching ? <Loader size="sm" aria-label={t('statistics.loading')} /> : null}
      {asked === null ? <Text c="dimmed">{t('statistics.pivot.hint')}</Text> : null}
      {table ? (
        <TableChart
          title={title}
          table={table}
          labels={labels}
          categoryAxis={table.rowAxes[0] ?? null}
          decimals={table.query.indicator ? 2 : 0}
          fileName={`pivot-${table.query.indicator ?? table.query.dataElement ?? ''}`}
          data-testid="pivot-result"
        >
          <StatTableView table={table} labels={labels} caption={title} />
          <TableNotes table={table} />
        </TableChart>
      ) : null}
    </Stack>
  );
}
