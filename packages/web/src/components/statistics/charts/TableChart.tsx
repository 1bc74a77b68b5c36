import type { PivotAxis, StatTable } from '@ctip/domain';
import { type ReactElement, type ReactNode, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { StatLabels } from '../shared/labels';
import { statTableCsvRows, tableChartData, tableTotals } from '../shared/table-model';
import { ChartCard } from './ChartCard';
import { axisChartOptions } from './options';

export type TableChartProps = {
  title: string;
  table: StatTable;
  labels: StatLabels;
  /** The axis along x (period for trends, country for side-by-side). */
  categoryAxis: PivotAxis | null;
  kind?: 'bar' | 'line';
  stack?: boolean;
  /** Chart only the totals line of the table. */
  totalsOnly?: boolean;
  /** Translated name of the values' axis; the element's name by default. */
  valueName?: string;
  decimals?: number;
  fileName: string;
  children?: ReactNode;
  'data-testid'?: string;
};

/** A chart of a StatTable with its downloads (CSV of the table as shown, XLSX of its query). */
export function TableChart({
  title,
  table,
  labels,
  categoryAxis,
  kind = 'bar',
  stack = false,
  totalsOnly = false,
  valueName,
  decimals = 0,
  fileName,
  children,
  'data-testid': testId,
}: TableChartProps): ReactElement {
  const { t } = useTranslation();
  const option = useMemo(() => {
    const data = totalsOnly
      ? categoryAxis
        ? tableTotals(table, categoryAxis, labels)
        : null
      : tableChartData(table, categoryAxis, labels);
    if (!data || data.categories.length === 0) {
      return null;
    }
    const code = table.query.indicator ?? table.query.dataElement ?? '';
    return axisChartOptions(data, {
      kind,
      stack,
      categoryName: categoryAxis ? labels.dimension(categoryAxis) : '',
      valueName:
        valueName ?? (table.query.indicator ? labels.indicator(code) : labels.element(code)),
      format: (v) => labels.number(v, decimals),
      noNumber: t('statistics.chart.noNumber'),
    });
  }, [table, labels, categoryAxis, kind, stack, totalsOnly, valueName, decimals, t]);
  return (
    <ChartCard
      title={title}
      option={option}
      csvRows={() => statTableCsvRows(table, labels)}
      fileName={fileName}
      xlsxQuery={table.query}
      data-testid={testId}
    >
      {children}
    </ChartCard>
  );
}
