import type { PivotAxis, StatTable, StatTableCell } from '@ctip/domain';
import { cellNumber, cellText } from './cells';
import type { StatLabels } from './labels';

/** Is a header tuple the total of all its axes? */
export function isTotalHeader(header: readonly string[]): boolean {
  return header.length > 0 && header.every((h) => h === '');
}

/** A header tuple named in the user's language ("Female · Under 18"). */
export function headerLabel(
  axes: readonly PivotAxis[],
  header: readonly string[],
  labels: StatLabels,
): string {
  if (axes.length === 0) {
    return labels.option('sex', '');
  }
  return axes.map((axis, i) => labels.option(axis, header[i] ?? '')).join(' · ');
}

/** The cell at row i, column j. */
export function tableCell(table: StatTable, i: number, j: number): StatTableCell | undefined {
  return table.cells[i]?.[j];
}

/**
 * The table as CSV rows, as shown: one header row per column axis, row axes' names first; numbers
 * unformatted (machine-readable), marks for cells without a number.
 */
export function statTableCsvRows(table: StatTable, labels: StatLabels): string[][] {
  const rowAxisNames = table.rowAxes.length ? table.rowAxes.map((a) => labels.dimension(a)) : [''];
  const columnLevels = Math.max(table.columnAxes.length, 1);
  const head: string[][] = [];
  for (let level = 0; level < columnLevels; level += 1) {
    const axis = table.columnAxes[level];
    head.push([
      ...rowAxisNames.map((name, k) =>
        level === columnLevels - 1 ? name : k === 0 && axis ? labels.dimension(axis) : '',
      ),
      ...table.columnHeaders.map((h) =>
        axis ? labels.option(axis, h[level] ?? '') : labels.option('sex', ''),
      ),
    ]);
  }
  const body = table.rowHeaders.map((rh, i) => [
    ...(table.rowAxes.length
      ? table.rowAxes.map((axis, k) => labels.option(axis, rh[k] ?? ''))
      : [labels.option('sex', '')]),
    ...table.columnHeaders.map((_, j) => cellText(tableCell(table, i, j), (v) => String(v))),
  ]);
  return [...head, ...body];
}

export type ChartSeries = { key: string; name: string; values: (number | null)[] };
export type ChartData = { categories: string[]; categoryCodes: string[]; series: ChartSeries[] };

/**
 * Series for a chart from a table: the categories are the headers of `categoryAxis` (whichever
 * side of the table it is on), one series per header of the other side; totals left out.
 */
export function tableChartData(
  table: StatTable,
  categoryAxis: PivotAxis | null,
  labels: StatLabels,
): ChartData {
  const onRows = categoryAxis !== null && table.rowAxes.includes(categoryAxis);
  const catHeaders = onRows ? table.rowHeaders : table.columnHeaders;
  const catAxes = onRows ? table.rowAxes : table.columnAxes;
  const serHeaders = onRows ? table.columnHeaders : table.rowHeaders;
  const serAxes = onRows ? table.columnAxes : table.rowAxes;
  const catIdx = catHeaders
    .map((h, i) => [h, i] as const)
    .filter(([h]) => !(isTotalHeader(h) && catHeaders.length > 1));
  const serIdx = serHeaders
    .map((h, i) => [h, i] as const)
    .filter(([h]) => !(isTotalHeader(h) && serHeaders.length > 1));
  const at = (c: number, s: number) => (onRows ? tableCell(table, c, s) : tableCell(table, s, c));
  return {
    categories: catIdx.map(([h]) => headerLabel(catAxes, h, labels)),
    categoryCodes: catIdx.map(([h]) => h.join('|')),
    series: serIdx.map(([h, s]) => ({
      key: h.join('|'),
      name: serAxes.length ? headerLabel(serAxes, h, labels) : labels.option('sex', ''),
      values: catIdx.map(([, c]) => cellNumber(at(c, s))),
    })),
  };
}

/** The totals line of a table along `categoryAxis` (the total row or column), when it has one. */
export function tableTotals(
  table: StatTable,
  categoryAxis: PivotAxis,
  labels: StatLabels,
): ChartData | null {
  const onRows = table.rowAxes.includes(categoryAxis);
  const serHeaders = onRows ? table.columnHeaders : table.rowHeaders;
  const totalIdx = serHeaders.findIndex((h) => isTotalHeader(h));
  if (!table.hasTotals || totalIdx < 0) {
    return null;
  }
  const data = tableChartData(table, categoryAxis, labels);
  const catHeaders = onRows ? table.rowHeaders : table.columnHeaders;
  const cats = catHeaders
    .map((h, i) => [h, i] as const)
    .filter(([h]) => !(isTotalHeader(h) && catHeaders.length > 1));
  return {
    categories: data.categories,
    categoryCodes: data.categoryCodes,
    series: [
      {
        key: 'total',
        name: labels.option('sex', ''),
        values: cats.map(([, c]) =>
          cellNumber(onRows ? tableCell(table, c, totalIdx) : tableCell(table, totalIdx, c)),
        ),
      },
    ],
  };
}

/** Chart data as CSV rows: the category column, then one column per series. */
export function chartDataCsvRows(data: ChartData, categoryName: string): string[][] {
  return [
    [categoryName, ...data.series.map((s) => s.name)],
    ...data.categories.map((c, i) => [
      c,
      ...data.series.map((s) => {
        const v = s.values[i];
        return v === null || v === undefined ? '' : String(v);
      }),
    ]),
  ];
}
