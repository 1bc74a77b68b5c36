import {
  type ColumnMapping,
  DomainError,
  type FieldSource,
  STAT_DIMENSIONS,
  type StatDimension,
  type StatImportError,
  type StatValueStatus,
  TOTAL,
} from '@ctip/domain';
import type { AdxValue, StatSheet } from './files';
import { adxPeriodToId } from './files';
import { type CompiledOptionMaps, compileOptionMaps, mapOption, mapStatus } from './option-maps';

/** Index of each dimension in a candidate's `dims` array (STAT_DIMENSIONS order). */
export const DIM_INDEX: Readonly<Record<StatDimension, number>> = Object.fromEntries(
  STAT_DIMENSIONS.map((d, i) => [d, i]),
) as Record<StatDimension, number>;

/** One value read from a file, before validation against the metadata. */
export type Candidate = {
  /** Data row (1 = first after the header) or ADX value index (1-based). */
  row: number;
  /** The columns each field came from (for error reports); absent = fixed or not given. */
  columns: Partial<Record<string, string>>;
  dataElement: string;
  country: string;
  province: string;
  period: string;
  /** Option per dimension in STAT_DIMENSIONS order, '' = TOTAL. */
  dims: string[];
  status: StatValueStatus;
  value: number | null;
  /** The cell as printed, when it differs from the plain number (N/A, 1,234). */
  printed: string | null;
  note: string | null;
};

export type ParseResult = { candidates: Candidate[]; errors: StatImportError[] };

const NUMBER = /^\d+(\.\d+)?$/;
const THOUSANDS = /^\d{1,3}([,\s\u00a0]\d{3})+(\.\d+)?$/;

/** A cell's text → status and number; 'empty' for a blank cell; null when it is neither. */
export function parseValueText(
  text: string,
  own: CompiledOptionMaps,
): { status: StatValueStatus; value: number | null; printed: string | null } | 'empty' | null {
  const t = text.trim();
  if (t === '') {
    return 'empty';
  }
  if (NUMBER.test(t)) {
    const value = Number(t);
    return { status: 'Reported', value, printed: String(value) === t ? null : t.slice(0, 200) };
  }
  if (THOUSANDS.test(t)) {
    return { status: 'Reported', value: Number(t.replace(/[,\s\u00a0]/g, '')), printed: t };
  }
  const status = mapStatus(t, own);
  if (status && status !== 'Reported') {
    return { status, value: null, printed: t.slice(0, 200) };
  }
  return null;
}

/** Period as printed → id: `y2008` and `FY2015`-less forms, ADX start/duration. */
export function normalisePeriod(text: string): string {
  const t = text.trim();
  const y = /^[yY](\d{4})$/.exec(t);
  if (y) {
    return y[1] as string;
  }
  return t.includes('/') ? adxPeriodToId(t) : t;
}

function columnIndex(headers: readonly string[], column: string): number {
  const exact = headers.indexOf(column);
  if (exact >= 0) {
    return exact;
  }
  const lower = column.trim().toLowerCase();
  return headers.findIndex((h) => h.trim().toLowerCase() === lower);
}

type Reader = { column: string | null; read: (row: readonly string[]) => string };

function reader(
  headers: readonly string[],
  source: FieldSource | undefined,
  field: string,
): Reader | null {
  if (!source) {
    return null;
  }
  if ('fixed' in source) {
    const v = source.fixed;
    return { column: null, read: () => v };
  }
  const i = columnIndex(headers, source.column);
  if (i < 0) {
    throw new DomainError(
      'INVALID_INPUT',
      `mapping: column "${source.column}" of ${field} is not in the file`,
      {
        field: 'mapping',
      },
    );
  }
  return { column: headers[i] ?? source.column, read: (row) => row[i] ?? '' };
}

const err = (
  row: number,
  column: string | null,
  field: string,
  code: string,
  message: string,
): StatImportError => ({ row, column, field, code, message });

