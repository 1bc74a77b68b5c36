import { DomainError, type ImportFormat } from '@ctip/domain';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { XMLBuilder, XMLParser } from 'fast-xml-parser';
import { spreadsheetCellText } from '../../common/spreadsheet';

/** A table read from a file: header row, data rows (cell texts), sheet names (XLSX). */
export type StatSheet = {
  headers: string[];
  rows: string[][];
  sheets: string[];
  sheet: string | null;
};

/** The largest import accepted: values (ADX) or data rows (CSV, XLSX). */
export const MAX_STAT_IMPORT_ROWS = 2_000_000;

export const STAT_FILE_MEDIA_TYPES: Record<ImportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  adx: 'application/adx+xml',
};

function invalid(message: string): never {
  throw new DomainError('INVALID_INPUT', `file: ${message}`, { field: 'file' });
}

/** The format from an explicit choice or the file name. */
export function statFileFormatOf(fileName: string, format?: ImportFormat): ImportFormat {
  if (format) {
    return format;
  }
  const ext = fileName.toLowerCase().split('.').pop() ?? '';
  if (ext === 'csv' || ext === 'txt') {
    return 'csv';
  }
  if (ext === 'xlsx') {
    return 'xlsx';
  }
  if (ext === 'xml' || ext === 'adx') {
    return 'adx';
  }
  return invalid('cannot tell the format from the file name');
}

/** Read CSV (UTF-8, optional BOM, comma or semicolon separated). */
export function readStatCsv(data: Buffer): StatSheet {
  const text = data.toString('utf8');
  if (text.includes('\u0000')) {
    invalid('contains a NUL character (not a text file?)');
  }
  const nl = text.indexOf('\n');
  const firstLine = nl < 0 ? text : text.slice(0, nl);
  const delimiter = firstLine.split(';').length > firstLine.split(',').length ? ';' : ',';
  let records: string[][];
  if (!text.includes('"')) {
    // Fast path: no quoting, so a record is a line split at the delimiter.
    const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
    records = [];
    for (const line of body.split('\n')) {
      const l = line.endsWith('\r') ? line.slice(0, -1) : line;
      if (l !== '') {
        records.push(l.split(delimiter));
      }
    }
    const [head, ...rest] = records;
    if (rest.length > MAX_STAT_IMPORT_ROWS) {
      invalid(`more than ${MAX_STAT_IMPORT_ROWS} rows`);
    }
    return { headers: (head ?? []).map((h) => h.trim()), rows: rest, sheets: [], sheet: null };
  }
  try {
    records = parse(text, {
      bom: true,
      delimiter,
      relax_column_count: true,
      skip_empty_lines: true,
    }) as string[][];
  } catch (err) {
    const line = (err as { lines?: number }).lines;
    return invalid(`not a valid CSV file${line ? ` (line ${line})` : ''}`);
  }
  const [head, ...rest] = records;
  if (rest.length > MAX_STAT_IMPORT_ROWS) {
    invalid(`more than ${MAX_STAT_IMPORT_ROWS} rows`);
  }
  return { headers: (head ?? []).map((h) => h.trim()), rows: rest, sheets: [], sheet: null };
}

/** Read one worksheet (by name; default the first) of an XLSX workbook. */
export async function readStatXlsx(data: Buffer, sheetName?: string): Promise<StatSheet> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(data as unknown as ArrayBuffer);
  } catch {
    invalid('not a valid XLSX workbook');
  }
  const sheets = workbook.worksheets.map((w) => w.name);
  const sheet = sheetName ? workbook.getWorksheet(sheetName) : workbook.worksheets[0];
  if (!sheet) {
    if (sheetName) {
      throw new DomainError('INVALID_INPUT', 'sheet: no such sheet in the workbook', {
        field: 'sheet',
      });
    }
    return { headers: [], rows: [], sheets, sheet: null };
  }
  if (sheet.rowCount > MAX_STAT_IMPORT_ROWS + 1) {
    invalid(`more than ${MAX_STAT_IMPORT_ROWS} rows`);
  }
  const width = sheet.columnCount;
  const all: string[][] = [];
  sheet.eachRow({ includeEmpty: false }, (row) => {
    const cells: string[] = [];
    for (let c = 1; c <= width; c += 1) {
      cells.push(spreadsheetCellText(row.getCell(c).value).trim());
    }
    if (cells.some((c) => c !== '')) {
      all.push(cells);
    }
  });
  const [head, ...rest] = all;
  return { headers: head ?? [], rows: rest, sheets, sheet: sheet.name };
}

/** One value of an ADX file: its group's attributes and its own (all as printed). */
export type AdxValue = {
  dataSet: string | null;
  period: string;
  orgUnit: string;
  dataElement: string;
  attributes: Record<string, string>;
  value: string | null;
};

