import type { PivotAxis, StatTable, StatTableCell } from '@ctip/domain';
import { ScrollArea, Table } from '@mantine/core';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { CELL_SYMBOLS } from '../shared/cells';
import type { StatLabels } from '../shared/labels';
import { isTotalHeader } from '../shared/table-model';

/** Runs of equal header values at one level (for colSpan), given the levels above are equal too. */
export function headerRuns(
  headers: readonly string[][],
  level: number,
): { code: string; span: number }[] {
  const runs: { code: string; span: number; key: string }[] = [];
  for (const h of headers) {
    const key = h.slice(0, level + 1).join('|');
    const last = runs[runs.length - 1];
    if (last && last.key === key) {
      last.span += 1;
    } else {
      runs.push({ code: h[level] ?? '', span: 1, key });
    }
  }
  return runs.map(({ code, span }) => ({ code, span }));
}

function CellView({
  cell,
  labels,
  isTotal,
}: {
  cell: StatTableCell | undefined;
  labels: StatLabels;
  isTotal: boolean;
}): ReactElement {
  const { t } = useTranslation();
  const status = cell?.status ?? 'Missing';
  if (status === 'Reported' && cell && cell.value !== null) {
    return (
      <Table.Td
        ta="right"
        fw={isTotal ? 700 : undefined}
        fs={cell.isDerived ? 'italic' : undefined}
        data-status="Reported"
        data-lower-bound={cell.isLowerBound || undefined}
        title={cell.isLowerBound ? t('statistics.legend.lowerBound') : undefined}
      >
        {cell.isLowerBound ? `≥ ${labels.number(cell.value, 2)}` : labels.number(cell.value, 2)}
      </Table.Td>
    );
  }
  const mark = status === 'Reported' ? 'Missing' : status;
  const meaning = t(`statistics.status.${mark}`);
  return (
    <Table.Td
      ta="right"
      fw={isTotal ? 700 : undefined}
      data-status={mark}
      c={mark === 'Suppressed' || mark === 'SecondarySuppressed' ? 'orange.8' : 'dimmed'}
    >
      <abbr title={meaning} style={{ textDecoration: 'none' }}>
        {CELL_SYMBOLS[mark]}
      </abbr>
    </Table.Td>
  );
}

/** A result table: row and column headers named in the user's language, marks for withheld cells. */
export function StatTableView({
  table,
  labels,
  caption,
}: {
  table: StatTable;
  labels: StatLabels;
  caption: string;
}): ReactElement {
  const rowAxes: PivotAxis[] = table.rowAxes;
  const colAxes: PivotAxis[] = table.columnAxes;
  const colLevels = Math.max(colAxes.length, 1);
  const rowHeadCols = Math.max(rowAxes.length, 1);
  return (
    <ScrollArea type="auto">
      <Table
        striped
        withTableBorder
        withColumnBorders
        aria-label={caption}
        data-testid="stat-table"
      >
        <Table.Thead>
          {Array.from({ length: colLevels }, (_, level) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: header levels are positional
            <Table.Tr key={level}>
              {level === 0
                ? Array.from({ length: rowHeadCols }, (_, k) => (
                    <Table.Th
                      // biome-ignore lint/suspicious/noArrayIndexKey: positional
                      key={k}
                      scope="col"
                      rowSpan={colLevels}
                    >
                      {rowAxes[k] ? labels.dimension(rowAxes[k]) : ''}
                    </Table.Th>
                  ))
                : null}
              {colAxes.length === 0 ? (
                <Table.Th scope="col" ta="right">
                  {labels.option('sex', '')}
                </Table.Th>
              ) : (
                headerRuns(table.columnHeaders, level).map((run, j) => (
                  <Table.Th
                    // biome-ignore lint/suspicious/noArrayIndexKey: runs may repeat a code
                    key={j}
                    scope={run.span > 1 ? 'colgroup' : 'col'}
                    colSpan={run.span}
                    ta="right"
                  >
                    {labels.option(colAxes[level] as PivotAxis, run.code)}
                  </Table.Th>
                ))
              )}
            </Table.Tr>
          ))}
        </Table.Thead>
        <Table.Tbody>
          {table.rowHeaders.map((rh, i) => {
            const rowIsTotal = isTotalHeader(rh) && table.hasTotals;
            return (
              <Table.Tr key={rh.join('|') || `r${i}`} data-total={rowIsTotal || undefined}>
                {rowAxes.length === 0 ? (
                  <Table.Th scope="row">{labels.option('sex', '')}</Table.Th>
                ) : (
                  rowAxes.map((axis, k) => (
                    <Table.Th key={axis} scope="row" fw={rowIsTotal ? 700 : undefined}>
                      {labels.option(axis, rh[k] ?? '')}
                    </Table.Th>
                  ))
                )}
                {table.columnHeaders.map((ch, j) => (
                  <CellView
                    key={ch.join('|') || `c${j}`}
                    cell={table.cells[i]?.[j]}
                    labels={labels}
                    isTotal={rowIsTotal || (isTotalHeader(ch) && table.hasTotals)}
                  />
                ))}
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </ScrollArea>
  );
}
