import type { ComparisonRow, PublishedCellStatus, StatQuery } from '@ctip/domain';
import { Badge, Group, ScrollArea, Table, Text } from '@mantine/core';
import { type ReactElement, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { CELL_SYMBOLS } from '../shared/cells';
import type { StatLabels } from '../shared/labels';
import type { ChartData } from '../shared/table-model';
import { ChartCard } from './ChartCard';
import { axisChartOptions } from './options';

/** The category of a row: its period, and its option when a breakdown is compared. */
function rowCategory(r: ComparisonRow, labels: StatLabels): string {
  const period = labels.period(r.period);
  return r.dimension ? `${period} · ${labels.option(r.dimension, r.option)}` : period;
}

/** Official against case-derived counts as chart data (gaps where no official number). */
export function comparisonChartData(
  rows: readonly ComparisonRow[],
  labels: StatLabels,
  names: { official: string; derived: string },
): ChartData {
  return {
    categories: rows.map((r) => rowCategory(r, labels)),
    categoryCodes: rows.map((r) => `${r.period}|${r.option}`),
    series: [
      { key: 'official', name: names.official, values: rows.map((r) => r.official) },
      { key: 'derived', name: names.derived, values: rows.map((r) => r.derived) },
    ],
  };
}

/** The text of a case-derived figure: the number, or the mark of its suppression. */
function derivedText(r: ComparisonRow, format: (v: number) => string): string {
  if (r.derived !== null) {
    return format(r.derived);
  }
  const status = r.derivedStatus ?? 'Suppressed';
  return CELL_SYMBOLS[status === 'Reported' ? 'Missing' : status];
}

/** How the official figure is shown: its published status (disclosure control applied). */
function officialShown(r: ComparisonRow): PublishedCellStatus {
  if (r.officialShownStatus) {
    return r.officialShownStatus;
  }
  return r.officialStatus === 'Absent' ? 'Missing' : r.officialStatus;
}

/** The text of an official figure: the number, or the mark of why there is none. */
function officialText(r: ComparisonRow, format: (v: number) => string): string {
  if (r.official !== null) {
    return format(r.official);
  }
  const status = officialShown(r);
  return CELL_SYMBOLS[status === 'Reported' ? 'Missing' : status];
}

export type ComparisonPanelProps = {
  title: string;
  rows: readonly ComparisonRow[];
  labels: StatLabels;
  xlsxQuery?: Partial<StatQuery>;
  fileName: string;
  showCountry?: boolean;
};

/** Official figures beside the counts derived from cases, differences explained. */
export function ComparisonPanel({
  title,
  rows,
  labels,
  xlsxQuery,
  fileName,
  showCountry = false,
}: ComparisonPanelProps): ReactElement {
  const { t } = useTranslation();
  const names = useMemo(
    () => ({
      official: t('statistics.comparison.official'),
      derived: t('statistics.comparison.derived'),
    }),
    [t],
  );
  const option = useMemo(
    () =>
      rows.length
        ? axisChartOptions(comparisonChartData(rows, labels, names), {
            kind: 'bar',
            categoryName: labels.dimension('period'),
            valueName: labels.element(rows[0]?.dataElement ?? ''),
            format: (v) => labels.number(v),
            noNumber: t('statistics.chart.noNumber'),
          })
        : null,
    [rows, labels, names, t],
  );
  const reasonText = (key: string) =>
    t(`statistics.comparison.reason.${key}`, { defaultValue: key });
  const csvRows = () => [
    [
      ...(showCountry ? [labels.dimension('country')] : []),
      labels.dimension('period'),
      t('statistics.comparison.breakdown'),
      names.official,
      names.derived,
      t('statistics.comparison.difference'),
      t('statistics.comparison.reasons'),
    ],
    ...rows.map((r) => [
      ...(showCountry ? [labels.country(r.country)] : []),
      labels.period(r.period),
      r.dimension ? labels.option(r.dimension, r.option) : labels.option('sex', ''),
      officialText(r, String),
      derivedText(r, String),
      r.difference === null ? '' : String(r.difference),
      r.reasons.map(reasonText).join('; '),
    ]),
  ];
  return (
    <ChartCard
      title={title}
      option={option}
      csvRows={csvRows}
      fileName={fileName}
      xlsxQuery={xlsxQuery}
      data-testid="comparison-panel"
    >
      {rows.length === 0 ? (
        <Text c="dimmed">{t('statistics.chart.noData')}</Text>
      ) : (
        <ScrollArea type="auto">
          <Table striped withTableBorder data-testid="comparison-table">
            <Table.Thead>
              <Table.Tr>
                {showCountry ? (
                  <Table.Th scope="col">{labels.dimension('country')}</Table.Th>
                ) : null}
                <Table.Th scope="col">{labels.dimension('period')}</Table.Th>
                <Table.Th scope="col">{t('statistics.comparison.breakdown')}</Table.Th>
                <Table.Th scope="col" ta="right">
                  {names.official}
                </Table.Th>
                <Table.Th scope="col" ta="right">
                  {names.derived}
                </Table.Th>
                <Table.Th scope="col" ta="right">
                  {t('statistics.comparison.difference')}
                </Table.Th>
                <Table.Th scope="col">{t('statistics.comparison.reasons')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((r) => (
                <Table.Tr key={`${r.country}|${r.period}|${r.dimension}|${r.option}`}>
                  {showCountry ? <Table.Td>{labels.country(r.country)}</Table.Td> : null}
                  <Table.Td>{labels.period(r.period)}</Table.Td>
                  <Table.Td>
                    {r.dimension ? labels.option(r.dimension, r.option) : labels.option('sex', '')}
                  </Table.Td>
                  <Table.Td
                    ta="right"
                    data-status={officialShown(r)}
                    title={
                      r.official === null ? t(`statistics.status.${officialShown(r)}`) : undefined
                    }
                  >
                    {officialText(r, (v) => labels.number(v))}
                  </Table.Td>
                  <Table.Td
                    ta="right"
                    data-status={r.derivedStatus}
                    title={
                      r.derived === null
                        ? t(
                            `statistics.status.${r.derivedStatus === 'SecondarySuppressed' ? 'SecondarySuppressed' : 'Suppressed'}`,
                          )
                        : undefined
                    }
                  >
                    {derivedText(r, (v) => labels.number(v))}
                  </Table.Td>
                  <Table.Td
                    ta="right"
                    c={r.difference !== null && r.difference !== 0 ? 'red.8' : undefined}
                  >
                    {r.difference === null ? '' : labels.number(r.difference)}
                  </Table.Td>
                  <Table.Td>
                    {r.reasons.length === 0 ? (
                      r.difference === 0 ? (
                        <Text size="sm" c="dimmed">
                          {t('statistics.comparison.agree')}
                        </Text>
                      ) : null
                    ) : (
                      <Group gap={4}>
                        {r.reasons.map((key) => (
                          <Badge key={key} variant="light" color="grape" tt="none">
                            {reasonText(key)}
                          </Badge>
                        ))}
                      </Group>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollArea>
      )}
    </ChartCard>
  );
}