/** Turn a sheet into candidate values with a long or wide mapping. */
export function parseSheet(
  sheet: StatSheet,
  mapping: Exclude<ColumnMapping, { layout: 'adx' }>,
  onProgress: (processed: number) => void = () => {},
): ParseResult {
  const own = compileOptionMaps(mapping.optionMaps);
  const { headers } = sheet;
  const f = mapping.fields;
  const readers = {
    dataElement: reader(headers, f.dataElement, 'dataElement'),
    country: reader(headers, f.country, 'country'),
    province: reader(headers, f.province, 'province'),
    period: reader(headers, f.period, 'period'),
    status: reader(headers, f.status, 'status'),
    note: reader(headers, f.note, 'note'),
  };
  const dimReaders = STAT_DIMENSIONS.flatMap((d) => {
    const r = reader(headers, f.dimensions[d], d);
    return r ? [{ dim: d, r }] : [];
  });
  const skips = mapping.skipRows.map((s) => {
    const i = columnIndex(headers, s.column);
    if (i < 0) {
      throw new DomainError(
        'INVALID_INPUT',
        `mapping: skip column "${s.column}" is not in the file`,
        {
          field: 'mapping',
        },
      );
    }
    return { i, equals: s.equals.trim().toLowerCase() };
  });
  type ValueSlot = {
    column: string;
    read: (row: readonly string[]) => string;
    dataElement: string | null;
    period: string | null;
    dims: Partial<Record<StatDimension, string>>;
  };
  const slots: ValueSlot[] = [];
  if (mapping.layout === 'long') {
    const r = reader(headers, mapping.value, 'value');
    if (!r) {
      throw new DomainError('INVALID_INPUT', 'mapping: no value column', { field: 'mapping' });
    }
    slots.push({
      column: r.column ?? 'value',
      read: r.read,
      dataElement: null,
      period: null,
      dims: {},
    });
  } else {
    for (const c of mapping.columns) {
      const r = reader(headers, { column: c.column }, 'columns');
      if (r) {
        slots.push({
          column: r.column ?? c.column,
          read: r.read,
          dataElement: c.dataElement ?? null,
          period: c.period ?? null,
          dims: c.dimensions,
        });
      }
    }
  }
  const baseColumns: Partial<Record<string, string>> = {};
  for (const [key, r] of Object.entries(readers)) {
    if (r?.column) {
      baseColumns[key] = r.column;
    }
  }
  for (const { dim, r } of dimReaders) {
    if (r.column) {
      baseColumns[dim] = r.column;
    }
  }
  const slotColumns = slots.map((slot) => {
    const cols: Partial<Record<string, string>> = { ...baseColumns, value: slot.column };
    if (slot.dataElement) {
      cols.dataElement = slot.column;
    }
    if (slot.period) {
      cols.period = slot.column;
    }
    return cols;
  });
  const candidates: Candidate[] = [];
  const errors: StatImportError[] = [];
  const rows = sheet.rows;
  for (let i = 0; i < rows.length; i += 1) {
    const cells = rows[i] as string[];
    const rowNo = i + 1;
    if (i % 10_000 === 0) {
      onProgress(i);
    }
    if (skips.some((s) => (cells[s.i] ?? '').trim().toLowerCase() === s.equals)) {
      continue;
    }
    if (cells.length <= 1 && (cells[0] ?? '').trim() === '') {
      continue;
    }
    const columns = baseColumns;
    const rowErrors: StatImportError[] = [];
    const text = (key: keyof typeof readers): string | null => {
      const r = readers[key];
      if (!r) {
        return null;
      }
      return r.read(cells);
    };
    const elementText = text('dataElement');
    const countryText = text('country');
    const provinceText = text('province') ?? '';
    const periodText = text('period');
    const statusText = text('status');
    const noteText = text('note');
    const rowDims: string[] = new Array(STAT_DIMENSIONS.length).fill(TOTAL);
    for (const { dim, r } of dimReaders) {
      const t = r.read(cells);
      const code = mapOption(dim, t, own);
      if (code === null) {
        rowErrors.push(
          err(rowNo, r.column, dim, 'unknown_option', `unknown ${dim} "${t.slice(0, 60)}"`),
        );
      } else {
        rowDims[DIM_INDEX[dim]] = code;
      }
    }
    let country = '';
    if (countryText === null) {
      rowErrors.push(err(rowNo, null, 'country', 'missing_field', 'no country in the mapping'));
    } else {
      const c = mapOption('country', countryText, own);
      if (c === null) {
        rowErrors.push(
          err(
            rowNo,
            columns.country ?? null,
            'country',
            'unknown_country',
            `unknown country "${countryText.slice(0, 60)}"`,
          ),
        );
      } else {
        country = c;
      }
    }
    const rowStatus = statusText && statusText.trim() !== '' ? mapStatus(statusText, own) : null;
    if (statusText && statusText.trim() !== '' && rowStatus === null) {
      rowErrors.push(
        err(
          rowNo,
          columns.status ?? null,
          'status',
          'bad_status',
          `unknown status "${statusText.slice(0, 60)}"`,
        ),
      );
    }
    if (rowErrors.length > 0) {
      errors.push(...rowErrors);
      continue;
    }
    for (let k = 0; k < slots.length; k += 1) {
      const slot = slots[k] as ValueSlot;
      const raw = slot.read(cells);
      const parsed = parseValueText(raw, own);
      let status: StatValueStatus;
      let value: number | null;
      let printed: string | null;
      if (rowStatus && rowStatus !== 'Reported') {
        status = rowStatus;
        value = null;
        printed = raw.trim() === '' ? null : raw.trim().slice(0, 200);
      } else if (parsed === 'empty') {
        if (mapping.layout === 'long') {
          errors.push(err(rowNo, slot.column, 'value', 'empty_value', 'the value is empty'));
        }
        continue;
      } else if (parsed === null) {
        errors.push(err(rowNo, slot.column, 'value', 'bad_value', 'not a number or a status text'));
        continue;
      } else {
        ({ status, value, printed } = parsed);
        if (rowStatus === 'Reported' && status !== 'Reported') {
          errors.push(
            err(rowNo, slot.column, 'value', 'bad_value', 'a reported value needs a number'),
          );
          continue;
        }
      }
      const dims = rowDims.slice();
      let bad = false;
      for (const [dim, t] of Object.entries(slot.dims) as [StatDimension, string][]) {
        const code = mapOption(dim, t, own);
        if (code === null) {
          errors.push(
            err(rowNo, slot.column, dim, 'unknown_option', `unknown ${dim} "${t.slice(0, 60)}"`),
          );
          bad = true;
        } else {
          dims[DIM_INDEX[dim]] = code;
        }
      }
      const element = slot.dataElement ?? elementText;
      const period = slot.period ?? periodText;
      if (!element) {
        errors.push(
          err(
            rowNo,
            columns.dataElement ?? slot.column,
            'dataElement',
            'missing_field',
            'no data element',
          ),
        );
        bad = true;
      }
      if (!period) {
        errors.push(
          err(rowNo, columns.period ?? slot.column, 'period', 'missing_field', 'no period'),
        );
        bad = true;
      }
      if (bad) {
        continue;
      }
      candidates.push({
        row: rowNo,
        columns: slotColumns[k] as Partial<Record<string, string>>,
        dataElement: mapOption('dataElement', element as string, own) ?? '',
        country,
        province: provinceText.trim(),
        period: normalisePeriod(period as string),
        dims,
        status,
        value,
        printed,
        note: noteText && noteText.trim() !== '' ? noteText.trim().slice(0, 500) : null,
      });
    }
  }
  onProgress(rows.length);
  return { candidates, errors };
}

