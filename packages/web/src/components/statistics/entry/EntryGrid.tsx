import type { DataEntryForm, Disaggregation, StatDimension } from '@ctip/domain';
import { ActionIcon, Menu, Table, Text, TextInput, Title } from '@mantine/core';
import { type KeyboardEvent, memo, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type CellDraft,
  type CellStatus,
  cellDisaggregation,
  cellKey,
  EMPTY_CELL,
  gridAxes,
} from './entry-model';
import { useStatLabels } from './labels';

export type EntryCellProps = {
  cellId: string;
  index: number;
  label: string;
  draft: CellDraft;
  isDirty: boolean;
  error: string | null;
  isFlagged: boolean;
  isLocked: boolean;
  onChange: (cellId: string, draft: CellDraft) => void;
  onMove: (index: number, step: number) => void;
};

/**
 * One cell: type a number; Alt+M marks it missing, Alt+S suppressed at source (or use its menu);
 * Backspace on a marked cell empties it. Enter moves to the next cell, Shift+Enter back.
 */
export const EntryCell = memo(function EntryCell({
  cellId,
  index,
  label,
  draft,
  isDirty,
  error,
  isFlagged,
  isLocked,
  onChange,
  onMove,
}: EntryCellProps): ReactElement {
  const { t } = useTranslation();
  const isMarked = draft.status === 'Missing' || draft.status === 'SuppressedAtSource';
  const set = (status: CellStatus, text = '') => onChange(cellId, { status, text });

  function handleKeyDown(e: KeyboardEvent<HTMLInputElement>): void {
    if (e.key === 'Enter') {
      e.preventDefault();
      onMove(index, e.shiftKey ? -1 : 1);
      return;
    }
    if (isLocked) {
      return;
    }
    if (e.altKey && e.code === 'KeyM') {
      e.preventDefault();
      set('Missing');
      return;
    }
    if (e.altKey && e.code === 'KeyS') {
      e.preventDefault();
      set('SuppressedAtSource');
      return;
    }
    if (isMarked) {
      if (e.key === 'Backspace' || e.key === 'Delete') {
        e.preventDefault();
        set('Empty');
      } else if (/^[0-9]$/.test(e.key)) {
        e.preventDefault();
        set('Reported', e.key);
      }
    }
  }

  const shown =
    draft.status === 'Missing'
      ? t('statisticsData.entry.missing')
      : draft.status === 'SuppressedAtSource'
        ? t('statisticsData.entry.suppressed')
        : draft.text;
  return (
    <TextInput
      size="xs"
      w={110}
      value={shown}
      readOnly={isMarked}
      disabled={isLocked}
      inputMode="decimal"
      autoComplete="off"
      aria-label={label}
      aria-invalid={error ? true : undefined}
      error={error}
      data-entry-index={index}
      data-cell={cellId}
      data-status={draft.status}
      data-dirty={isDirty ? 'true' : undefined}
      data-flagged={isFlagged ? 'true' : undefined}
      styles={{
        input: {
          fontStyle: isMarked ? 'italic' : undefined,
          textAlign: isMarked ? 'left' : 'right',
          background: isDirty ? 'var(--mantine-color-yellow-0)' : undefined,
          outline: isFlagged ? '2px solid var(--mantine-color-orange-6)' : undefined,
        },
      }}
      onChange={(e) => set('Reported', e.currentTarget.value)}
      onKeyDown={handleKeyDown}
      rightSectionWidth={22}
      rightSection={
        isLocked ? null : (
          <Menu position="bottom-end" withinPortal>
            <Menu.Target>
              <ActionIcon
                size="xs"
                variant="subtle"
                tabIndex={-1}
                aria-label={t('statisticsData.entry.cellMenu', { cell: label })}
              >
                ⋯
              </ActionIcon>
            </Menu.Target>
            <Menu.Dropdown>
              <Menu.Item onClick={() => set('Missing')}>
                {t('statisticsData.entry.markMissing')}
              </Menu.Item>
              <Menu.Item onClick={() => set('SuppressedAtSource')}>
                {t('statisticsData.entry.markSuppressed')}
              </Menu.Item>
              <Menu.Item onClick={() => set('Empty')}>{t('statisticsData.entry.clear')}</Menu.Item>
            </Menu.Dropdown>
          </Menu>
        )
      }
    />
  );
});

export type EntryGridProps = {
  form: DataEntryForm;
  drafts: Readonly<Record<string, CellDraft>>;
  stored: ReadonlyMap<string, CellDraft>;
  errors: Readonly<Record<string, string>>;
  flagged: ReadonlySet<string>;
  onChange: (cellId: string, draft: CellDraft) => void;
  onMove: (index: number, step: number) => void;
};

type GridCell = { id: string; disaggregation: Disaggregation };

/** The form: a grid per element, rows and columns from its form dimensions, with totals. */
export function EntryGrid({
  form,
  drafts,
  stored,
  errors,
  flagged,
  onChange,
  onMove,
}: EntryGridProps): ReactElement {
  const labels = useStatLabels();
  const { t } = useTranslation();
  let index = 0;
  const axisLabel = (dim: StatDimension | null, option: string) =>
    dim ? labels.option(dim, option) : t('statisticsData.entry.value');

  return (
    <>
      {form.elements.map((el) => {
        const { rows, columns } = gridAxes(el.formDimensions, el.options);
        const name = labels.element(el.dataElement);
        const cellOf = (r: string, c: string): GridCell => {
          const d = cellDisaggregation(rows, r, columns, c);
          return { id: cellKey(el.dataElement, d), disaggregation: d };
        };
        return (
          <section key={el.dataElement} aria-label={name} data-testid={`element-${el.dataElement}`}>
            <Title order={3} size="h5" mt="md" mb="xs">
              {name}
            </Title>
            <Table withTableBorder withColumnBorders w="auto">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>
                    {rows.dimension ? (
                      <Text size="xs" c="dimmed">
                        {labels.dimension(rows.dimension)}
                        {columns.dimension ? ` \\ ${labels.dimension(columns.dimension)}` : ''}
                      </Text>
                    ) : null}
                  </Table.Th>
                  {columns.options.map((c) => (
                    <Table.Th key={c} scope="col">
                      {axisLabel(columns.dimension, c)}
                    </Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.options.map((r) => (
                  <Table.Tr key={r}>
                    <Table.Th scope="row" fw={r === '' ? 700 : 500}>
                      {rows.dimension
                        ? labels.option(rows.dimension, r)
                        : t('statistics.option.total')}
                    </Table.Th>
                    {columns.options.map((c) => {
                      const cell = cellOf(r, c);
                      const draft = drafts[cell.id] ?? stored.get(cell.id) ?? EMPTY_CELL;
                      const i = index;
                      index += 1;
                      const label = [
                        name,
                        rows.dimension ? labels.option(rows.dimension, r) : null,
                        columns.dimension ? labels.option(columns.dimension, c) : null,
                      ]
                        .filter(Boolean)
                        .join(', ');
                      return (
                        <Table.Td key={c} p={4}>
                          <EntryCell
                            cellId={cell.id}
                            index={i}
                            label={label}
                            draft={draft}
                            isDirty={cell.id in drafts}
                            error={errors[cell.id] ?? null}
                            isFlagged={flagged.has(cell.id)}
                            isLocked={form.isLocked}
                            onChange={onChange}
                            onMove={onMove}
                          />
                        </Table.Td>
                      );
                    })}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </section>
        );
      })}
    </>
  );
}
