import type { PublishedCellStatus, StatTableCell } from '@ctip/domain';

/** The statuses a cell can have instead of a number. */
export type MarkedStatus = Exclude<PublishedCellStatus, 'Reported'>;

/**
 * Language-neutral marks for cells without a published number (explained by the legend, and by
 * each cell's title): missing and suppressed-at-source differ from suppression by this system.
 */
export const CELL_SYMBOLS: Readonly<Record<MarkedStatus, string>> = {
  Missing: '—',
  SuppressedAtSource: '§',
  Suppressed: '*',
  SecondarySuppressed: '**',
};

export const MARKED_STATUSES: readonly MarkedStatus[] = [
  'Suppressed',
  'SecondarySuppressed',
  'SuppressedAtSource',
  'Missing',
];

/** The number of a cell, or null when it has none to show (charts leave a gap). */
export function cellNumber(cell: StatTableCell | undefined): number | null {
  return cell && cell.status === 'Reported' && cell.value !== null ? cell.value : null;
}

/** A cell as text: the formatted number, or the mark of its status. */
export function cellText(
  cell: StatTableCell | undefined,
  format: (value: number) => string,
): string {
  if (!cell) {
    return CELL_SYMBOLS.Missing;
  }
  if (cell.status === 'Reported') {
    return cell.value === null ? CELL_SYMBOLS.Missing : format(cell.value);
  }
  return CELL_SYMBOLS[cell.status];
}