const ADX_FIELDS = new Set(['province', 'status', 'note']);

/** Turn ADX values into candidates (attribute names are dimension names; option maps apply). */
export function parseAdx(
  values: readonly AdxValue[],
  optionMaps: ColumnMapping['optionMaps'],
): ParseResult & {
  dataSets: (string | null)[];
} {
  const own = compileOptionMaps(optionMaps);
  const candidates: Candidate[] = [];
  const errors: StatImportError[] = [];
  const dataSets: (string | null)[] = [];
  values.forEach((v, i) => {
    const row = i + 1;
    const dims: string[] = new Array(STAT_DIMENSIONS.length).fill(TOTAL);
    let bad = false;
    for (const [name, text] of Object.entries(v.attributes)) {
      if (ADX_FIELDS.has(name)) {
        continue;
      }
      if (!(name in DIM_INDEX)) {
        errors.push(
          err(row, name, name, 'unknown_attribute', `unknown attribute ${name.slice(0, 60)}`),
        );
        bad = true;
        continue;
      }
      const code = mapOption(name as StatDimension, text, own);
      if (code === null) {
        errors.push(
          err(row, name, name, 'unknown_option', `unknown ${name} "${text.slice(0, 60)}"`),
        );
        bad = true;
      } else {
        dims[DIM_INDEX[name as StatDimension]] = code;
      }
    }
    const country = mapOption('country', v.orgUnit, own);
    if (country === null) {
      errors.push(
        err(
          row,
          'orgUnit',
          'country',
          'unknown_country',
          `unknown orgUnit "${v.orgUnit.slice(0, 60)}"`,
        ),
      );
      bad = true;
    }
    const statusText = v.attributes.status;
    let status: StatValueStatus = 'Reported';
    let value: number | null = null;
    let printed: string | null = null;
    if (statusText && mapStatus(statusText, own) !== 'Reported') {
      const s = mapStatus(statusText, own);
      if (s === null) {
        errors.push(err(row, 'status', 'status', 'bad_status', 'unknown status'));
        bad = true;
      } else {
        status = s;
      }
    } else {
      const parsed = v.value === null ? 'empty' : parseValueText(v.value, own);
      if (parsed === 'empty' || parsed === null) {
        errors.push(
          err(
            row,
            'value',
            'value',
            parsed === null ? 'bad_value' : 'empty_value',
            'not a number or a status text',
          ),
        );
        bad = true;
      } else {
        ({ status, value, printed } = parsed);
      }
    }
    if (!v.dataElement) {
      errors.push(err(row, 'dataElement', 'dataElement', 'missing_field', 'no data element'));
      bad = true;
    }
    if (bad) {
      return;
    }
    candidates.push({
      row,
      columns: { dataElement: 'dataElement', country: 'orgUnit', period: 'period', value: 'value' },
      dataElement: mapOption('dataElement', v.dataElement, own) ?? '',
      country: country as string,
      province: (v.attributes.province ?? '').trim(),
      period: normalisePeriod(v.period),
      dims,
      status,
      value,
      printed,
      note: v.attributes.note ? v.attributes.note.slice(0, 500) : null,
    });
    dataSets.push(v.dataSet);
  });
  return { candidates, errors, dataSets };
}