const ADX_NS = 'urn:ihe:qrph:adx:2015';
const GROUP_ATTRS = new Set(['dataSet', 'period', 'orgUnit', 'completeDate']);
const VALUE_ATTRS = new Set(['dataElement', 'value']);

function asArray<T>(v: T | T[] | undefined): T[] {
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}

/** Read an ADX message (DHIS2's SDMX-based XML): adx → group → dataValue. */
export function readAdx(data: Buffer): AdxValue[] {
  const text = data.toString('utf8');
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '',
    removeNSPrefix: true,
    parseAttributeValue: false,
    parseTagValue: false,
    processEntities: true,
    isArray: (name) => name === 'group' || name === 'dataValue',
  });
  let doc: Record<string, unknown>;
  try {
    doc = parser.parse(text) as Record<string, unknown>;
  } catch {
    return invalid('not a valid ADX (XML) document');
  }
  const adx = doc.adx as Record<string, unknown> | undefined;
  if (!adx || typeof adx !== 'object') {
    return invalid('not an ADX document (no adx element)');
  }
  const out: AdxValue[] = [];
  for (const group of asArray(adx.group as Record<string, unknown>[] | undefined)) {
    const g = group as Record<string, unknown>;
    const groupAttrs: Record<string, string> = {};
    for (const [k, v] of Object.entries(g)) {
      if (typeof v === 'string' && !GROUP_ATTRS.has(k)) {
        groupAttrs[k] = v;
      }
    }
    for (const dv of asArray(g.dataValue as Record<string, unknown>[] | undefined)) {
      const attributes: Record<string, string> = { ...groupAttrs };
      for (const [k, v] of Object.entries(dv)) {
        if (typeof v === 'string' && !VALUE_ATTRS.has(k) && k !== '#text') {
          attributes[k] = v;
        }
      }
      out.push({
        dataSet: typeof g.dataSet === 'string' ? g.dataSet : null,
        period: typeof g.period === 'string' ? g.period : '',
        orgUnit: typeof g.orgUnit === 'string' ? g.orgUnit : '',
        dataElement: typeof dv.dataElement === 'string' ? dv.dataElement : '',
        attributes,
        value: typeof dv.value === 'string' ? dv.value : null,
      });
      if (out.length > MAX_STAT_IMPORT_ROWS) {
        invalid(`more than ${MAX_STAT_IMPORT_ROWS} values`);
      }
    }
  }
  return out;
}

/**
 * ADX period (ISO 8601 start/duration, `2015-01-01/P1Y`) → period id; ids are accepted as they are.
 * A year starting in another month than January is a fiscal year (`2014-10-01/P1Y` → `2014Oct`).
 */
export function adxPeriodToId(text: string): string {
  const m = /^(\d{4})-(\d{2})-01\/P(1Y|3M|1M|12M)$/.exec(text.trim());
  if (!m) {
    return text.trim();
  }
  const year = m[1] as string;
  const month = Number(m[2]);
  const months = [
    'Jan',
    'Feb',
    'Mar',
    'Apr',
    'May',
    'Jun',
    'Jul',
    'Aug',
    'Sep',
    'Oct',
    'Nov',
    'Dec',
  ];
  switch (m[3]) {
    case '1Y':
    case '12M':
      return month === 1 ? year : `${year}${months[month - 1]}`;
    case '3M':
      return (month - 1) % 3 === 0 ? `${year}Q${(month - 1) / 3 + 1}` : text.trim();
    default:
      return `${year}${String(month).padStart(2, '0')}`;
  }
}

/** Period id → ADX period (ISO 8601 start/duration). */
export function periodIdToAdx(id: string, startDate: string, type: string): string {
  const duration = type === 'Quarterly' ? 'P3M' : type === 'Monthly' ? 'P1M' : 'P1Y';
  return startDate ? `${startDate}/${duration}` : id;
}

/** An ADX group to write. */
export type AdxGroupOut = {
  dataSet: string;
  period: string;
  orgUnit: string;
  values: { dataElement: string; attributes: Record<string, string>; value: string | null }[];
};

/** Write an ADX message. */
export function writeAdx(groups: readonly AdxGroupOut[], exported: Date): Buffer {
  const builder = new XMLBuilder({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    format: true,
    suppressEmptyNode: true,
  });
  const xml = builder.build({
    adx: {
      '@_xmlns': ADX_NS,
      '@_exported': exported.toISOString(),
      group: groups.map((g) => ({
        '@_dataSet': g.dataSet,
        '@_period': g.period,
        '@_orgUnit': g.orgUnit,
        dataValue: g.values.map((v) => ({
          '@_dataElement': v.dataElement,
          ...Object.fromEntries(Object.entries(v.attributes).map(([k, a]) => [`@_${k}`, a])),
          ...(v.value === null ? {} : { '@_value': v.value }),
        })),
      })),
    },
  }) as string;
  return Buffer.from(`<?xml version="1.0" encoding="UTF-8"?>\n${xml}`, 'utf8');
}
