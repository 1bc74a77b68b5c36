import {
  type DataEntryForm,
  type Disaggregation,
  disaggregationKey,
  type StatDimension,
  type StatValueInput,
  type StatValueStatus,
  TOTAL,
} from '@ctip/domain';

/**
 * The entry grid's model, pure: what each cell holds, what changed, what is sent. A cell is a
 * number, explicitly missing, suppressed at source, or empty; an empty cell is never sent as zero.
 */
export type CellStatus = 'Empty' | StatValueStatus;
export type CellDraft = { status: CellStatus; text: string };
export type CellErrorCode = 'notNumber' | 'negative' | 'clearStored';

export const EMPTY_CELL: CellDraft = { status: 'Empty', text: '' };

/** `ELEMENT|sex=F;age_group=U18` — a cell's identity within one form. */
export function cellKey(dataElement: string, disaggregation: Disaggregation): string {
  return `${dataElement}|${disaggregationKey(disaggregation)}`;
}

/** The cells as stored, by cell key. */
export function originalCells(form: DataEntryForm): Map<string, CellDraft> {
  const out = new Map<string, CellDraft>();
  for (const el of form.elements) {
    for (const v of el.values) {
      out.set(cellKey(el.dataElement, v.disaggregation), {
        status: v.status,
        text: v.status === 'Reported' && v.value !== null ? String(v.value) : '',
      });
    }
  }
  return out;
}

/** Whether two drafts mean the same value (so a cell typed back to its stored value is clean). */
export function sameCell(a: CellDraft, b: CellDraft): boolean {
  if (a.status !== b.status) {
    return false;
  }
  if (a.status !== 'Reported') {
    return true;
  }
  const x = parseCellNumber(a.text);
  const y = parseCellNumber(b.text);
  return x !== null && y !== null ? x === y : a.text.trim() === b.text.trim();
}

/** A typed number: spaces and thousands commas ignored, a dot for decimals; null when not a number. */
export function parseCellNumber(text: string): number | null {
  const cleaned = text.replace(/[\s,\u00a0]/g, '');
  if (!/^-?\d+(\.\d+)?$/.test(cleaned)) {
    return null;
  }
  const n = Number(cleaned);
  return Number.isFinite(n) ? n : null;
}

/** A cell's grid position: row option and column option of the form dimensions ('' = total). */
export type GridAxis = { dimension: StatDimension | null; options: string[] };

/**
 * The rows and columns of an element's grid: each form dimension's options then its total; an
 * element without form dimensions is one cell.
 */
export function gridAxes(
  formDimensions: readonly StatDimension[],
  options: Partial<Record<StatDimension, string[]>>,
): { rows: GridAxis; columns: GridAxis } {
  const axis = (dim: StatDimension | undefined): GridAxis =>
    dim
      ? // The server lists TOTAL among the options; the grid puts it last, once.
        { dimension: dim, options: [...(options[dim] ?? []).filter((o) => o !== TOTAL), TOTAL] }
      : { dimension: null, options: [TOTAL] };
  return { rows: axis(formDimensions[0]), columns: axis(formDimensions[1]) };
}

/** The disaggregation of a grid cell. */
export function cellDisaggregation(
  rows: GridAxis,
  rowOption: string,
  columns: GridAxis,
  columnOption: string,
): Disaggregation {
  const d: Disaggregation = {};
  if (rows.dimension && rowOption !== TOTAL) {
    d[rows.dimension] = rowOption;
  }
  if (columns.dimension && columnOption !== TOTAL) {
    d[columns.dimension] = columnOption;
  }
  return d;
}

export type PendingValue = {
  key: string;
  input: Omit<StatValueInput, 'province'>;
  draft: CellDraft;
};

/**
 * What to send for the changed cells, and the cells that cannot be sent as typed.
 * @param changed - cell key → [element, disaggregation, draft] of the cells that differ from storage.
 * @param stored - The stored cells.
 */
export function pendingValues(
  changed: readonly {
    key: string;
    dataElement: string;
    disaggregation: Disaggregation;
    draft: CellDraft;
  }[],
  stored: ReadonlyMap<string, CellDraft>,
  country: string,
  period: string,
): { values: PendingValue[]; errors: Map<string, CellErrorCode> } {
  const values: PendingValue[] = [];
  const errors = new Map<string, CellErrorCode>();
  for (const c of changed) {
    const base = { dataElement: c.dataElement, country, period, disaggregation: c.disaggregation };
    if (
      c.draft.status === 'Empty' ||
      (c.draft.status === 'Reported' && c.draft.text.trim() === '')
    ) {
      // There is no "delete": a stored value becomes missing on purpose, never by clearing it.
      if (stored.has(c.key)) {
        errors.set(c.key, 'clearStored');
      }
      continue;
    }
    if (c.draft.status === 'Reported') {
      const n = parseCellNumber(c.draft.text);
      if (n === null) {
        errors.set(c.key, 'notNumber');
        continue;
      }
      if (n < 0) {
        errors.set(c.key, 'negative');
        continue;
      }
      values.push({ key: c.key, draft: c.draft, input: { ...base, status: 'Reported', value: n } });
      continue;
    }
    values.push({
      key: c.key,
      draft: c.draft,
      input: { ...base, status: c.draft.status, value: null },
    });
  }
  return { values, errors };
}

/** The index of the value a server error names (`values.3.value`, `values[3]`), or null. */
export function valueIndexOfField(field: string | undefined): number | null {
  const m = field ? /^values(?:\.|\[)(\d+)\]?/.exec(field) : null;
  return m ? Number(m[1]) : null;
}
