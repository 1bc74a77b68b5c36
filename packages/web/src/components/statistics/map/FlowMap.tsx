import type { StatFlow, StatQuery } from '@ctip/domain';
import { Table, Text } from '@mantine/core';
import { type ReactElement, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { ChartCard } from '../charts/ChartCard';
import { CELL_SYMBOLS } from '../shared/cells';
import type { StatLabels } from '../shared/labels';
import { flowMapOptions, MAP_NAME } from './flow-options';
import { loadGmsGeoJson } from './gms-geo';

async function registerGmsMap(echarts: {
  getMap: (name: string) => unknown;
  registerMap: (name: string, geoJson: never) => void;
}): Promise<void> {
  if (echarts.getMap(MAP_NAME)) {
    return;
  }
  const geo = await loadGmsGeoJson();
  echarts.registerMap(MAP_NAME, geo as never);
}

export type FlowMapProps = {
  title: string;
  flows: readonly StatFlow[];
  labels: StatLabels;
  /** The query behind the flows (for the XLSX). */
  xlsxQuery?: Partial<StatQuery>;
  fileName: string;
};

/**
 * Repatriation flows on a map of the Greater Mekong Sub-region: arrows sized by counts, and the
 * same flows in a table (which also lists those the map cannot place).
 */
export function FlowMap({ title, flows, labels, xlsxQuery, fileName }: FlowMapProps): ReactElement {
  const { t } = useTranslation();
  const sorted = useMemo(
    () => [...flows].sort((a, b) => (b.value ?? -1) - (a.value ?? -1)),
    [flows],
  );
  const { option } = useMemo(
    () =>
      flowMapOptions(sorted, {
        country: labels.country,
        format: (v) => labels.number(v),
        withheld: t('statistics.status.Suppressed'),
      }),
    [sorted, labels, t],
  );
  const flowValue = (f: StatFlow) =>
    f.value === null
      ? CELL_SYMBOLS[f.status === 'Reported' ? 'Missing' : f.status]
      : labels.number(f.value);
  const csvRows = () => [
    [labels.dimension('country_from'), labels.dimension('country_to'), t('statistics.map.count')],
    ...sorted.map((f) => [
      labels.country(f.from),
      labels.country(f.to),
      f.value === null
        ? CELL_SYMBOLS[f.status === 'Reported' ? 'Missing' : f.status]
        : String(f.value),
    ]),
  ];
  return (
    <ChartCard
      title={title}
      option={flows.length ? option : null}
      csvRows={csvRows}
      fileName={fileName}
      xlsxQuery={xlsxQuery}
      prepare={registerGmsMap as never}
      height={560}
      data-testid="flow-map"
    >
      <Text size="sm" c="dimmed" data-testid="china-note">
        {t('statistics.map.chinaNote')}
      </Text>
      <Text size="sm" c="dimmed">
        {t('statistics.map.legend')}
      </Text>
      {flows.length === 0 ? (
        <Text c="dimmed">{t('statistics.chart.noData')}</Text>
      ) : (
        <Table striped withTableBorder data-testid="flow-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{labels.dimension('country_from')}</Table.Th>
              <Table.Th scope="col">{labels.dimension('country_to')}</Table.Th>
              <Table.Th scope="col" ta="right">
                {t('statistics.map.count')}
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {sorted.map((f) => (
              <Table.Tr key={`${f.from}-${f.to}`}>
                <Table.Td>{labels.country(f.from)}</Table.Td>
                <Table.Td>{labels.country(f.to)}</Table.Td>
                <Table.Td ta="right" data-status={f.status}>
                  {flowValue(f)}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </ChartCard>
  );
}
