import { Center, Group, Loader, Pagination, ScrollArea, Table, Text } from '@mantine/core';
import { type ColumnDef, flexRender, getCoreRowModel, useReactTable } from '@tanstack/react-table';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';

export type DataTableProps<T> = {
  /** Accessible name of the table. */
  label: string;
  columns: ColumnDef<T, unknown>[];
  rows: T[];
  getRowId: (row: T) => string;
  loading?: boolean;
  /** Server-side paging; leave out to show every row. */
  paging?: {
    page: number;
    pageSize: number;
    total: number;
    /** `total` is a cap: there are more rows than it says (large case lists). */
    totalIsLowerBound?: boolean;
    onPageChange: (page: number) => void;
  };
  'data-testid'?: string;
};

/** A table of server data (react-table for the column model, paging done by the API). */
export function DataTable<T>({
  label,
  columns,
  rows,
  getRowId,
  loading = false,
  paging,
  'data-testid': testId,
}: DataTableProps<T>): ReactElement {
  const { t } = useTranslation();
  const knownPages = paging ? Math.max(1, Math.ceil(paging.total / paging.pageSize)) : 1;
  // A capped total: there is always at least one page after the current one.
  const pageCount =
    paging?.totalIsLowerBound === true ? Math.max(knownPages, paging.page + 1) : knownPages;
  const table = useReactTable({
    data: rows,
    columns,
    getRowId,
    getCoreRowModel: getCoreRowModel(),
    manualPagination: true,
    pageCount,
  });

  return (
    <div>
      <ScrollArea type="auto">
        <Table striped highlightOnHover aria-label={label} aria-busy={loading} data-testid={testId}>
          <Table.Thead>
            {table.getHeaderGroups().map((group) => (
              <Table.Tr key={group.id}>
                {group.headers.map((header) => (
                  <Table.Th key={header.id} scope="col">
                    {header.isPlaceholder
                      ? null
                      : flexRender(header.column.columnDef.header, header.getContext())}
                  </Table.Th>
                ))}
              </Table.Tr>
            ))}
          </Table.Thead>
          <Table.Tbody>
            {table.getRowModel().rows.map((row) => (
              <Table.Tr key={row.id}>
                {row.getVisibleCells().map((cell) => (
                  <Table.Td key={cell.id}>
                    {flexRender(cell.column.columnDef.cell, cell.getContext())}
                  </Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollArea>
      {loading && rows.length === 0 ? (
        <Center py="lg">
          <Loader size="sm" />
        </Center>
      ) : null}
      {!loading && rows.length === 0 ? (
        <Text c="dimmed" ta="center" py="lg">
          {t('common.noResults')}
        </Text>
      ) : null}
      {paging ? (
        <Group justify="space-between" mt="sm">
          <Text size="sm" c="dimmed">
            {paging.totalIsLowerBound
              ? t('common.totalRowsMore', { count: paging.total })
              : t('common.totalRows', { count: paging.total })}
          </Text>
          {pageCount > 1 ? (
            <Pagination
              total={pageCount}
              value={paging.page}
              onChange={paging.onPageChange}
              size="sm"
              getControlProps={(control) =>
                control === 'next'
                  ? { 'aria-label': t('common.nextPage') }
                  : control === 'previous'
                    ? { 'aria-label': t('common.previousPage') }
                    : {}
              }
            />
          ) : null}
        </Group>
      ) : null}
    </div>
  );
}
