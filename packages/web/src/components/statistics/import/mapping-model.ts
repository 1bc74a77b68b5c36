import {
  type ColumnMapping,
  type FieldSource,
  STAT_DIMENSIONS,
  type StatDimension,
} from '@ctip/domain';

export type RowFields = Extract<ColumnMapping, { layout: 'long' }>['fields'];
export type WideColumn = Extract<ColumnMapping, { layout: 'wide' }>['columns'][number];

export const ROW_FIELDS = [
  'dataElement',
  'country',
  'province',
  'period',
  'status',
  'note',
] as const;
export type RowField = (typeof ROW_FIELDS)[number];

/** Change the layout, keeping what both layouts share (row fields, option maps, skipped rows). */
export function mappingWithLayout(
  mapping: ColumnMapping,
  layout: 'long' | 'wide',
  headers: readonly string[],
): ColumnMapping {
  if (mapping.layout === layout) {
    return mapping;
  }
  const fields: RowFields = mapping.layout === 'adx' ? { dimensions: {} } : mapping.fields;
  const optionMaps = mapping.optionMaps;
  const skipRows = mapping.layout === 'adx' ? [] : mapping.skipRows;
  if (layout === 'long') {
    const valueColumn = headers.find((h) => /^value$/i.test(h)) ?? headers[headers.length - 1];
    return {
      layout: 'long',
      fields,
      value: valueColumn ? { column: valueColumn } : { fixed: '' },
      optionMaps,
      skipRows,
    };
  }
  return { layout: 'wide', fields, columns: [], optionMaps, skipRows };
}

/** The columns a mapping uses as row fields (so the wide editor does not offer them as values). */
export function fieldColumns(fields: RowFields): Set<string> {
  const out = new Set<string>();
  const add = (s: FieldSource | undefined) => {
    if (s && 'column' in s) {
      out.add(s.column);
    }
  };
  for (const f of ROW_FIELDS) {
    add(fields[f]);
  }
  for (const d of STAT_DIMENSIONS) {
    add(fields.dimensions[d]);
  }
  return out;
}

/** `sex=F; age_group=U18` → { sex: 'F', age_group: 'U18' }; null when a dimension is unknown. */
export function parseBreakdown(text: string): Partial<Record<StatDimension, string>> | null {
  const out: Partial<Record<StatDimension, string>> = {};
  for (const part of text.split(/[;,]/)) {
    const trimmed = part.trim();
    if (!trimmed) {
      continue;
    }
    const i = trimmed.indexOf('=');
    const dim = (i > 0 ? trimmed.slice(0, i) : '').trim() as StatDimension;
    const option = i > 0 ? trimmed.slice(i + 1).trim() : '';
    if (!(STAT_DIMENSIONS as readonly string[]).includes(dim) || option === '') {
      return null;
    }
    out[dim] = option;
  }
  return out;
}

/** { sex: 'F', age_group: 'U18' } → `sex=F; age_group=U18`. */
export function breakdownText(d: Partial<Record<StatDimension, string>>): string {
  return STAT_DIMENSIONS.filter((dim) => d[dim])
    .map((dim) => `${dim}=${d[dim]}`)
    .join('; ');
}
